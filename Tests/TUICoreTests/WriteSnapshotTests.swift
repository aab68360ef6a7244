import Foundation
import JSONValue
import Testing
@testable import PipedriveEngine
@testable import TUICore

/// The write screens drawn with no terminal at 80x24 and 160x48, compared with reviewed snapshots.
@Suite struct WriteSnapshotTests {
    static let sizes = [(80, 24), (160, 48)]
    let helper = WriteStateTests()

    /// Persons with rows marked, one edited, one staged for deletion and one new record.
    func stagedGrid(_ width: Int, _ height: Int) throws -> AppState {
        var state = try helper.personsGrid(size: Size(width: width, height: height))
        let persons = WriteStateTests.schema("persons")
        state.staging.edit(Record(id: .int(2), values: ["id": 2, "name": "Person 2"]), of: persons, text: ["name": "Person Two"])
        _ = state.staging.create(in: persons, text: ["name": "Ada New"])
        state.press(.char("j"), .char("j"), .char("j"), .char("d"), .char(" "), .char(" "))
        return state
    }

    /// A commit view over an edit, a new record, a deletion that failed and a conflict, with its calls.
    func commitView(_ width: Int, _ height: Int) throws -> AppState {
        var state = try stagedGrid(width, height)
        let deals = WriteStateTests.schema("deals")
        state.staging.edit(Record(id: .int(5), values: ["id": 5, "title": "Acme renewal", "value": 1000]), of: deals, text: ["title": "Acme renewal 2027"])
        state.staging.apply(ChangeOutcome(changeID: 3, result: .failed(message: "Not found: DELETE /api/v2/persons/3 (404)", doneIDs: [])))
        state.staging.apply(ChangeOutcome(changeID: 4, result: .conflict(Conflict(
            theirs: Record(id: .int(5), values: ["id": 5, "title": "Acme renewal (theirs)", "value": 1500]), yours: ["title": "Acme renewal 2027"],
            fields: ["title"], others: ["value"]))))
        try helper.answerPlan(&state, state.press(.char("c")))
        return state
    }

    @Test(arguments: sizes) func gridWithMarksAndStagedRows(width: Int, height: Int) throws {
        try expectSnapshot(try stagedGrid(width, height), "grid-staged")
    }

    @Test(arguments: sizes) func commitViewWithEveryKindOfChange(width: Int, height: Int) throws {
        let state = try commitView(width, height)
        try expectSnapshot(state, "commit-view")
        try expectStyledSnapshot(state, "commit-view")
    }

    @Test(arguments: sizes) func deleteDialog(width: Int, height: Int) throws {
        var state = try helper.personsGrid(size: Size(width: width, height: height))
        state.press(.char(" "), .char(" "), .char(" "), .char("d"), .char("c"))
        state.press(.char("c"))
        try expectSnapshot(state, "dialog-delete")
        try expectStyledSnapshot(state, "dialog-delete")
    }

    @Test(arguments: sizes) func deleteDialogWithTypedCount(width: Int, height: Int) throws {
        var state = try helper.personsGrid(size: Size(width: width, height: height))
        for _ in 0..<14 { state.press(.char(" ")) }
        state.press(.char("d"), .char("c"), .char("c"))
        state.type("13")
        state.press(.enter)
        try expectSnapshot(state, "dialog-delete-typed")
    }

    @Test(arguments: sizes) func conflictDialog(width: Int, height: Int) throws {
        var state = try commitView(width, height)
        state.press(.char("G"), .enter)
        try expectSnapshot(state, "dialog-conflict")
    }

    @Test(arguments: sizes) func quitDialog(width: Int, height: Int) throws {
        var state = try stagedGrid(width, height)
        state.press(.ctrl("c"))
        try expectSnapshot(state, "dialog-quit")
    }

    @Test(arguments: sizes) func leftOverDialog(width: Int, height: Int) throws {
        var state = try stagedGrid(width, height)
        state.stack = [state.stack[0]]
        state.message = nil
        state.offerLeftOver()
        try expectSnapshot(state, "dialog-left-over")
    }

    @Test(arguments: sizes) func undoDialog(width: Int, height: Int) throws {
        var state = try helper.personsGrid(size: Size(width: width, height: height))
        guard case .write(let id, .prepareUndo)? = state.press(.char("u")).first else { Issue.record("no undo asked"); return }
        let target = JournalEntry(
            id: "e1", time: 1_795_000_000, profile: "work", account: "http://127.0.0.1:9", resource: "deals", kind: .update,
            records: [JournaledRecord(id: .int(5), before: ["title": "Acme renewal"], after: ["title": "Acme renewal 2027"])],
            requests: ["PATCH /api/v2/deals/5 {\"title\":\"Acme renewal 2027\"}"],
            outcome: JournalOutcome(time: 1_795_000_001, status: .done))
        let back = APIRequest(.patch, .v2, "/deals/5", body: .json(["title": "Acme renewal"]))
        state.update(.wrote(id, .undoPrepared(UndoReport(target: target, requests: [back], isDryRun: true, outcome: nil, recreated: []))))
        try expectSnapshot(state, "dialog-undo")
    }
}

extension WriteSnapshotTests {
    /// Under `LANG=C` every glyph of the commit view and the status line has an ASCII stand-in: quotes,
    /// arrows and separators are not drawn as `?`.
    @Test func commitViewInASCII() throws {
        let state = try commitView(160, 48)
        let ascii = Renderer(theme: .plain, ascii: true).render(state).text()
        #expect(!ascii.replacingOccurrences(of: "? help", with: "").contains("?"), "\(ascii)")
        #expect(ascii.contains("\"Acme renewal\"") && ascii.contains(" > "), "\(ascii)")
        #expect(ascii.unicodeScalars.allSatisfy { $0.isASCII })
    }
}
