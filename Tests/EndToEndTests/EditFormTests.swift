import Foundation
import JSONValue
import PipedriveSandbox
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The edit and create forms of the real binary in tmux, against a sandbox of its own over HTTP
/// (`--base-url`), with state and config directories of its own; what was staged is read from the
/// staging file, and what Pipedrive holds from the sandbox.
@Suite(.serialized) struct EditFormTests {
    /// A sandbox account and the directories pdtui writes to, removed at the end.
    final class Account {
        let server: SandboxServer
        let home: String

        init() throws {
            server = try SandboxServer.start(SandboxConfiguration())
            home = FileManager.default.temporaryDirectory.appendingPathComponent("pdtui-e2e-forms-\(UUID().uuidString.prefix(8))").path
            for dir in ["state", "config", "tmp"] {
                try FileManager.default.createDirectory(atPath: home + "/" + dir, withIntermediateDirectories: true)
            }
        }

        deinit {
            server.stop()
            try? FileManager.default.removeItem(atPath: home)
        }

        /// pdtui on this account in a tmux pane.
        func open(_ flags: String = "", width: Int = 100, height: Int = 30, environment: [String: String] = [:]) throws -> Tmux {
            try Tmux("--base-url \(server.baseURL) \(flags)", width: width, height: height, environment: [
                "PIPEDRIVE_API_TOKEN": server.apiToken, "XDG_STATE_HOME": home + "/state", "XDG_CONFIG_HOME": home + "/config",
                "TMPDIR": home + "/tmp",
            ].merging(environment) { $1 })
        }

        /// The staged changes pdtui saved, or nil when it saved none.
        /// The session's staging file (`staged/<account>/<slot>.json`), if it holds changes.
        func staged() throws -> JSON? {
            let root = home + "/state/pdtui/staged"
            for account in (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [] {
                let dir = root + "/" + account
                let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
                guard let file = files.first(where: { $0.hasSuffix(".json") }) else { continue }
                return try JSON(parsing: try Data(contentsOf: URL(fileURLWithPath: dir + "/" + file)))
            }
            return nil
        }

        /// Requests that could have written something.
        var writes: [RequestLogEntry] { server.requestLog.filter { $0.method != "GET" } }

        /// A GET of the sandbox's API (`/api/v2/deals/1`): its `data`.
        func get(_ path: String) async throws -> JSON {
            var request = URLRequest(url: URL(string: server.baseURL + path)!)
            request.setValue(server.apiToken, forHTTPHeaderField: "x-api-token")
            let (data, response) = try await URLSession.shared.data(for: request)
            try #require((response as? HTTPURLResponse)?.statusCode == 200, "GET \(path)")
            return try #require(try JSON(parsing: data)["data"], "GET \(path) has no data")
        }
    }

    /// Opens `:<resource>`, waits for its rows and opens the first row's edit form.
    func editFirstRow(_ tui: Tmux, of resource: String) throws {
        try tui.wait(for: "Resources")
        try tui.command(resource)
        try tui.wait(for: "\(resource) rows") { $0.gridPosition != nil }
        try tui.send("e")
        try tui.wait(for: "the form's fields") { $0.contains("Edit ") && $0.contains("field 1 of") }
    }

