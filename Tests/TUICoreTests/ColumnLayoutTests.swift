import Foundation
import JSONValue
import PipedriveEngine
import Testing
@testable import TUICore

/// Hiding, showing and ordering columns: the layout value, the chooser and grid keys, and the file.
@Suite struct ColumnLayoutTests {
    /// `:deals` with one page of rows and the account's columns.
    func dealsGrid(_ state: AppState = makeState()) throws -> AppState {
        var state = state
        state.command = LineEditor("deals")
        let (id, _) = try #require(state.loadID(state.press(.enter)))
        state.update(.pageLoaded(id, RowPage(rows: deals(1...30), next: nil, columns: dealColumns)))
        return state
    }

    let renewal = "9f3c0e1b2a4d5e6f708192a3b4c5d6e7f8091a2b"

    func keys(_ state: AppState) -> [String] { state.topGrid?.columns.map(\.key) ?? [] }

    @Test func layoutKeepsTheKeyFirstOrdersHidesAndAppendsNewColumns() {
        let columns = ["title", "id", "value", "status", "org_id"].map {
            ColumnInfo(key: $0, title: $0, kind: .text, isKey: $0 == "id")
        }
        // "gone" is a column this grid does not have (yet): it is skipped, and kept in the layout.
        let layout = ColumnLayout(order: ["status", "gone", "title"], hidden: ["value", "id"])
        #expect(layout.apply(to: columns).map(\.key) == ["id", "status", "title", "org_id"])
        #expect(layout.arranged(columns).map(\.key) == ["id", "status", "title", "value", "org_id"])
        let next = layout.replacing(with: [("title", true), ("status", false), ("value", true), ("org_id", true)])
        #expect(next.order == ["title", "status", "value", "org_id", "gone"])
        #expect(next.hidden == ["status", "id"])
        #expect(ColumnLayout().apply(to: columns).map(\.key) == ["id", "title", "value", "status", "org_id"])
    }

    @Test func layoutsRoundTripThroughJSONAndRefuseOtherShapes() throws {
        let layouts = ColumnLayouts(["deals": ColumnLayout(order: ["value", "title"], hidden: ["status"])])
        let text = String(decoding: layouts.json.serialized(), as: UTF8.self)
        #expect(ColumnLayouts(json: try JSON(parsing: Array(text.utf8))) == layouts)
        #expect(ColumnLayouts(json: ["format": 2, "resources": [:]]) == nil)
        #expect(ColumnLayouts(json: ["format": 1, "resources": ["deals": ["order": [1], "hidden": []]]]) == nil)
        #expect(ColumnLayouts(json: ["format": 1]) == nil)
    }

    @Test func savedLayoutAppliesWhenTheGridOpensAndAgainWhenTheAccountsColumnsArrive() throws {
        var state = makeState()
        state.columnLayouts["deals"] = ColumnLayout(order: ["status", renewal, "title"], hidden: ["value", "active"])
        state.command = LineEditor("deals")
        let (id, _) = try #require(state.loadID(state.press(.enter)))
        // Before the first page: the catalog's columns (no account fields yet), laid out.
        let catalogKeys = try #require(state.resource("deals")).columns.map(\.key)
        #expect(catalogKeys.contains("active") && !catalogKeys.contains(renewal) && !catalogKeys.contains("status"))
        #expect(keys(state) == catalogKeys.filter { $0 != "active" && !DefaultColumns.v1Leftovers.contains($0) })
        state.update(.pageLoaded(id, RowPage(rows: deals(1...3), next: nil, columns: dealColumns)))
        // The account's fields arrived with the page and take their saved places; the rest follow in template order.
        #expect(keys(state).prefix(4) == ["id", "status", renewal, "title"])
        #expect(!keys(state).contains("value") && !keys(state).contains("active"))
        #expect(state.topGrid?.allColumns.count == dealColumns.count)
        let defaults = try #require(state.topGrid?.defaultHidden)
        #expect(Set(keys(state)) == Set(dealColumns.map(\.key)).subtracting(["value", "active"]).subtracting(defaults))
        // The selection starts after the key column, as in any grid.
        #expect(state.topGrid.map { $0.columns[$0.column].key } == "status")
        // A column the layout never named (new since it was saved) is shown (its rows fill it), after the named ones.
        let extra = ColumnInfo(key: "brand_new", title: "Brand new", kind: .text)
        let rows = deals(1...3).map { JSON.object(($0.objectValue ?? [:]).merging(["brand_new": "new"]) { a, _ in a }) }
        state.update(.pageLoaded(try #require(state.loadID(state.press(.char("r")))).0,
                                 RowPage(rows: rows, next: nil, columns: dealColumns + [extra])))
        #expect(keys(state).last == "brand_new")
    }

