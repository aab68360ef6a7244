import Foundation
import FoundationNetworking
import JSONValue
import PipedriveEngine
import PipedriveSandbox
import Testing

/// Finding what to fix, end to end: the real `pdtui` in tmux against a real sandbox over HTTP.
@Suite(.serialized) struct FindAndMergeTests {
    /// The token's user, as the sandbox answers `/v1/users/me`.
    func me(_ account: Account) async throws -> Int {
        var request = URLRequest(url: URL(string: account.server.baseURL + "/v1/users/me")!)
        request.setValue(account.server.apiToken, forHTTPHeaderField: "x-api-token")
        let (data, _) = try await URLSession.shared.data(for: request)
        return try #require(JSON(parsing: data)["data"]?["id"]?.intValue)
    }

    /// `:deals status=open owner=me` reads the narrowed list from the server (names resolved to ids), and
    /// `F` applies a saved filter picked from the account's list.
    @Test func serverFiltersAndASavedFilter() async throws {
        let account = try Account()
        let user = try await me(account)
        let open = account.rows("deals").filter { $0["status"]?.stringValue == "open" && $0["owner_id"]?.intValue == user }
        #expect(open.count > 0)

        let tui = try account.start(width: 160, height: 30)
        try tui.wait(for: "26 resources")
        account.server.clearRequestLog()
        try tui.command("deals status=open owner=me")
        let grid = try tui.wait(for: "the narrowed deals") { $0.contains("Deals (status=open owner=me)") && $0.contains("all loaded") }
        #expect(grid.gridPosition?.of == open.count, "\(grid)")
        let reads = account.server.requestLog.filter { $0.path == "/api/v2/deals" }
        #expect(!reads.isEmpty && reads.allSatisfy { $0.query.contains("status=open") && $0.query.contains("owner_id=\(user)") }, "\(reads)")

        // F: the saved filters of deals, picked by part of the name.
        try tui.send("F")
        try tui.wait(for: "All open deals")
        try tui.type("My open")
        try tui.wait(for: "My open deals  #")
        account.server.clearRequestLog()
        try tui.send("Enter")
        try tui.settle()
        try tui.send("Enter")
        try tui.wait(for: "the saved filter's deals") { $0.contains("Deals (filter=") && $0.contains("all loaded") }
        let filtered = account.server.requestLog.filter { $0.path == "/api/v2/deals" }
        #expect(!filtered.isEmpty && filtered.allSatisfy { $0.query.contains("filter_id=") && $0.query.contains("status=open") }, "\(filtered)")

        // A name that matches nothing is refused before the list is read.
        account.server.clearRequestLog()
        try tui.command(#"deals stage="No such stage""#)
        try tui.wait(for: #"No stage is named "No such stage""#)
        #expect(!account.server.requestLog.contains { $0.path == "/api/v2/deals" })
        try tui.quit()
    }

    /// `:duplicates organizations` lists the planted group first with why; Enter opens its records; two
    /// marked rows merge into the first after the preview; the sandbox keeps only the survivor, and the
    /// journal keeps the merged-away records whole.
    @Test func findAndMergeDuplicateOrganizations() async throws {
        let account = try Account()
        let group = try #require(account.server.withStore { PlantedDuplicates.groups(in: $0) }.first { $0.table == "organizations" })
        #expect(group.ids.count == 3)
        let (survivor, others) = (group.ids[0], Array(group.ids.dropFirst()))

        let tui = try account.start(width: 160, height: 30)
        try tui.wait(for: "26 resources")
        try tui.command("duplicates organizations")
        let list = try tui.wait(for: "Müller Maschinenbau GmbH #\(survivor)")
        #expect(list.contains("same website: mueller-maschinenbau.de"), "\(list)")
        try tui.send("Enter")
        try tui.wait(for: "the group's records") { $0.contains("3 loaded, all loaded") }
        try tui.send("j", "Space")
        try tui.settle()
        try tui.send("Space")
        try tui.settle()
        try tui.send("g", "M")
        let preview = try tui.wait(for: "[ Cancel ]")
        #expect(preview.contains("Merge 2 organizations into #\(survivor) “Müller Maschinenbau GmbH” (kept)"), "\(preview)")
        #expect(preview.contains("Pipedrive cannot undo a merge"))
        #expect(preview.contains("What moves to #\(survivor)"))
        account.server.clearRequestLog()
        try tui.send("Right", "Enter")
        try tui.wait(for: "merged #\(others[0]), #\(others[1]) into #\(survivor)")
        #expect(account.writes == others.map { "PUT /api/v1/organizations/\($0)/merge" })
        let left = Set(account.rows("organizations").filter { $0["is_deleted"]?.boolValue != true && $0["active_flag"]?.boolValue != false }
            .compactMap { $0["id"]?.intValue })
        #expect(left.contains(survivor) && others.allSatisfy { !left.contains($0) })
        let journal = try Journal.standard(environment: account.environment).entries()
        #expect(Set(journal.flatMap(\.records).compactMap { $0.id.flatMap { Int($0.description) } }).isSuperset(of: others))

        // Back to the grid, then the duplicates, which read the account again: the group is gone.
        try tui.send("Enter")
        try tui.wait(for: "the grid read again") { $0.contains("1 loaded, all loaded") }
        try tui.send("Escape")
        try tui.wait(for: "the duplicates without the group") { $0.contains("Duplicates of organizations") && !$0.contains("#\(others[0])") && $0.contains("group 1 of") }
        try tui.quit()
    }

    /// The detail shows the record's web address; `o` over ssh (no display) shows and copies it, and on a
    /// local session with a display opens it with `$BROWSER` (here a script that writes down what it got).
    @Test func webAddressOpenedOrShown() throws {
        let account = try Account()
        let opened = account.root + "/opened"
        let browser = account.root + "/browser"
        FileManager.default.createFile(atPath: browser, contents: Data("#!/bin/sh\necho \"$1\" > \(opened)\n".utf8),
                                       attributes: [.posixPermissions: 0o700])
        let sessions: [(environment: [String: String], local: Bool)] = [
            (["DISPLAY": "", "WAYLAND_DISPLAY": "", "SSH_CONNECTION": "10.0.0.1 50000 10.0.0.2 22"], false),
            (["DISPLAY": ":99", "SSH_CONNECTION": "", "SSH_TTY": "", "BROWSER": browser], true),
        ]
        for session in sessions {
            let tui = try Tmux("--base-url \(account.server.baseURL)", width: 120, height: 30,
                               environment: account.environment.merging(session.environment) { $1 })
            try tui.wait(for: "26 resources")
            try tui.command("deals")
            let grid = try tui.wait(for: "the deals grid") { $0.gridPosition != nil && $0.contains("loaded") }
            let id = try #require(grid.lines.dropFirst(2).first?.split(separator: "│").first.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) })
            let url = account.server.baseURL + "/deal/\(id)"
            try tui.send("Enter")
            try tui.wait(for: "Web address")
            try tui.wait(for: url)
            try tui.send("o")
            if session.local {
                try tui.wait(for: "opened \(url)")
                #expect((try? String(contentsOfFile: opened, encoding: .utf8)) == url + "\n")
            } else {
                try tui.wait(for: "\(url) (copied; no display here to open a browser)")
                #expect(!FileManager.default.fileExists(atPath: opened))
            }
            try tui.quit()
        }
    }

    /// The mouse in a real terminal: tmux passes SGR mouse reports (what a terminal sends for clicks and the
    /// wheel once pdtui asks for them) to the pane. A click selects a row, the wheel scrolls, a click on the
    /// breadcrumb goes back.
    @Test func mouseClicksAndWheel() throws {
        let account = try Account()
        let tui = try account.start(width: 120, height: 30)
        try tui.wait(for: "26 resources")
        try tui.command("deals")
        try tui.wait(for: "the deals grid") { $0.gridPosition?.row == 1 && $0.contains("loaded") }
        // SGR reports are 1-based: y = 6 is the screen's sixth line, the grid's fourth row.
        func press(_ button: Int, x: Int, y: Int) throws {
            try tui.type("\u{1B}[<\(button);\(x);\(y)M")
            try tui.type("\u{1B}[<\(button);\(x);\(y)m")
        }
        try press(0, x: 3, y: 6)
        try tui.wait(for: "row 4 after the click") { $0.gridPosition?.row == 4 }
        try tui.type("\u{1B}[<65;3;6M")
        try tui.wait(for: "row 7 after the wheel") { $0.gridPosition?.row == 7 }
        try tui.type("\u{1B}[<64;3;6M")
        try tui.wait(for: "row 4 after the wheel up") { $0.gridPosition?.row == 4 }
        // (A double-click needs two presses within 400 ms; tmux calls under load are too slow for that, so
        // it is checked in MouseTests; here the row is clicked and opened with Enter.)
        try press(0, x: 3, y: 5)
        try tui.wait(for: "row 3 after the click") { $0.gridPosition?.row == 3 }
        try tui.send("Enter")
        try tui.wait(for: "the third row's detail") { $0.contains("Web address") && $0.contains("field 1 of") }
        try press(0, x: 10, y: 1)
        try tui.wait(for: "back in the grid on row 3") { $0.gridPosition?.row == 3 }
        try tui.quit()
    }
}
