import Foundation
import JSONValue
import Testing
@testable import TUICore

/// The edit and create forms drawn with no terminal at 80x24 and 160x48, compared with reviewed snapshots.
@Suite struct FormSnapshotTests {
    static let sizes = [(80, 24), (160, 48)]

    func form(_ key: Character, _ width: Int, _ height: Int) throws -> AppState {
        var state = makeState(width, height)
        state.command = LineEditor("deals")
        let (id, _) = try #require(state.loadID(state.press(.enter)))
        state.update(.pageLoaded(id, RowPage(rows: deals(1...5), next: nil, columns: dealColumns)))
        guard case .loadSchema(let schema, _)? = state.press(.char(key)).first else {
            Issue.record("no schema request")
            return state
        }
        state.update(.schemaLoaded(schema, dealSchema))
        return state
    }

    /// A changed title, a wrong number, and the enum's pick list open.
    @Test(arguments: sizes) func editDealWithAnErrorAndAPickList(width: Int, height: Int) throws {
        var state = try form("e", width, height)
        state.type(" 2027")
        state.focus("Seats")
        state.type("12a")
        state.focus("Renewal tier")
        state.press(.enter)
        try expectSnapshot(state, "form-edit-deal")
        try expectStyledSnapshot(state, "form-edit-deal")
    }

    /// A new deal staged with its required title empty, then an organization searched by name.
    @Test(arguments: sizes) func newDealWithRequiredFieldAndMatches(width: Int, height: Int) throws {
        var state = try form("n", width, height)
        state.press(.ctrl("s"))
        state.focus("Organization")
        guard case .search(let id, _, _)? = state.type("Acme").last else { Issue.record("no search"); return }
        state.update(.choicesLoaded(id, [Choice(id: 7, label: "Acme Corp"), Choice(id: 9, label: "Acme Group")]))
        try expectSnapshot(state, "form-new-deal")
        try expectStyledSnapshot(state, "form-new-deal")
    }
}
