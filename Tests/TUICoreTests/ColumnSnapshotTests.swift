import Foundation
import JSONValue
import PipedriveEngine
import Testing
@testable import TUICore

/// The column chooser and the deals grid laid out by a saved layout, at 80x24 and 160x48.
@Suite struct ColumnSnapshotTests {
    static let sizes = [(80, 24), (160, 48)]

    func dealsGrid(_ width: Int, _ height: Int, layout: ColumnLayout? = nil) throws -> AppState {
        var state = makeState(width, height)
        if let layout { state.columnLayouts["deals"] = layout }
        state.command = LineEditor("deals")
        let (id, _) = try #require(state.loadID(state.press(.enter)))
        state.update(.rateLimit(RateLimitBudget(burstLimit: 80, burstRemaining: 78, dailyTokenLimit: 60_000, dailyTokensRemaining: 57_940, sessionTokens: 60)))
        state.update(.pageLoaded(id, RowPage(rows: deals(1...60), next: "2", columns: dealColumns)))
        return state
    }

    @Test(arguments: sizes) func columnChooser(width: Int, height: Int) throws {
        var state = try dealsGrid(width, height)
        // Hide Value and move Status up, without applying yet.
        state.press(.char("C"), .down, .char(" "), .down, .shiftUp)
        try expectSnapshot(state, "column-chooser")
        try expectStyledSnapshot(state, "column-chooser")
    }

    @Test(arguments: sizes) func dealsGridLaidOut(width: Int, height: Int) throws {
        let layout = ColumnLayout(order: ["status", "9f3c0e1b2a4d5e6f708192a3b4c5d6e7f8091a2b", "title"], hidden: ["value", "add_time"])
        var state = try dealsGrid(width, height, layout: layout)
        state.press(.down)
        try expectSnapshot(state, "deals-grid-laid-out")
    }

    /// Long names: the name column takes room from the right edge instead of a cut column.
    @Test(arguments: sizes + [(200, 60)]) func dealsGridWithLongTitles(width: Int, height: Int) throws {
        var state = makeState(width, height)
        state.command = LineEditor("deals")
        let (id, _) = try #require(state.loadID(state.press(.enter)))
        let titles = ["Acme Corporation – enterprise renewal 2027", "Globex expansion (EMEA)", "Initech: TPS reports licence",
                      "Umbrella", "Stark Industries arc reactor maintenance contract"]
        let rows = deals(1...40).enumerated().map { i, row -> JSON in
            var row = row
            row["title"] = .string(titles[i % titles.count])
            return row
        }
        state.update(.pageLoaded(id, RowPage(rows: rows, next: nil, columns: dealColumns)))
        try expectSnapshot(state, "deals-grid-long-titles")
    }
}
