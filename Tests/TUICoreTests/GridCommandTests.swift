import Foundation
import JSONValue
import PipedriveEngine
import Testing
@testable import TUICore

/// The grid's `:` commands as a state machine: `:s` find and replace, `:w`/`:W` export, `:7` and
/// `:deals 7` to a record. Keys and results in, staged changes, effects and files out; no terminal.
@Suite struct GridCommandTests {
    func run(_ line: String, in state: inout AppState) -> [Effect] {
        state.command = LineEditor(line)
        return state.press(.enter)
    }

    /// The session an effect's work is run on (writing a file sends nothing).
    let session = Session(settings: ConnectionSettings(baseURL: URL(string: "http://127.0.0.1:9")!, credential: .apiToken("x"), profileName: "t"))

    @Test func linesParseIntoCommandsOrClearErrors() throws {
        #expect(try GridCommand.parse("7") == .goTo(7))
        #expect(try GridCommand.parse("s/Gmbh/GmbH/gi") == .substitute(try Substitution(parsing: "s/Gmbh/GmbH/gi")))
        #expect(try GridCommand.parse("w out.csv") == .export(path: "out.csv", raw: false, allPages: false))
        #expect(try GridCommand.parse("w! ~/a b.json") == .export(path: "~/a b.json", raw: true, allPages: false))
        #expect(try GridCommand.parse("W all.ndjson") == .export(path: "all.ndjson", raw: false, allPages: true))
        #expect(try GridCommand.parse("deals") == nil)
        #expect(try GridCommand.parse("stages") == nil)
        #expect(throws: PipedriveError.self) { try GridCommand.parse("w") }
        #expect(throws: PipedriveError.self) { try GridCommand.parse("w out.txt") }
        #expect(throws: PipedriveError.self) { try GridCommand.parse("s/a/b/x") }
        var (state, _) = try StateMachineTests().dealsGrid(5, next: nil)
        #expect(run("w out.xlsx", in: &state).isEmpty)
        #expect(state.message == .init(text: "Nothing was written: out.xlsx should end in .csv, .json or .ndjson.", isError: true))
    }

    @Test func goToMovesToALoadedRowElseOpensTheRecord() throws {
        var (state, _) = try StateMachineTests().dealsGrid(5, next: nil)
        #expect(run("4", in: &state).isEmpty)
        #expect(state.topGrid?.cursor == 3)
        // A filter that hides the row is cleared.
        state.press(.char("/"))
        state.type("renewal")
        state.press(.enter)
        #expect(state.topGrid?.visibleCount == 1)
        _ = run("5", in: &state)
        #expect(state.topGrid?.visibleCount == 5)
        #expect(state.topGrid?.currentRow?["id"] == 5)
        // Not loaded: its detail, with the account's fields, read by id, then named and gathered.
        guard case .loadSchema(let fields, "deals")? = run("42", in: &state).first else { Issue.record("no fields request"); return }
        #expect(state.crumbs == ["Resources", "Deals", "Deals 42"])
        let effects = state.update(.schemaLoaded(fields, dealSchema))
        guard case .session(let read, let work)? = effects.first else { Issue.record("no read: \(effects)"); return }
        #expect(work.name == "read deals 42")
        #expect(state.topDetail?.columns.contains { $0.title == "Renewal tier" } == true)
        let more = state.update(.completed(read, .success(.record(["id": 42, "title": "Found deal", "value": 12]))))
        #expect(state.crumbs.last == "Found deal")
        guard case .loadRecord(let gather, "deals", let row)? = more.first else { Issue.record("no gathering: \(more)"); return }
        #expect(row["title"] == "Found deal")
        state.update(.recordLoaded(gather, ["id": 42, "title": "Found deal", "value": 12, "participants": []]))
        #expect(state.topDetail?.lines.contains { $0.value == "Found deal" } == true)
    }