    @Test func chooserListsEveryColumnTogglesMovesAndApplies() throws {
        var state = try dealsGrid()
        state.press(.char("C"))
        let chooser = try #require(state.columnChooser)
        #expect(chooser.items.map(\.column.key) == dealColumns.map(\.key))
        #expect(chooser.items.contains { $0.column.title == "Renewal tier" })
        // Shown but for the default-hidden: the catalog's columns empty on every row (`deleted`).
        #expect(chooser.items.filter { !$0.visible }.map(\.column.key).contains("deleted"))
        #expect(chooser.items.prefix(6).allSatisfy { $0.visible })
        // The cursor starts on the grid's selected column (Title, after the key column).
        #expect(chooser.cursor.index == 1)
        // The key column can be neither hidden nor moved.
        state.press(.home, .char(" "))
        #expect(state.columnChooser?.items[0].visible == true)
        #expect(state.message?.isError == true)
        state.press(.shiftDown)
        #expect(state.columnChooser?.items[0].column.key == "id")
        // Hide Value, move Status above Title (K and Shift-↑), Organization down (J).
        state.press(.down, .down, .char(" "))
        state.press(.down, .shiftUp, .shiftUp)
        #expect(state.columnChooser?.items.prefix(4).map(\.column.key) == ["id", "status", "title", "value"])
        #expect(state.columnChooser?.items[0].column.key == "id")
        state.press(.shiftUp)  // already just below the key column: stays
        #expect(state.columnChooser?.items[1].column.key == "status")
        // Nothing changed in the grid until Enter.
        #expect(keys(state).prefix(3) == ["id", "title", "value"])
        state.press(.enter)
        #expect(state.columnChooser == nil)
        #expect(keys(state).prefix(3) == ["id", "status", "title"])
        #expect(!keys(state).contains("value"))
        #expect(state.columnLayouts["deals"].hidden == ["value"])
        // Showing it again from the chooser puts it back where the list has it.
        state.press(.char("C"))
        let value = try #require(state.columnChooser?.items.firstIndex { $0.column.key == "value" })
        #expect(state.columnChooser?.items[value].visible == false)
        state.press(.home)
        for _ in 0..<value { state.press(.down) }
        state.press(.char(" "), .enter)
        #expect(keys(state).prefix(4) == ["id", "status", "title", "value"])
    }

    @Test func escapeLeavesTheChooserWithoutChanges() throws {
        var state = try dealsGrid()
        let before = keys(state)
        state.press(.char("C"), .down, .char(" "), .shiftDown, .escape)
        #expect(state.columnChooser == nil)
        #expect(keys(state) == before)
        #expect(state.columnLayouts == ColumnLayouts())
        #expect(state.topGrid != nil)  // Esc closed the chooser, not the grid
    }

