import Foundation
import JSONValue
import Testing
@testable import TUICore

/// Mouse events as the backend decodes them, into the state machine: clicks select, double-clicks open,
/// the wheel scrolls, the breadcrumb goes back.
@Suite struct MouseTests {
    func grid(_ width: Int = 120, _ height: Int = 24) throws -> AppState {
        var state = makeState(width, height)
        state.command = LineEditor("deals")
        let (id, _) = try #require(state.loadID(state.press(.enter)))
        state.update(.pageLoaded(id, RowPage(rows: deals(1...40), next: nil, columns: dealColumns)))
        return state
    }

    @Test func clickSelectsTheRowAndCellDoubleClickOpens() throws {
        var state = try grid()
        // Row 0 is the breadcrumb, row 1 the header: y = 5 is the fourth row.
        state.update(.mouse(MouseEvent(.click, x: 1, y: 5)))
        #expect(state.topGrid?.cursor == 3)
        let frame = Renderer(theme: .plain).render(state).text().split(separator: "\n").map(String.init)
        // The column under the pointer: find where "Value" starts in the header.
        let header = frame[1]
        let valueX = try #require(header.range(of: "Value")).lowerBound.utf16Offset(in: header)
        state.update(.mouse(MouseEvent(.click, x: valueX, y: 6)))
        #expect(state.topGrid?.cursor == 4)
        #expect(state.topGrid.map { $0.columns[$0.column].title } == "Value")
        // Below the last row and on the header: nothing moves.
        state.update(.mouse(MouseEvent(.click, x: 1, y: 1)))
        #expect(state.topGrid?.cursor == 4)
        let opening = state.update(.mouse(MouseEvent(.doubleClick, x: 1, y: 3)))
        #expect(state.topDetail?.record["id"]?.intValue == 2)
        // The detail asks for the record's gathered fields and its address, like Enter does.
        #expect(opening.contains { if case .loadRecord = $0 { true } else { false } }, "\(opening)")
    }

    @Test func wheelScrollsThreeRowsANotch() throws {
        var state = try grid()
        state.update(.mouse(MouseEvent(.wheelDown, x: 10, y: 10)))
        state.update(.mouse(MouseEvent(.wheelDown, x: 10, y: 10)))
        #expect(state.topGrid?.cursor == 6)
        state.update(.mouse(MouseEvent(.wheelUp, x: 10, y: 10)))
        #expect(state.topGrid?.cursor == 3)
    }

    @Test func breadcrumbClickGoesBackAndListsOpenOnDoubleClick() throws {
        var state = try grid()
        state.update(.mouse(MouseEvent(.doubleClick, x: 1, y: 2)))
        #expect(state.topDetail != nil)
        state.update(.mouse(MouseEvent(.click, x: 3, y: 0)))
        #expect(state.topGrid != nil && state.stack.count == 2)
        state.update(.mouse(MouseEvent(.click, x: 3, y: 0)))
        #expect(state.stack.count == 1)
        state.update(.mouse(MouseEvent(.click, x: 3, y: 0)))  // at the root: stays
        #expect(state.stack.count == 1)
        // The resource list takes no clicks, but a double-click opens the resource under its cursor.
        state.update(.mouse(MouseEvent(.doubleClick, x: 3, y: 4)))
        #expect(state.stack.count == 2)
        // The command line open: the mouse does nothing.
        state.press(.char(":"))
        state.update(.mouse(MouseEvent(.click, x: 3, y: 0)))
        #expect(state.stack.count == 2 && state.command != nil)
    }
}
