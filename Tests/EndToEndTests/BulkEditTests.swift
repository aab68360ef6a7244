import Foundation
import JSONValue
import PipedriveEngine
import PipedriveSandbox
import Testing

/// Bulk fixes in the real `pdtui` in tmux against a sandbox over HTTP: `*` after a filter, one form for
/// the marked deals, the grouped commit and its undo; `:s` over organization names; `:deals 7`; `:w`
/// to CSV and JSON. Each outcome is read back from the sandbox's store, the staging file or the file.
@Suite(.serialized) struct BulkEditTests {
    /// The ids and edits of the staged updates, from the staging file pdtui saved.
    func staged(_ account: Account) throws -> [(id: Int, edits: [FieldEdit])] {
        let staging = try #require(try account.staged())
        return staging.changes.compactMap { change in
            guard case .update(let base, let edits) = change.kind, let id = base.id.flatMap({ Int($0.description) }) else { return nil }
            return (id, edits)
        }
    }

    func owner(_ account: Account, _ deal: Int) -> Int? { account.rows("deals").first { $0["id"]?.intValue == deal }?["owner_id"]?.intValue }

    @Test func starAfterAFilterThenOneFormSetsTheOwnerOnEveryMarkedDealCommittedAndUndoneAsOne() throws {
        let account = try Account()
        let users = account.rows("users").filter { $0["id"]?.intValue != 1 }
        let latin = users.first { $0["name"]?.stringValue?.unicodeScalars.allSatisfy { $0.value < 0x250 } == true }
        let user = try #require(latin ?? users.first)
        let (userID, name) = (try #require(user["id"]?.intValue), try #require(user["name"]?.stringValue))
        let before = Dictionary(uniqueKeysWithValues: account.rows("deals").compactMap { row in
            row["id"]?.intValue.map { ($0, row["owner_id"]?.intValue) }
        })
        let tui = try account.start(width: 100, height: 30)
        try tui.openGrid("deals")
        try tui.send("/")
        try tui.wait(for: "the filter line") { $0.bottomLine.hasPrefix("/") }
        try tui.type("renewal")
        try tui.wait(for: "the filter typed") { $0.bottomLine.contains("renewal") }
        try tui.send("Enter")
        let filtered = try tui.wait(for: "the filtered grid") { $0.contains("filter \"renewal\"") && !$0.bottomLine.hasPrefix("/") }
        let shown = try #require(filtered.gridPosition?.of)
        try tui.send("*")
        try tui.wait(for: "\(shown) marked · e edits all")
        try tui.send("e")
        try tui.wait(for: "the bulk form") { $0.contains("Edit \(shown) deals") && $0.contains("(various)") && $0.contains("Owner") }
        try tui.send("Down")
        try tui.wait(for: "Owner focused") { $0.lines.contains { $0.hasPrefix("▸") && $0.contains("Owner") } }
        try tui.type(name)
        try tui.wait(for: "\(name) found") { $0.contains("#\(userID)") }
        try tui.send("Enter")
        try tui.wait(for: "\(name) picked, on to the next field") { $0.lines.contains { $0.hasPrefix("▸") && $0.contains("Value") } }
        try tui.send("C-s")
        let staged = try tui.wait(for: "staged: Owner → \(name) on")
        // Every marked deal not already owned by the user, with only the owner changed, as one group.
        let changes = try self.staged(account)
        let ids = changes.map(\.id)
        #expect(!ids.isEmpty && ids.count <= shown)
        #expect(staged.contains("Owner → \(name) on \(ids.count) deals"))
        #expect(changes.allSatisfy { $0.edits.map(\.title) == ["Owner"] && $0.edits[0].new == .int(userID) }, "\(changes.map(\.edits))")
        #expect(ids.allSatisfy { before[$0] != userID })
        #expect(account.writes.isEmpty)

        try tui.send("c")
        try tui.wait(for: "the group's one line") { $0.contains("▸ Owner → \(name) on \(ids.count) deals") && $0.contains("\(ids.count) records · Enter lists each record") }
        try tui.send("Enter")
        let listed = try tui.wait(for: "each record listed") { $0.contains("▾ Owner → \(name)") && $0.contains("Update deals \(ids[0])") }
        // Each record's new owner reads by name, as on the group's line, not as the user's id.
        #expect(listed.lines.contains { $0.contains("Owner: ") && $0.trimmingCharacters(in: .whitespaces).hasSuffix("→ \(name)") }, "\(listed)")
        try tui.send("c")
        try tui.wait(for: "✓ Owner → \(name) on \(ids.count) deals: \(ids.count) of \(ids.count) done")
        #expect(account.writes == ids.map { "PATCH /api/v2/deals/\($0)" })
        #expect(ids.allSatisfy { owner(account, $0) == userID })

        // One undo writes every old owner back, as one.
        account.server.clearRequestLog()
        try tui.send("Escape")
        try tui.wait(for: "the grid") { $0.gridPosition != nil && !$0.contains("Commit") }
        try tui.send("u")
        let dialog = try tui.wait(for: "Undo the last change?")
        #expect(dialog.contains("update deals \(ids.prefix(3).map(String.init).joined(separator: ","))"))
        try tui.send("Right", "Enter")
        try tui.wait(for: "undone: update deals")
        #expect(account.writes.count == ids.count && account.writes.allSatisfy { $0.hasPrefix("PATCH /api/v2/deals/") })
        #expect(ids.allSatisfy { owner(account, $0) == before[$0] })
        try tui.quit()
    }

    @Test func findAndReplaceInOrganizationNamesIsStagedOldToNewThenCommitted() throws {
        let account = try Account()
        let tui = try account.start(width: 100, height: 30)
        let grid = try tui.openGrid("organizations")
        #expect(grid.lines[1].contains("Name"))
        try tui.command("s/GmbH/GmbH & Co. KG/")
        let notice = try tui.wait(for: "staged: Name: s/GmbH/GmbH & Co. KG/ on")
        let changes = try staged(account)
        #expect(!changes.isEmpty)
        #expect(notice.contains("on \(changes.count) organizations"))
        for change in changes {
            let old = try #require(change.edits.first?.old.stringValue)
            #expect(change.edits.map(\.key) == ["name"])
            #expect(change.edits.first?.new.stringValue == old.replacingOccurrences(of: "GmbH", with: "GmbH & Co. KG", options: [], range: old.range(of: "GmbH")))
        }
        #expect(account.writes.isEmpty)
        // Previewed old → new per record before anything is sent.
        try tui.send("c")
        try tui.wait(for: "the group") { $0.contains("Name: s/GmbH/GmbH & Co. KG/ on \(changes.count) organizations") }
        try tui.send("Enter")
        let first = try #require(changes.first?.edits.first)
        try tui.wait(for: "old → new") { $0.contains("Name: “\(first.old.stringValue!)” → “\(first.new.stringValue!)”") }
        #expect(account.writes.isEmpty)
        try tui.send("c")
        try tui.wait(for: "\(changes.count) of \(changes.count) done")
        let names = Dictionary(uniqueKeysWithValues: account.rows("organizations").compactMap { row in
            row["id"]?.intValue.map { ($0, row["name"]?.stringValue) }
        })
        for change in changes { #expect(names[change.id] == change.edits.first?.new.stringValue) }
        try tui.quit()
    }

    @Test func dealsSevenOpensItsDetailAndColonIdMovesToALoadedRow() throws {
        let account = try Account()
        let title = try #require(account.title(7))
        let tui = try account.start(width: 100, height: 30)
        try tui.wait(for: "26 resources")
        try tui.command("deals 7")
        let detail = try tui.wait(for: "deal 7's detail") { $0.contains("Organization") && $0.lines.contains { $0.hasPrefix(" Title ") } }
        #expect(detail.lines.contains { $0.hasPrefix(" ID ") && $0.trimmingCharacters(in: .whitespaces).hasSuffix(" 7") })
        #expect(detail.lines.contains { $0.hasPrefix(" Title ") && $0.contains(String(title.prefix(6))) })
        try tui.command("deals 99999999")
        try tui.wait(for: "a sentence saying so") { $0.contains("no deal 99999999 there to edit") }
        for _ in 0..<2 {
            try tui.send("Escape")
            try tui.settle()
        }
        try tui.openGrid("deals")
        let third = try tui.wait(for: "the grid") { $0.gridPosition != nil }
        let id = try #require(third.lines.dropFirst(4).first.flatMap { Int($0.prefix { $0 != "│" }.filter(\.isNumber)) })
        try tui.command(String(id))
        try tui.wait(for: "the cursor on row 3") { $0.gridPosition?.row == 3 }
        try tui.quit()
    }

    @Test func writeTheGridToCSVAndJSONAndReadThemBack() throws {
        let account = try Account()
        let folder = account.root + "/out"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let tui = try account.start(width: 100, height: 30)
        let grid = try tui.openGrid("persons")
        let headers = grid.lines[1].split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && $0 != "›" }
        try tui.send("/")
        try tui.wait(for: "the filter line") { $0.bottomLine.hasPrefix("/") }
        try tui.type("a")
        try tui.wait(for: "the filter typed") { $0.bottomLine.hasPrefix("/a") }
        try tui.send("Enter")
        let filtered = try tui.wait(for: "the filtered grid") { $0.contains("filter \"a\"") && !$0.bottomLine.hasPrefix("/") }
        let count = try #require(filtered.gridPosition?.of)

        try tui.command("w \(folder)/persons.csv")
        try tui.wait(for: "wrote \(count) rows to \(folder)/persons.csv")
        let csv = try String(contentsOfFile: folder + "/persons.csv", encoding: .utf8)
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == count + 1)
        // The visible columns in their order under their shown names (the ones the screen could fit first).
        #expect(lines[0].hasPrefix(headers.prefix(2).joined(separator: ",")))
        let mode = try FileManager.default.attributesOfItem(atPath: folder + "/persons.csv")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // Never over a file without `!`.
        try tui.command("w \(folder)/persons.csv")
        try tui.wait(for: "already exists and was kept")
        #expect(try String(contentsOfFile: folder + "/persons.csv", encoding: .utf8) == csv)

        try tui.command("w! \(folder)/persons.json")
        try tui.wait(for: "wrote \(count) rows to \(folder)/persons.json (raw values)")
        let json = try JSON(parsing: try Data(contentsOf: URL(fileURLWithPath: folder + "/persons.json")))
        let rows = try #require(json.arrayValue)
        #expect(rows.count == count)
        let ids = Set(account.rows("persons").compactMap { $0["id"]?.intValue })
        #expect(rows.allSatisfy { $0["ID"]?.intValue.map(ids.contains) == true })
        try tui.command("w \(folder)/persons.txt")
        try tui.wait(for: "should end in .csv, .json or")

        // `:W`: every page first, then every row (the filter cleared).
        try tui.send("Escape")
        try tui.wait(for: "the filter cleared") { !$0.contains("filter \"a\"") }
        let all = account.rows("persons").count
        try tui.command("W \(folder)/all.ndjson")
        try tui.wait(for: "wrote \(all) rows to \(folder)/all.ndjson")
        let written = try String(contentsOfFile: folder + "/all.ndjson", encoding: .utf8).split(separator: "\n")
        #expect(written.count == all)
        // Shown values: the id as the grid shows it.
        let shownIDs = try written.map { try JSON(parsing: String($0))["ID"]?.stringValue.flatMap { Int($0.filter(\.isNumber)) } }
        #expect(Set(shownIDs) == Set(account.rows("persons").map { $0["id"]?.intValue }))
        try tui.quit()
    }
}