    /// Not found by id (v1's 404, v2's `is_deleted`): the detail says the record was deleted, blames no id and offers no edit.
    @Test func resourceAndIdOpensTheDetailAndANotFoundSaysItWasDeleted() throws {
        var state = makeState()
        guard case .loadSchema(let fields, "deals")? = run("deals 7", in: &state).first else { Issue.record("no fields request"); return }
        let effects = state.update(.schemaLoaded(fields, dealSchema))
        guard case .session(let read, let work)? = effects.first else { Issue.record("no read: \(effects)"); return }
        #expect(work.name == "read deals 7")
        #expect(state.topDetail?.resource == "deals")
        state.update(.completed(read, .failure(UserError(.notFound, "Not found: GET /api/v2/deals/7 (404). Check that id 7 exists and is not deleted."))))
        #expect(state.topDetail?.deleted == true && state.topDetail?.error == nil && state.message == nil)
        #expect(state.crumbs.last == "Deals 7 (deleted)")
        let text = Renderer(theme: .plain).render(state).text()
        #expect(text.contains("Deleted on Pipedrive (or never created): no deal 7 there to edit") && !text.contains("Check that id"), "\(text)")
        let hints = try #require(state.topDetail?.hints(state.shared)).map(\.text)
        #expect(!hints.contains("edit") && !hints.contains("upload"), "\(hints)")
        #expect(state.press(.char("e")).isEmpty && state.topDetail != nil)
        #expect(state.message?.text.hasPrefix("Deleted on Pipedrive") == true)
        state.press(.escape)
        // Opened from a reference (▸ Organization) or a search hit, the record existed: it was deleted.
        let orgs = try #require(state.shared.resource("organizations"))
        let opened = DetailScreen.open(id: 3, of: orgs, name: "Acme GmbH", &state.shared)
        _ = state.apply(opened)
        guard case .loadSchema(let orgFields, "organizations")? = opened.effects.first else { Issue.record("no fields request"); return }
        guard case .session(let orgRead, _)? = state.update(.schemaLoaded(orgFields, Schema(resource: orgs.definition!, catalog: .pipedrive))).first
        else { Issue.record("no read"); return }
        state.update(.completed(orgRead, .failure(UserError(.notFound, "organizations 3 was deleted in Pipedrive."))))
        #expect(state.crumbs.last == "Acme GmbH (deleted)")
        #expect(Renderer(theme: .plain).render(state).text().contains("Deleted on Pipedrive: this organization is gone and cannot be edited"))
        state.press(.escape)
        // A resource that cannot be changed has no call that reads one record by id.
        let readOnly = try #require(state.catalog.first { $0.definition != nil && !$0.writeActions.contains(.update) })
        #expect(run("\(readOnly.id) 3", in: &state).isEmpty)
        #expect(state.message?.text.hasPrefix("\(readOnly.title) has no call that reads one record by id") == true)
    }

    /// The title column selected, `:s` run, and the fields it asks for delivered.
    func replace(_ line: String, in state: inout AppState) throws {
        #expect(state.topGrid.map { $0.columns[$0.column].key } == "title")
        let effects = run(line, in: &state)
        guard case .loadSchema(let id, "deals")? = effects.first else { Issue.record("no schema request: \(effects)"); return }
        state.update(.schemaLoaded(id, dealSchema))
    }

    func titles(_ state: AppState) -> [RecordID: String] {
        var titles: [RecordID: String] = [:]
        for change in state.staging.changes {
            guard case .update(let base, let edits) = change.kind, let id = base.id else { continue }
            titles[id] = edits.first { $0.key == "title" }?.new.stringValue
        }
        return titles
    }

    @Test func replaceStagesOldToNewOverAllLoadedRows() throws {
        var (state, _) = try StateMachineTests().dealsGrid(5, next: nil)
        try replace("s/deal/Offer/i", in: &state)
        #expect(titles(state) == [.int(2): "Offer 2", .int(3): "Offer 3", .int(4): "Offer 4", .int(5): "Offer 5"])
        let group = try #require(state.staging.changes.first?.group)
        #expect(group.label == "Title: s/deal/Offer/i on 4 deals")
        #expect(state.staging.changes.allSatisfy { $0.group == group })
        #expect(state.message?.text == "staged: Title: s/deal/Offer/i on 4 deals: c shows old → new for each record; nothing is sent before")
        // Nothing matches: nothing staged, and it says so.
        var other = try StateMachineTests().dealsGrid(5, next: nil).0
        try replace("s/zzz/y/", in: &other)
        #expect(other.staging.isEmpty)
        #expect(other.message?.text == "s/zzz/y/ changes no Title in 5 rows: nothing staged")
    }

    @Test func replaceWorksOnTheMarkedRowsElseTheFilteredOnes() throws {
        var (marked, _) = try StateMachineTests().dealsGrid(5, next: nil)
        marked.press(.down, .char(" "), .char(" "))  // deals 2 and 3
        try replace("s/(\\w+) (\\d)/$2: $1/r", in: &marked)
        #expect(titles(marked) == [.int(2): "2: Deal", .int(3): "3: Deal"])
        var (filtered, _) = try StateMachineTests().dealsGrid(5, next: nil)
        filtered.press(.char("/"))
        filtered.type("deal 4")
        filtered.press(.enter)
        try replace("s/Deal/Offer/", in: &filtered)
        #expect(titles(filtered) == [.int(4): "Offer 4"])
    }