    @Test func gridKeysHideAndMoveTheSelectedColumn() throws {
        var state = try dealsGrid()
        #expect(state.topGrid?.columns[state.topGrid!.column].key == "title")
        state.press(.char("-"))
        #expect(!keys(state).contains("title"))
        #expect(state.columnLayouts["deals"].hidden == ["title"])
        // The selection stays on a shown column, which moves right past its neighbour.
        let selected = try #require(state.topGrid.map { $0.columns[$0.column].key })
        #expect(selected == "value")
        state.press(.char(">"))
        #expect(keys(state).prefix(3) == ["id", "status", "value"])
        #expect(state.topGrid.map { $0.columns[$0.column].key } == "value")
        state.press(.char("<"), .char("<"))  // the key column stays first
        #expect(keys(state).prefix(3) == ["id", "value", "status"])
        // The key column cannot be hidden.
        state.press(.char("0"))
        state.press(.char("-"))
        #expect(keys(state).first == "id")
        #expect(state.message?.isError == true)
    }

    @Test func aLayoutChangeReachesEveryGridOfTheResource() throws {
        var state = try dealsGrid()
        // A second deals grid (the search action) over the first, then hide a column there.
        let info = try #require(state.resource("deals"))
        let search = try #require(info.actions.first { $0.parameters.contains { $0.kind == .term } })
        _ = state.apply(state.shared.openGrid(info, search, ["term": "acme"]))
        #expect(state.stack.count == 3)
        state.press(.char("-"))
        #expect(state.columnLayouts["deals"].hidden == ["title"])
        let below = try #require(state.stack[1].screen as? GridScreen)
        #expect(!below.columns.contains { $0.key == "title" })
        // Opening deals afresh uses the layout.
        state.command = LineEditor("deals")
        state.press(.enter)
        #expect(!keys(state).contains("title"))
    }

    @Test func searchKeyOpensTheSearchActionWithTheFilterText() throws {
        var state = try dealsGrid()
        state.press(.char("/"))
        state.type("acme")
        state.press(.enter, .char("S"))
        guard let prompt = state.topPrompt else { Issue.record("no prompt"); return }
        #expect(prompt.resource == "deals")
        let term = try #require(prompt.fields.firstIndex { $0.parameter.kind == .term })
        #expect(prompt.focus == term)
        #expect(prompt.fields[term].text == "acme")
        // Enter runs it with the term.
        let (_, request) = try #require(state.loadID(state.press(.enter)))
        #expect(request.parameters["term"] == "acme")
        #expect(request.resource == "deals" && request.action == prompt.action.name)

        // With no filter, the term is empty and waiting to be typed.
        var fresh = try dealsGrid()
        fresh.press(.char("S"))
        guard let empty = fresh.topPrompt else { Issue.record("no prompt"); return }
        #expect(empty.fields[empty.focus].text.isEmpty)
        #expect(empty.fields[empty.focus].parameter.kind == .term)
    }

    @Test func searchKeyExplainsWhenTheResourceHasNoSearchAction() throws {
        let info = try #require(catalog.first { !$0.actions.contains { $0.parameters.contains { $0.kind == .term } } && $0.actions.contains { $0.name == "Read" } })
        var state = makeState()
        state.command = LineEditor(info.id)
        state.press(.enter)
        let depth = state.stack.count
        state.press(.char("S"))
        #expect(state.stack.count == depth)
        #expect(state.message == .init(text: "\(info.title) has no search action", isError: true))
    }

    @Test func layoutFileSavesWithMode600LoadsAndMovesACorruptFileAside() throws {
        let folder = NSTemporaryDirectory() + "pdtui-columns-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = ColumnLayoutFile(path: folder + "/columns/demo.json")
        #expect(file.load().layouts == ColumnLayouts() && file.load().notice == nil)  // no file yet
        let layouts = ColumnLayouts(["deals": ColumnLayout(order: ["status"], hidden: ["value"])])
        try file.save(layouts)
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        #expect(file.load().layouts == layouts)

        try Data("{\"format\": 1, \"resources\": {\"deals\": 7}}".utf8).write(to: URL(fileURLWithPath: file.path))
        let (loaded, notice) = file.load()
        #expect(loaded == ColumnLayouts())
        #expect(notice?.contains(file.path) == true)
        #expect(notice?.contains("moved it aside to demo.json.bad") == true)
        #expect(FileManager.default.fileExists(atPath: file.path + ".bad"))
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }
}
