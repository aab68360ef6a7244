import JSONValue
import PipedriveEngine
import Testing
@testable import TUICore

/// The `/` filter over rows kept in a `RowStore`: case-insensitive substrings of any value, the
/// cursor kept on its row, and pages arriving while a filter is set.
@Suite struct GridFilterTests {
    func grid(_ rows: [JSON], next: String? = nil) throws -> (AppState, Int) {
        var state = makeState()
        state.command = LineEditor("deals")
        let (id, _) = try #require(state.loadID(state.press(.enter)))
        state.update(.pageLoaded(id, RowPage(rows: rows, next: next, columns: dealColumns)))
        return (state, id)
    }

    @Test func matchesNestedValuesAndNumbersWhateverTheCase() throws {
        var (state, _) = try grid(deals(1...30))
        state.press(.char("/"))
        state.type("ACME CORP")  // org_id.name, nested
        #expect(state.topGrid!.visibleCount == 30)
        state.press(.ctrl("u"))
        state.type("15000.5")  // deal 15's value, a double
        #expect(state.topGrid!.visibleCount == 1)
        #expect(state.topGrid!.currentRow?["id"] == 15)
        state.press(.ctrl("u"))
        state.type("deal 2")
        #expect((0..<state.topGrid!.visibleCount).compactMap { state.topGrid!.row(at: $0)?["id"]?.intValue } == [2] + Array(20...29))
    }

    @Test func theCursorStaysOnItsRowAsTheFilterNarrowsAndClears() throws {
        var (state, _) = try grid(deals(1...100))
        for _ in 0..<14 { state.press(.down) }
        #expect(state.topGrid!.currentRow?["id"] == 15)
        state.press(.char("/"))
        state.type("deal 1")
        #expect(state.topGrid!.currentRow?["id"] == 15)
        state.type("5")
        #expect(state.topGrid!.currentRow?["id"] == 15)
        state.press(.enter, .escape)  // leave the filter line, then clear the filter
        #expect(state.topGrid!.visibleCount == 100)
        #expect(state.topGrid!.currentRow?["id"] == 15)
    }

    @Test func pagesArrivingWhileFilteredAreFilteredToo() throws {
        var (state, _) = try grid(deals(1...50), next: "p2")
        // The cursor at the end asks for the next page, which arrives once the filter is set.
        let (id, _) = try #require(state.loadID(state.press(.char("G"))))
        state.press(.char("g"), .char("/"))
        state.type("deal 7")
        #expect(state.topGrid!.visibleCount == 1)  // Deal 7; 70 to 79 are not loaded yet
        state.press(.enter)
        state.update(.pageLoaded(id, RowPage(rows: deals(51...100), next: nil, columns: dealColumns)))
        let ids = (0..<state.topGrid!.visibleCount).compactMap { state.topGrid!.row(at: $0)?["id"]?.intValue }
        #expect(ids == [7] + Array(70...79))
        #expect(state.topGrid!.rows.count == 100)
    }
}