    @Test func replaceRefusesInReadOnlyAndOnANonTextColumn() throws {
        var (state, _) = try StateMachineTests().dealsGrid(5, next: nil)
        state.writeMode = .readOnly
        #expect(run("s/a/b/", in: &state).isEmpty)
        #expect(state.message?.isError == true)
        state.writeMode = .normal
        state.press(.char("l"))  // the value column
        let effects = run("s/1/2/", in: &state)
        guard case .loadSchema(let id, _)? = effects.first else { Issue.record("no schema request"); return }
        state.update(.schemaLoaded(id, dealSchema))
        #expect(state.staging.isEmpty)
        #expect(state.message?.text == "nothing staged: Value: find and replace works on text fields only.")
    }

    @Test func writeExportsWhatTheGridShowsToAFileOnce() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pdtui-export-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var (state, _) = try StateMachineTests().dealsGrid(5, next: nil)
        state.press(.char("/"))
        state.type("deal")
        state.press(.enter)
        state.press(.char("s"))  // sorted by title, ascending
        state.press(.char("s"))  // descending
        func write(_ line: String) async throws {
            let effects = run(line, in: &state)
            guard case .session(let id, let work)? = effects.first else { Issue.record("no write: \(effects)"); return }
            let result: Result<Output, UserError>
            do { result = .success(try await work.run(session)) } catch { result = .failure(UserError(error)) }
            state.update(.completed(id, result))
        }
        try await write("w \(folder)/deals.csv")
        #expect(state.message == .init(text: "wrote 4 rows to \(folder)/deals.csv", isError: false))
        let csv = try String(contentsOfFile: "\(folder)/deals.csv", encoding: .utf8)
        let lines = csv.components(separatedBy: "\r\n")
        let columns = try #require(state.topGrid?.columns)
        #expect(lines[0] == columns.map(\.title).joined(separator: ","))
        #expect(lines[1].contains("Deal 5") && lines[4].contains("Deal 2"))
        #expect(lines.count == 6)
        let mode = try FileManager.default.attributesOfItem(atPath: "\(folder)/deals.csv")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // Again: refused, the file kept.
        try await write("w \(folder)/deals.csv")
        #expect(state.message?.isError == true)
        #expect(state.message?.text.contains("already exists and was kept") == true)
        #expect(try String(contentsOfFile: "\(folder)/deals.csv", encoding: .utf8) == csv)
        // `!`: raw values, replacing it.
        try await write("w! \(folder)/deals.json")
        let json = try JSON(parsing: try String(contentsOfFile: "\(folder)/deals.json", encoding: .utf8))
        #expect(json.arrayValue?.count == 4)
        #expect(json[0]?["Title"] == "Deal 5")
        #expect(json[0]?["Value"] == JSON.double(5000.5))
        try await write("w! \(folder)/deals.csv")
        #expect(try String(contentsOfFile: "\(folder)/deals.csv", encoding: .utf8) != csv)
        try await write("w \(folder)/missing/deals.csv")
        #expect(state.message?.text.contains("does not exist") == true)
    }

    @Test func writeAllLoadsEveryPageFirstAndEscStops() throws {
        var (state, _) = try StateMachineTests().dealsGrid(100, next: "p2")
        var effects = run("W /tmp/never.csv", in: &state)
        let (second, request) = try #require(state.loadID(effects))
        #expect(request.cursor == "p2")
        #expect(state.message?.text == "loading every page before writing: 100 rows so far (Esc stops)")
        effects = state.update(.pageLoaded(second, RowPage(rows: deals(101...200), next: "p3")))
        let (third, _) = try #require(state.loadID(effects))
        effects = state.update(.pageLoaded(third, RowPage(rows: deals(201...250), next: nil)))
        guard case .session(_, let work)? = effects.first else { Issue.record("no write after the last page: \(effects)"); return }
        #expect(work.name == "write /tmp/never.csv")
        #expect(state.topGrid?.exporting?.rows == 250)
        // Esc while pages load stops, and nothing is written.
        var (stopped, _) = try StateMachineTests().dealsGrid(100, next: "p2")
        let (load, _) = try #require(stopped.loadID(run("W /tmp/never.csv", in: &stopped)))
        #expect(stopped.press(.escape).contains(.cancel(load)))
        #expect(stopped.topGrid?.exporting == nil)
        #expect(stopped.message?.text == "stopped after 100 rows: nothing was written to /tmp/never.csv")
        #expect(stopped.topGrid != nil)
    }
}
