import Foundation
import JSONValue
import PipedriveEngine
import Testing
@testable import TUICore

/// The bulk form as a state machine: rows marked with Space or `*`, `e` opens one form for them, and
/// only the fields changed are staged on every marked record, as one group. No terminal, no network.
@Suite struct BulkFormTests {
    /// `:deals` with deals 1–5, the first three marked with Space, and `e` pressed: the form with its fields.
    func bulkForm(marking count: Int = 3) throws -> AppState {
        var state = try FormTests().grid()
        for _ in 0..<count { state.press(.char(" ")) }
        #expect(state.topGrid?.marked.count == count)
        let effects = state.press(.char("e"))
        guard case .loadSchema(let id, "deals")? = effects.first else {
            Issue.record("no schema request: \(effects)")
            return state
        }
        state.update(.schemaLoaded(id, dealSchema))
        return state
    }

    @Test func fieldsShowTheCommonValueOrVarious() throws {
        let state = try bulkForm()
        let form = try #require(state.topForm)
        #expect(form.title == "Edit 3 deals")
        #expect(form.bulkRecords.compactMap(\.id) == [.int(1), .int(2), .int(3)])
        // Deals 1–3 share their organization and have no seats; titles, values and tiers differ.
        #expect(state.field("Organization")?.editor.text == "Acme Corp")
        #expect(state.field("Organization")?.isVarious == false)
        #expect(state.field("Seats")?.isVarious == false)
        #expect(state.field("Title")?.isVarious == true)
        #expect(state.field("Title")?.editor.text == "")
        #expect(state.field("Renewal tier")?.isVarious == true)
        #expect(state.field("Value")?.isVarious == true)
        #expect(!form.isChanged)
        let screen = Renderer(theme: .plain).render(state).text()
        #expect(screen.contains("(various)"))
        #expect(screen.contains("[ Stage changes on 3 records ]"))
    }

    @Test func onlyChangedFieldsAreStagedOnEveryMarkedRecordAsOneGroup() throws {
        var state = try bulkForm()
        state.focus("Renewal tier")
        state.press(.enter)  // opens the pick list
        state.type("Gold")
        state.press(.enter)
        state.focus("Seats")
        state.type("12")
        state.press(.ctrl("s"))
        #expect(state.topForm == nil)
        #expect(state.topGrid != nil)
        // Staged: the marks clear, as after d.
        #expect(state.topGrid?.marked.isEmpty == true)
        let changes = state.staging.changes
        #expect(changes.compactMap(\.recordID) == [.int(1), .int(2), .int(3)])
        let group = try #require(changes.first?.group)
        #expect(changes.allSatisfy { $0.group == group })
        #expect(group.label == "Renewal tier → Gold, Seats → 12 on 3 deals")
        #expect(state.message?.text == "staged: Renewal tier → Gold, Seats → 12 on 3 deals (press c to review and commit)")
        // Deal 2 is Gold already: it gets only the seats; no record gets the title it did not change.
        for change in changes {
            guard case .update(_, let edits) = change.kind else { Issue.record("not an update"); continue }
            #expect(edits.map(\.key) == (change.recordID == .int(2) ? ["a2"] : ["9f3c0e1b2a4d5e6f708192a3b4c5d6e7f8091a2b", "a2"]))
        }
    }

    @Test func aWrongValueStagesNothing() throws {
        var state = try bulkForm()
        state.focus("Seats")
        state.type("12a")
        state.press(.ctrl("s"))
        #expect(state.staging.isEmpty)
        #expect(state.topForm?.error == "nothing staged: 1 field needs fixing (Seats)")
        // Nothing typed: nothing staged, and the form closes.
        state.press(.backspace)
        state.press(.backspace, .backspace, .backspace)
        state.press(.ctrl("s"))
        #expect(state.staging.isEmpty)
        #expect(state.topForm == nil)
        // Nothing staged: the rows stay marked.
        #expect(state.topGrid?.marked.count == 3)
    }

    @Test func oneMarkedRowOpensTheFormOfThatRecord() throws {
        var state = try FormTests().grid()
        state.press(.down, .char(" "))  // marks deal 2, the cursor moves on to deal 3
        guard case .loadSchema(let id, _)? = state.press(.char("e")).first else { Issue.record("no schema request"); return }
        state.update(.schemaLoaded(id, dealSchema))
        #expect(state.topForm?.title == "Edit deal: Deal 2")
    }

    @Test func starMarksTheRowsTheFilterShowsAndAgainUnmarksThem() throws {
        var state = try FormTests().grid()
        state.press(.char("/"))
        state.type("deal")
        state.press(.enter)
        #expect(state.topGrid?.visibleCount == 4)
        state.press(.char("*"))
        #expect(state.topGrid?.marked == [.int(2), .int(3), .int(4), .int(5)])
        #expect(state.message?.text == "4 marked · e edits all · :s/OLD/NEW/ replaces · d deletes · * unmarks")
        state.press(.char("*"))
        #expect(state.topGrid?.marked.isEmpty == true)
        // Read-only refuses marking.
        var readOnly = try FormTests().grid(.readOnly)
        readOnly.press(.char("*"))
        #expect(readOnly.topGrid?.marked.isEmpty == true)
        #expect(readOnly.message?.isError == true)
    }

    @Test func aRecordStagedForDeletionKeepsTheBulkFormClosed() throws {
        var state = try FormTests().grid()
        state.press(.char(" "), .char(" "))
        try state.staging.delete([Record(id: .int(2), values: ["id": 2, "title": "Deal 2"])], of: Catalog.pipedrive.resource(named: "deals")!)
        #expect(state.press(.char("e")).isEmpty)
        #expect(state.topForm == nil)
        #expect(state.message?.text.hasPrefix("1 marked record is staged for deletion") == true)
    }
}
