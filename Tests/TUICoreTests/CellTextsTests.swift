import JSONValue
import Testing
@testable import TUICore

/// Cells formatted in one frame are reused by the next only while the row, the columns and the format
/// they were made with stay the same.
@Suite struct CellTextsTests {
    let stamp = CellStamp(columns: .next(), format: ValueFormat())

    func titles(_ store: RowStore, _ stamp: CellStamp, made: inout Int) -> [String] {
        store.texts(0, at: [0, 1], stamp: stamp) { row in
            made += 1
            return row["title"]?.stringValue ?? ""
        }.map(\.text)
    }

    @Test func aFrameReusesTheCellsTheFrameBeforeMade() {
        let store = RowStore(deals(1...2))
        var made = 0
        #expect(titles(store, stamp, made: &made) == ["Acme renewal", "Deal 2"] && made == 2)
        #expect(titles(store, stamp, made: &made) == ["Acme renewal", "Deal 2"] && made == 2)
        // Other columns or another format: made again.
        #expect(titles(store, CellStamp(columns: .next(), format: ValueFormat()), made: &made) == ["Acme renewal", "Deal 2"] && made == 4)
        var ascii = ValueFormat()
        ascii.glyphs.boolTrue = "Y"
        _ = titles(store, CellStamp(columns: stamp.columns, format: ascii), made: &made)
        #expect(made == 6)
    }

    @Test func replacedRowsAreMadeAgain() {
        var store = RowStore(deals(1...2))
        var made = 0
        _ = titles(store, stamp, made: &made)
        var renamed = store[1]
        renamed["title"] = "Renamed"
        store.replace([1: renamed])
        #expect(titles(store, stamp, made: &made) == ["Acme renewal", "Renamed"] && made == 4)
    }

    /// A copy that appends its own rows never shows them at the other's positions.
    @Test func copiesThatAppendKeepTheirOwnCells() {
        let first = RowStore(deals(1...1))
        var made = 0
        _ = first.texts(0, at: [0], stamp: stamp) { _ in made += 1; return "x" }
        var copy = first
        copy.append(contentsOf: RowStore(deals(5...5)))
        var other = first
        other.append(contentsOf: RowStore(deals(7...7)))
        #expect(copy.texts(0, at: [1], stamp: stamp) { $0["title"]?.stringValue ?? "" }.map(\.text) == ["Deal 5"])
        #expect(other.texts(0, at: [1], stamp: stamp) { $0["title"]?.stringValue ?? "" }.map(\.text) == ["Deal 7"])
    }

    /// The grid's columns get a new stamp whenever they change, and a copy changed apart gets its own.
    @Test func changedColumnsGetANewStamp() {
        var grid = GridScreen(id: ScreenID(value: 1), title: "Deals", resource: "deals", request: nil, columns: dealColumns)
        let before = grid.columnsStamp
        var copy = grid
        grid.columns.removeLast()
        copy.columns.removeFirst()
        #expect(grid.columnsStamp != before && copy.columnsStamp != before && grid.columnsStamp != copy.columnsStamp)
    }
}
