import Foundation
import JSONValue
import PipedriveEngine
import Testing
@testable import TUICore

/// The grid as a component, without the app around it: its pages come back by request id, its paging
/// token stays in it, and its parts (marks, filter, columns, opening a detail) act on `Shared` alone.
@Suite struct GridScreenTests {
    func opened(_ shared: inout Shared) throws -> (GridScreen, Int) {
        let info = try #require(shared.resource("deals"))
        let (grid, effects) = GridScreen.open("Deals", resource: info, request: PageRequest(resource: "deals", action: "Read"), &shared)
        guard case .loadPage(let id, let request)? = effects.first else { throw GridTestError.noLoad }
        #expect(request.cursor == nil && effects.count == 1)
        return (grid, id)
    }

    enum GridTestError: Error { case noLoad }

    @Test func itsPagesAreRoutedToItAndItKeepsThePagingToken() throws {
        var shared = makeState().shared
        var (grid, first) = try opened(&shared)
        #expect(shared.requests[first] == grid.id)
        #expect(shared.finish(first) == grid.id)
        _ = grid.receive(first, .success(.page(RowPage(rows: deals(1...30), next: "p2", columns: dealColumns))), &shared)
        #expect(grid.rows.count == 30 && grid.next == "p2" && grid.loading == nil)
        // Near the end, the next page is asked for with the token the grid holds, once.
        for _ in 0..<3 { _ = grid.handle(.pageDown, .pageDown, &shared) }
        let effects = grid.sync(&shared, onTop: true)
        guard case .loadPage(let second, let request)? = effects.first else { Issue.record("no next page"); return }
        #expect(request.cursor == "p2" && shared.requests[second] == grid.id)
        #expect(grid.sync(&shared, onTop: true).isEmpty)
        // A result it did not ask for changes nothing; its own failure shows as its error.
        _ = grid.receive(second + 100, .success(.page(RowPage(rows: deals(31...40), next: nil))), &shared)
        #expect(grid.rows.count == 30)
        _ = grid.receive(second, .failure(UserError(.network, "Pipedrive could not be reached")), &shared)
        #expect(grid.error == "Pipedrive could not be reached" && grid.loading == nil && shared.message?.isError == true)
        #expect(grid.sync(&shared, onTop: true).isEmpty)  // no paging on after a failure until `r`
    }

    @Test func aGridBelowTheTopIsNotPagedButFollowsLayoutsAndStagedRows() throws {
        var shared = makeState().shared
        var (grid, first) = try opened(&shared)
        _ = shared.finish(first)
        _ = grid.receive(first, .success(.page(RowPage(rows: deals(1...5), next: "p2", columns: dealColumns))), &shared)
        shared.columnLayouts["deals"] = ColumnLayout(hidden: ["title"])
        _ = shared.staging.create(in: WriteStateTests.schema("deals"), text: ["title": "New one"])
        #expect(grid.sync(&shared, onTop: false).isEmpty)
        #expect(!grid.columns.contains { $0.key == "title" })
        #expect(grid.newRows.count == 1 && grid.visibleCount == 6)
    }

    @Test func leftForTheAppAreHelpCommandBackAndCommit() throws {
        var shared = makeState().shared
        var (grid, _) = try opened(&shared)
        for action in [KeyAction.help, .command, .back, .quit, .commit, .undo, .journal] {
            #expect(grid.handle(.char("x"), action, &shared) == nil, "\(action)")
        }
        // The column chooser opens as an overlay the app shows.
        let step = try #require(grid.handle(.char("C"), .columns, &shared))
        guard case .show(let shown)? = step.overlay, let chooser = shown as? ColumnChooser else { Issue.record("no chooser"); return }
        #expect(chooser.resource == "deals")
    }

    @Test func rowsOfARecordAreNotPagedMarkedOrReloaded() throws {
        var shared = makeState().shared
        var grid = GridScreen(id: shared.newScreenID(), title: "participants", resource: "participants",
                              local: [["person_id": 3], ["person_id": 4]], format: shared.format)
        #expect(grid.visibleCount == 2 && grid.exhausted && grid.pendingRequests.isEmpty)
        #expect(grid.handle(.char("r"), .reload, &shared)?.effects.isEmpty == true)
        _ = grid.handle(.char(" "), .mark, &shared)
        #expect(grid.marked.isEmpty && shared.message?.isError == true)
        #expect(grid.dataChanged(["participants"], &shared).isEmpty)
    }
}

extension GridScreenTests {
    /// Item search results cannot be deleted (itemSearch has no Delete): the hints do not offer `d` or marks.
    @Test func hintsNeverOfferWhatTheScreenRefuses() throws {
        var state = makeState(200, 24)
        state.command = LineEditor("itemSearch read acme")
        let (page, _) = try #require(state.loadID(state.press(.enter)))
        state.update(.pageLoaded(page, RowPage(rows: [["id": 1, "type": "deal", "title": "Acme"]], next: nil, columns: [])))
        let hints = try #require(state.topGrid?.hints(state.shared)).map(\.text)
        #expect(!hints.contains("delete") && !hints.contains("mark") && hints.contains("detail"), "\(hints)")
        state.command = LineEditor("deals")
        let (deals, _) = try #require(state.loadID(state.press(.enter)))
        state.update(.pageLoaded(deals, RowPage(rows: [["id": 1, "title": "Acme"]], next: nil, columns: [])))
        #expect(try #require(state.topGrid?.hints(state.shared)).map(\.text).contains("delete"))
    }
}
