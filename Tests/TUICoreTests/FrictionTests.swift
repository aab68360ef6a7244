import JSONValue
import PipedriveEngine
import Testing
@testable import TUICore

/// Issue 12's friction items as state machines: `G` to the real end, `r` keeping the record, `n` in a
/// parent's list, Enter on a reference.
@Suite struct FrictionTests {
    /// A deals grid with its first page (rows `1...count`, more to come).
    func dealsGrid(_ count: Int = 30, next: String? = "p2") throws -> AppState {
        var state = makeState()
        state.command = LineEditor("deals")
        let (page, _) = try #require(state.loadID(state.press(.enter)))
        state.update(.pageLoaded(page, RowPage(rows: deals(1...count), next: next, columns: dealColumns)))
        return state
    }

    /// The page request the grid on top has in flight (the first page's arrival asks for the second).
    func inFlight(_ state: AppState) throws -> Int { try #require(state.topGrid?.loading) }

    @Test func bigGLoadsEveryPageThenGoesToTheLastRow() throws {
        var state = try dealsGrid()
        let second = try inFlight(state)
        #expect(state.press(.char("G")).isEmpty, "the page in flight goes on")
        #expect(state.topGrid?.status(state.shared).parts.contains { $0.contains("loading every page") } == true)
        let third = try #require(state.loadID(state.update(.pageLoaded(second, RowPage(rows: deals(31...60), next: "p3")))))
        #expect(third.1.cursor == "p3" && state.topGrid?.cursor == 59)
        state.update(.pageLoaded(third.0, RowPage(rows: deals(61...75), next: nil)))
        let grid = try #require(state.topGrid)
        #expect(grid.rows.count == 75 && grid.exhausted && grid.cursor == 74 && !grid.seekingEnd)
        #expect(grid.loading == nil)
    }

    @Test func bigGAsksForTheNextPageWhenNoneIsInFlight() throws {
        var state = try dealsGrid(5, next: nil)
        state.press(.char("G"))
        #expect(state.topGrid?.cursor == 4 && state.topGrid?.seekingEnd == false)
    }

    @Test func escStopsBigGKeepingTheRowsLoaded() throws {
        var state = try dealsGrid()
        let second = try inFlight(state)
        state.press(.char("G"))
        state.update(.pageLoaded(second, RowPage(rows: deals(31...60), next: "p3")))
        let pending = try inFlight(state)
        let effects = state.press(.escape)
        #expect(effects.contains(.cancel(pending)))
        let grid = try #require(state.topGrid)
        #expect(grid.rows.count == 60 && !grid.seekingEnd && grid.next == "p3" && grid.cursor == 59)
        #expect(state.shared.message?.text.contains("stopped with 60 rows loaded") == true)
        #expect(state.stack.count == 2, "Esc stopped the loading, it did not leave the grid")
    }

    @Test func reloadKeepsTheCursorOnTheSameRecord() throws {
        var state = try dealsGrid(30, next: nil)
        state.press(.char("j"), .char("j"), .char("j"))  // deal 4
        #expect(state.topGrid?.currentRow?["id"] == 4)
        let (reload, request) = try #require(state.loadID(state.press(.char("r"))))
        #expect(request.cursor == nil)
        // Two deals were added before it on the server: deal 4 is now the sixth row.
        state.update(.pageLoaded(reload, RowPage(rows: deals(100...101) + deals(1...30), next: nil)))
        #expect(state.topGrid?.currentRow?["id"] == 4)
    }

    @Test func reloadReadsPagesUntilTheRecordIsFound() throws {
        var state = try dealsGrid(30, next: "p2")
        state.press(.char("G"))
        state.update(.pageLoaded(try inFlight(state), RowPage(rows: deals(31...40), next: nil)))
        #expect(state.topGrid?.currentRow?["id"] == 40)
        let (reload, _) = try #require(state.loadID(state.press(.char("r"))))
        state.update(.pageLoaded(reload, RowPage(rows: deals(1...30), next: "p2")))
        state.update(.pageLoaded(try inFlight(state), RowPage(rows: deals(31...40), next: nil)))
        #expect(state.topGrid?.currentRow?["id"] == 40)
    }

    @Test func newInAParentsListFillsInTheParent() throws {
        var state = makeState()
        state.command = LineEditor("activities deal 7")
        let (page, request) = try #require(state.loadID(state.press(.enter)))
        state.update(.pageLoaded(page, RowPage(rows: [["id": 1, "subject": "Call", "deal_id": 7]], next: nil, columns: [])))
        let effects = state.press(.char("n"))
        guard case .loadSchema(let id, "activities")? = effects.first else { Issue.record("no form: \(effects) \(request)"); return }
        let fields = [CustomField(key: "subject", name: "Subject", type: .varchar, isCustom: false),
                      CustomField(key: "deal_id", name: "Deal", type: .deal, isCustom: false)]
        state.update(.schemaLoaded(id, Schema(resource: Catalog.pipedrive.resource(named: "activities")!, customFields: fields)))
        let form = try #require(state.stack.last?.screen as? FormScreen)
        let deal = try #require(form.fields.first { $0.input == .reference("deals") })
        #expect(deal.value == "7" && deal.isChanged)
        #expect(form.fields.filter(\.isChanged).count == 1)
    }

    @Test func newInAResourcesOwnListFillsInNothing() throws {
        var state = try dealsGrid()
        let effects = state.press(.char("n"))
        guard case .loadSchema(let id, "deals")? = effects.first else { Issue.record("no form"); return }
        state.update(.schemaLoaded(id, WriteStateTests.schema("deals")))
        let form = try #require(state.stack.last?.screen as? FormScreen)
        #expect(!form.fields.isEmpty && !form.isChanged)
    }

    @Test func enterOnAReferenceOpensThatRecordsDetailByItsName() throws {
        var state = try dealsGrid()
        state.press(.enter)
        var detail = try #require(state.topDetail)
        let line = try #require(detail.lines.firstIndex { $0.label == "Organization" })
        #expect(detail.lines[line].target == .record(resource: "organizations", id: 7))
        detail.cursor.index = line
        state.stack[state.stack.count - 1].screen = detail
        let effects = state.press(.enter)
        let opened = try #require(state.topDetail)
        #expect(opened.resource == "organizations" && opened.title == "Acme Corp")
        #expect(effects.contains { if case .loadSchema(_, "organizations") = $0 { true } else { false } })
        #expect(state.crumbs.last == "Acme Corp")
    }
}

extension FrictionTests {
    /// Item search shows each hit as its record with its type; Enter opens the record's own detail.
    @Test func itemSearchHitsShowTheirTypeAndOpenTheirOwnRecord() throws {
        var state = makeState()
        state.command = LineEditor("itemSearch read acme")
        let (page, _) = try #require(state.loadID(state.press(.enter)))
        let hits: [JSON] = [["result_score": 0.75, "item": ["id": 5, "type": "deal", "title": "Acme renewal"]],
                            ["result_score": 0.5, "item": ["id": 9, "type": "person", "name": "Ada Acme"]]]
        state.update(.pageLoaded(page, RowPage(rows: hits.map(ItemSearchRows.row), next: nil, columns: ItemSearchRows.columns)))
        let grid = try #require(state.topGrid)
        #expect(grid.columns.map(\.title).prefix(3) == ["ID", "Type", "Name"])
        #expect(grid.currentRow?["type"] == "deal" && grid.currentRow?["name"] == "Acme renewal")
        let effects = state.press(.char("j"), .enter)
        let detail = try #require(state.topDetail)
        #expect(detail.resource == "persons" && detail.title == "Ada Acme")
        #expect(effects.contains { if case .loadSchema(_, "persons") = $0 { true } else { false } })
    }
}

extension FrictionTests {
    /// `/` with pages left says it saw the loaded rows only and offers the search, which `S` opens with the text.
    @Test func filterOverLoadedRowsOffersTheServerSearch() throws {
        var state = try dealsGrid()
        state.press(.char("/"))
        state.type("acme")
        state.press(.enter)
        let parts = try #require(state.topGrid?.status(state.shared).parts)
        #expect(parts.contains("filter \"acme\" in loaded rows only: S searches Pipedrive"), "\(parts)")
        state.press(.char("S"))
        let prompt = try #require(state.topPrompt)
        #expect(prompt.fields[prompt.focus].text == "acme")
        // Every page loaded: the filter saw every row.
        var all = try dealsGrid(30, next: nil)
        all.press(.char("/"))
        all.type("acme")
        #expect(all.topGrid?.status(all.shared).parts.contains("filter \"acme\"") == true)
    }
}
