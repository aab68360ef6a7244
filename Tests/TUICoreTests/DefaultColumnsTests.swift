import Foundation
import JSONValue
import PipedriveEngine
import Testing
@testable import TUICore

/// Issue 12's friction: default columns (v1 leftovers and empty columns hidden until chosen), type-to-find
/// in the column chooser, and `z` hiding a detail's empty fields.
@Suite struct DefaultColumnsTests {
    let columns = [
        ColumnInfo(key: "id", title: "id", kind: .integer, isKey: true), ColumnInfo(key: "title", title: "Title", kind: .text),
        ColumnInfo(key: "person_name", title: "person_name", kind: .text), ColumnInfo(key: "value", title: "Value", kind: .decimal),
        ColumnInfo(key: "lost_reason", title: "Lost reason", kind: .text), ColumnInfo(key: "label", title: "Label", kind: .text),
    ]

    func rows(_ range: ClosedRange<Int>, lostReason: String? = nil) -> [JSON] {
        range.map { ["id": .int($0), "title": "", "person_name": "Ada", "value": .int($0 * 10),
                     "lost_reason": lostReason.map(JSON.string) ?? .null, "label": ""] }
    }

    /// `:deals` with its first page.
    func grid(_ state: AppState = makeState(), lostReason: String? = nil) throws -> AppState {
        var state = state
        state.command = LineEditor("deals")
        let (id, _) = try #require(state.loadID(state.press(.enter)))
        state.update(.pageLoaded(id, RowPage(rows: rows(1...5, lostReason: lostReason), next: "p2", columns: columns)))
        return state
    }

    func keys(_ state: AppState) -> [String] { state.topGrid?.columns.map(\.key) ?? [] }

    @Test func leftoversAndEmptyColumnsHideUntilChosenAndTheIdAndNameStay() throws {
        var state = try grid()
        // Title is empty on every row but is the name column; person_name repeats Person; Lost reason and Label are empty.
        #expect(keys(state) == ["id", "title", "value"])
        // A column a later page fills shows.
        let next = try #require(state.topGrid?.loading)  // (asked at once: the first page is short)
        state.update(.pageLoaded(next, RowPage(rows: rows(6...7, lostReason: "price"), next: nil)))
        #expect(keys(state) == ["id", "title", "value", "lost_reason"])
        // The chooser lists the hidden ones unticked; ticking one and Enter shows it, and the layout remembers it.
        state.press(.char("C"))
        let items = try #require(state.columnChooser?.items)
        #expect(items.map(\.column.key) == columns.map(\.key))
        #expect(items.filter { !$0.visible }.map(\.column.key) == ["person_name", "label"])
        state.press(.down, .char(" "), .enter)
        #expect(keys(state) == ["id", "title", "person_name", "value", "lost_reason"])
        // Label, left unticked, stays a default: it shows once a row fills it.
        #expect(state.columnLayouts["deals"].hidden.isEmpty && state.columnLayouts["deals"].order.contains("person_name"))
        #expect(!state.columnLayouts["deals"].order.contains("label"))
    }

    @Test func aSavedLayoutWinsOverTheDefaults() throws {
        var start = makeState()
        start.columnLayouts["deals"] = ColumnLayout(order: ["person_name", "label"], hidden: ["value"])
        let state = try grid(start)
        #expect(keys(state) == ["id", "person_name", "label", "title"])
    }

    @Test func typingInTheChooserFindsAColumnAndEscClearsBeforeClosing() throws {
        var state = try grid()
        state.press(.char("C"))
        // Letters the chooser otherwise reads as keys (j, k, q, K, J, C) type too.
        state.press(.char("L"), .char("o"))
        #expect(state.columnChooser?.search == "Lo")
        #expect(state.columnChooser.map { $0.items[$0.cursor.index].column.key } == "lost_reason")
        state.press(.backspace)
        // "L": the first title containing it, ignoring case (TitLe).
        #expect(state.columnChooser.map { $0.items[$0.cursor.index].column.key } == "title")
        state.press(.char("a"), .char("b"))
        #expect(state.columnChooser.map { $0.items[$0.cursor.index].column.key } == "label")
        state.press(.char("q"))  // no title has "labq": the cursor stays
        #expect(state.columnChooser.map { $0.items[$0.cursor.index].column.key } == "label")
        #expect(state.columnChooser?.firstMatch == nil)
        let hints = try #require(state.columnChooser?.hints(state.shared)).map { $0.label(state.shared.keyMap) + " " + $0.text }
        #expect(hints.contains("type find") && hints.contains("S-↑/S-↓ move"), "\(hints)")
        state.press(.escape)
        #expect(state.columnChooser?.search == "")
        state.press(.escape)
        #expect(state.columnChooser == nil)
        #expect(state.topGrid != nil)
    }

    @Test func aSearchTakesASpaceWhileSpaceTicksWhenNothingIsTyped() throws {
        var state = try grid()
        state.press(.char("C"))
        let before = try #require(state.columnChooser?.items)
        func cursorKey(_ state: AppState) -> String? { state.columnChooser.map { $0.items[$0.cursor.index].column.key } }
        func hintTexts(_ state: AppState) -> [String] {
            state.columnChooser?.hints(state.shared)?.map { $0.label(state.shared.keyMap) + " " + $0.text } ?? []
        }
        #expect(hintTexts(state).contains("Space show/hide"))
        // "Deal source channel"-like titles: the space is part of the search, and ticks nothing.
        state.type("lost r")
        #expect(state.columnChooser?.search == "lost r")
        #expect(state.columnChooser?.items == before)
        #expect(cursorKey(state) == "lost_reason")
        #expect(Renderer(theme: .plain).render(state).text().contains("find: lost r"))
        // While typing, Space is no tick, so the hint bar does not offer it; Esc clears the search, then Space ticks.
        #expect(!hintTexts(state).contains("Space show/hide") && hintTexts(state).contains("Esc clear find"), "\(hintTexts(state))")
        state.press(.escape, .char(" "))
        #expect(state.columnChooser?.search == "")
        let wasShown = try #require(before.first { $0.column.key == "lost_reason" }).visible
        #expect(state.columnChooser?.items.first { $0.column.key == "lost_reason" }?.visible == !wasShown)
    }

    @Test func zHidesTheEmptyFieldsOfEveryDetailForTheSession() throws {
        var state = try grid()
        state.press(.enter)
        func labels(_ state: AppState) -> [String] { state.top(DetailScreen.self)?.lines.map(\.label) ?? [] }
        #expect(labels(state).contains("Lost reason") && labels(state).contains("Label"))
        state.press(.char("z"))
        #expect(!labels(state).contains("Lost reason") && !labels(state).contains("Label"))
        #expect(labels(state).contains("Value") && labels(state).contains("person_name"))
        let detail = try #require(state.top(DetailScreen.self))
        #expect(detail.status(state.shared).parts.contains("empty fields hidden"))
        #expect(detail.hints(state.shared).map(\.text).contains("show empty"))
        // Another record's detail keeps the setting.
        state.press(.escape, .down, .enter)
        #expect(state.top(DetailScreen.self)?.record["id"] == 2)
        #expect(!labels(state).contains("Label"))
        state.press(.char("z"))
        #expect(labels(state).contains("Label"))
    }
}