    /// Tabs to the field whose label starts with `label`.
    func focus(_ tui: Tmux, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        func position(_ screen: String) -> String? {
            screen.range(of: #"(field \d+|Stage) (of|·)"#, options: .regularExpression).map { String(screen[$0]) }
        }
        for _ in 0..<80 {
            let screen = try tui.screen()
            if screen.lines.contains(where: { $0.hasPrefix("▸") && $0.dropFirst(3).hasPrefix(label) }) { return }
            let before = position(screen)
            try tui.send("Tab")
            try tui.wait(for: "the next field", sourceLocation: sourceLocation) { position($0) != before }
        }
        Issue.record("no field \(label) in the form", sourceLocation: sourceLocation)
    }

    @Test func anIntegerGiven12aIsRefusedInPlaceAndNothingIsSent() async throws {
        let account = try Account()
        let before = try await account.get("/api/v2/stages/1")
        let tui = try account.open()
        try editFirstRow(tui, of: "stages")
        try focus(tui, "deal_probability")
        try tui.send("C-u")
        try tui.type("12a")
        let typed = try tui.wait(for: "the refusal beside the field") { $0.contains("✗ \"12a\" is not a whole number") }
        #expect(typed.lines.contains { $0.hasPrefix("▸") && $0.contains("deal_probability") && $0.contains("12a") })
        try tui.send("C-s")
        try tui.wait(for: "nothing staged: 1 field needs fixing (deal_probability)")
        // The other fields still take input; Esc asks before dropping what was typed.
        try tui.send("Tab")
        try tui.send("Escape")
        try tui.wait(for: "Discard what you typed?")
        try tui.send("y")
        try tui.wait(for: "back in the grid") { $0.gridPosition != nil }
        #expect(try account.staged() == nil)
        #expect(account.writes.isEmpty, "\(account.writes)")
        let after = try await account.get("/api/v2/stages/1")
        #expect(after["deal_probability"] == before["deal_probability"])
    }

    @Test func aDealsTitleAndEnumFieldBecomeOneStagedChange() async throws {
        let account = try Account()
        let dealType = try #require(try await account.get("/api/v1/dealFields").arrayValue?.first { $0["name"] == "Deal type" })
        let key = try #require(dealType["key"]?.stringValue)
        let renewal = try #require(dealType["options"]?.arrayValue?.first { $0["label"] == "Renewal" }?["id"]?.intValue)
        let tui = try account.open()
        try editFirstRow(tui, of: "deals")
        try tui.send("C-u")
        try tui.type("Renamed in the form")
        try focus(tui, "Deal type")
        try tui.send("Enter")
        try tui.wait(for: "type to narrow")
        try tui.type("renew")
        try tui.wait(for: "the narrowed list") { $0.contains("narrowed to \"renew\"") && $0.contains("Renewal") }
        try tui.send("Enter")
        try tui.wait(for: "the picked option") { $0.lines.contains { $0.hasPrefix("▸") && $0.contains("Renewal") } }
        try tui.send("C-s")
        let grid = try tui.wait(for: "staged: Title, Deal type (press c to review and commit)")
        #expect(grid.contains("1 staged"))
        #expect(grid.gridPosition != nil)

        let staged = try #require(try account.staged(), "no staging file")
        let changes = try #require(staged["changes"]?.arrayValue)
        #expect(changes.count == 1)
        let change = try #require(changes.first)
        #expect(change["kind"] == "update")
        #expect(change["resource"] == "deals")
        let edits = try #require(change["edits"]?.arrayValue)
        #expect(edits.map { $0["key"]?.stringValue } == ["title", key])
        #expect(edits.map { $0["new"] } == [.string("Renamed in the form"), .int(renewal)])
        // Staged, not sent.
        #expect(account.writes.isEmpty, "\(account.writes)")
        let id = try #require(change["base"]?["id"]?.intValue)
        let deal = try await account.get("/api/v2/deals/\(id)")
        #expect(deal["title"] != "Renamed in the form")
    }

    /// Stages the form and waits for the notice.
    func stage(_ tui: Tmux, _ notice: String) throws {
        try tui.send("C-s")
        try tui.wait(for: notice)
    }

    /// Opens the commit view and commits; waits for the one change to be done.
    func commit(_ tui: Tmux) throws {
        try tui.send("c")
        try tui.wait(for: "the commit view's calls") { $0.contains("Commit") && $0.contains("→ ") }
        try tui.send("c")
        try tui.wait(for: "the commit's outcome") { $0.contains("1 of 1 done") }
    }

    @Test func aDealsTitleAndEnumFieldCommittedAreExactlyWhatChanges() async throws {
        let account = try Account()
        let dealType = try #require(try await account.get("/api/v1/dealFields").arrayValue?.first { $0["name"] == "Deal type" })
        let key = try #require(dealType["key"]?.stringValue)
        let partner = try #require(dealType["options"]?.arrayValue?.first { $0["label"] == "Partner" }?["id"]?.intValue)
        let tui = try account.open()
        try editFirstRow(tui, of: "deals")
        try tui.send("C-u")
        try tui.type("Committed from the form")
        try focus(tui, "Deal type")
        try tui.send("Enter")
        try tui.type("partner")
        try tui.wait(for: "the narrowed list") { $0.contains("narrowed to \"partner\"") }
        try tui.send("Enter")
        try stage(tui, "staged: Title, Deal type")
        let id = try #require(try account.staged()?["changes"]?.arrayValue?.first?["base"]?["id"]?.intValue)
        let before = try await account.get("/api/v2/deals/\(id)")
        try commit(tui)

        let writes = account.writes
        #expect(writes.map { "\($0.method) \($0.path) \($0.status)" } == ["PATCH /api/v2/deals/\(id) 200"])
        let after = try await account.get("/api/v2/deals/\(id)")
        #expect(after["title"] == "Committed from the form")
        #expect(after["custom_fields"]?[key] == .int(partner))
        // Nothing else moved but the update time.
        var expected = before.objectValue ?? [:], found = after.objectValue ?? [:]
        for changed in ["title", "update_time"] { expected[changed] = nil; found[changed] = nil }
        var expectedCustom = expected.removeValue(forKey: "custom_fields")?.objectValue ?? [:]
        var foundCustom = found.removeValue(forKey: "custom_fields")?.objectValue ?? [:]
        expectedCustom[key] = nil
        foundCustom[key] = nil
        #expect(found == expected)
        #expect(foundCustom == expectedCustom)
    }

    @Test func aPersonIsCreatedWithAnOrganizationPickedByName() async throws {
        let account = try Account()
        let tui = try account.open()
        try tui.wait(for: "Resources")
        try tui.command("persons")
        try tui.wait(for: "persons rows") { $0.gridPosition != nil }
        try tui.send("n")
        try tui.wait(for: "the new person's fields") { $0.contains("New person") && $0.contains("field 1 of") }
        try tui.type("Ada Formfield")
        try focus(tui, "Organization")
        try tui.type("Acme")
        let matches = try tui.wait(for: "organizations named Acme") { screen in
            screen.lines.contains { $0.contains("Acme") && $0.range(of: #"#\d+"#, options: .regularExpression) != nil }
        }
        let focused = try #require(matches.lines.firstIndex { $0.hasPrefix("▸") })
        let first = matches.lines[focused + 1]
        let picked = try #require(first.range(of: #"#\d+"#, options: .regularExpression).flatMap { Int(first[$0].dropFirst()) })
        try tui.send("Enter")
        try tui.wait(for: "the picked organization") { $0.contains("#\(picked)") && $0.lines.contains { $0.contains("Organization") && $0.contains("Acme") } }
        try stage(tui, "staged: new person \"Ada Formfield\"")
        try commit(tui)

        let posts = account.writes
        #expect(posts.map { "\($0.method) \($0.path) \($0.status)" } == ["POST /api/v2/persons 200"])
        let newest = try #require(try await account.get("/api/v2/persons?sort_by=id&sort_direction=desc&limit=1").arrayValue?.first)
        #expect(newest["name"] == "Ada Formfield")
        #expect(newest["org_id"] == .int(picked))
    }

    @Test func longTextIsEditedInTheEditorAndTheScreenComesBack() throws {
        let account = try Account()
        let editor = account.home + "/editor.sh"
        try "#!/bin/sh\nprintf 'Written in the editor\\nsecond line\\n' > \"$1\"\n".write(toFile: editor, atomically: true, encoding: .utf8)
        let tui = try account.open(environment: ["EDITOR": "sh " + editor])
        try editFirstRow(tui, of: "notes")
        try focus(tui, "Content")
        try tui.send("Enter")
        let back = try tui.wait(for: "the edited text in the form") { $0.contains("Written in the editor (+1 lines)") }
        #expect(back.lines.first?.contains("Edit note") == true)
        #expect(back.contains("field ") && back.contains("1 changed"))
        try tui.send("C-s")
        try tui.wait(for: "staged: Content")
        let staged = try #require(try account.staged())
        #expect(staged["changes"]?.arrayValue?.first?["edits"]?.arrayValue?.first?["new"] == "Written in the editor\nsecond line")
        // The private directory the text went through is gone.
        #expect(try FileManager.default.contentsOfDirectory(atPath: account.home + "/tmp").isEmpty)
    }

    @Test func viTakesTheTerminalAndGivesItBack() throws {
        let account = try Account()
        let tui = try account.open(environment: ["EDITOR": "vi"])
        try editFirstRow(tui, of: "notes")
        try focus(tui, "Content")
        try tui.send("Enter")
        // vi on the note's text in a private file: pdtui's screen is gone while it runs.
        try tui.wait(for: "vi on the text") { $0.contains("text.txt") && !$0.contains("Edit note") }
        // The window changes size while vi has it; pdtui comes back at the new size.
        try tui.tmux(["resize-window", "-t", "0", "-x", "90", "-y", "26"])
        try tui.type("ggdG")
        try tui.type("iTyped in vi")
        try tui.send("Escape")
        try tui.wait(for: "vi in normal mode") { !$0.contains("-- INSERT --") }
        try tui.type(":wq")
        try tui.send("Enter")
        // The whole screen, status line included (a capture can come while a frame is half written).
        let back = try tui.wait(for: "the form again, redrawn at 90x26") {
            $0.contains("Edit note") && $0.contains("Typed in vi") && $0.lines.count >= 26 && $0.lines[24].contains("1 changed")
        }
        #expect(back.lines.first?.contains("Resources") == true)
        // Keys reach the form again.
        try tui.send("C-s")
        try tui.wait(for: "staged: Content")
        #expect(try account.staged()?["changes"]?.arrayValue?.first?["edits"]?.arrayValue?.first?["new"] == "Typed in vi")
    }

    @Test func readOnlyRefusesTheForms() throws {
        let account = try Account()
        let tui = try account.open("--read-only")
        try tui.wait(for: "READ-ONLY")
        try tui.command("deals")
        let grid = try tui.wait(for: "deals rows") { $0.gridPosition != nil }
        #expect(!grid.contains("e edit"))
        try tui.send("e")
        try tui.wait(for: "read-only: nothing can be edited")
        try tui.send("n")
        try tui.wait(for: "read-only: nothing can be created")
        #expect(!(try tui.screen()).contains("Edit "))
    }
}
