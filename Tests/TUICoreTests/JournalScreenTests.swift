import Foundation
import JSONValue
@testable import PipedriveEngine
import Testing
@testable import TUICore

/// The journal screen as a state machine: keys and results in, state and effects out. No terminal.
@Suite struct JournalScreenTests {
    static let account = "http://127.0.0.1:1"

    /// Two updates of deal titles, the first undone by a third entry, and a failed delete.
    static let entries: [JournalEntry] = [
        update("a", time: 1_795_000_000, deal: 1, from: "Acme renewal", to: "Acme 2027"),
        update("b", time: 1_795_000_060, deal: 2, from: "Deal 2", to: "Deal two"),
        JournalEntry(id: "c", time: 1_795_000_120, profile: nil, account: account, resource: "deals", kind: .update,
                     records: [JournaledRecord(id: .int(2), before: ["title": "Deal two"], after: ["title": "Deal 2"])],
                     requests: ["PATCH /api/v2/deals/2"], undoes: "b", outcome: JournalOutcome(time: 1_795_000_121, status: .done)),
        JournalEntry(id: "d", time: 1_795_000_180, profile: nil, account: account, resource: "persons", kind: .delete,
                     records: [JournaledRecord(id: .int(9), before: ["name": "Ada"], after: [:])], requests: ["DELETE /api/v2/persons/9"],
                     outcome: JournalOutcome(time: 1_795_000_181, status: .failed, message: "Not found")),
    ]

    static func update(_ id: String, time: Int, deal: Int, from old: String, to new: String) -> JournalEntry {
        JournalEntry(id: id, time: time, profile: nil, account: account, resource: "deals", kind: .update,
                     records: [JournaledRecord(id: .int(deal), before: ["title": .string(old)], after: ["title": .string(new)])],
                     requests: ["PATCH /api/v2/deals/\(deal)"], outcome: JournalOutcome(time: time + 1, status: .done))
    }

    /// `J`, and the journal's answer.
    func openJournal(_ width: Int = 80, _ height: Int = 24) throws -> AppState {
        var state = makeState(width, height)
        let effects = state.press(.char("J"))
        guard case .session(let id, let work)? = effects.first else { Issue.record("no journal read: \(effects)"); throw Stop() }
        #expect(work.name == "journal")
        #expect(state.shared.requests[id] != nil)
        state.update(.completed(id, .success(.journal(Self.entries))))
        #expect(state.shared.requests[id] == nil)
        return state
    }

    struct Stop: Error {}

    var journal: (AppState) -> JournalScreen? = { $0.stack.last?.screen as? JournalScreen }

    @Test func listsNewestFirstAndOpensAnEntry() throws {
        var state = try openJournal()
        let screen = try #require(journal(state))
        #expect(screen.entries.map(\.id) == ["d", "c", "b", "a"])
        #expect(state.crumbs == ["Resources", "Journal"])
        state.press(.char("G"), .enter)
        let opened = try #require(journal(state))
        #expect(opened.opened?.id == "a")
        #expect(opened.detailLines.map(\.0).contains("  title: “Acme renewal” → “Acme 2027”"))
        #expect(state.crumbs.last == "Journal › update deals")
        state.press(.escape)
        #expect(journal(state)?.opened == nil && state.stack.count == 2)
        state.press(.escape)
        #expect(state.stack.count == 1)
    }

    @Test func undoesTheChosenEntryNotOnlyTheLast() throws {
        var state = try openJournal()
        state.press(.char("G"), .enter)  // the oldest, "a", opened
        let effects = state.press(.char("u"))
        guard case .write(let id, .prepareUndo(entry: "a"))? = effects.first else { Issue.record("no undo of a: \(effects)"); return }
        // The dialog names the entry; its answer undoes that entry.
        let target = Self.entries[0]
        state.update(.wrote(id, .undoPrepared(UndoReport(target: target, requests: [], isDryRun: true, outcome: nil, recreated: []))))
        #expect(state.dialog?.title == "Undo this change?")
        let undo = state.press(.right, .enter)
        guard case .write(let undoID, .undo(entry: "a", dryRun: false))? = undo.first else { Issue.record("no undo sent: \(undo)"); return }
        // Once undone, the journal reads itself again.
        let after = state.update(.wrote(undoID, .undone(UndoReport(target: target, requests: [], isDryRun: false,
                                                                    outcome: .done(created: []), recreated: []))))
        guard case .session(let reread, let work)? = after.last, work.name == "journal" else { Issue.record("no reread: \(after)"); return }
        // The undo comes on top; the screen stays on the entry it showed.
        let undoOfA = JournalEntry(id: "e", time: 1_795_000_240, profile: nil, account: Self.account, resource: "deals", kind: .update,
                                   records: [], requests: [], undoes: "a", outcome: JournalOutcome(time: 1_795_000_241, status: .done))
        state.update(.completed(reread, .success(.journal(Self.entries + [undoOfA]))))
        #expect(journal(state)?.opened?.id == "a" && journal(state)?.selected?.id == "a")
        #expect(journal(state)?.detailLines.contains { $0.0 == "cannot be undone: it is undone already" } == true)
    }

    @Test func refusesWithTheReasonWhatCannotBeUndone() throws {
        var state = try openJournal()
        #expect(state.press(.char("u")).isEmpty)  // "d": the delete failed
        #expect(state.message == AppState.Message(text: "cannot undo this change: it took no effect", isError: true))
        state.press(.down)  // "c": an undo
        #expect(state.press(.char("u")).isEmpty)
        #expect(state.message?.text == "cannot undo this change: it is itself an undo")
        state.press(.down)  // "b": undone by "c"
        #expect(state.press(.char("u")).isEmpty)
        #expect(state.message?.text == "cannot undo this change: it is undone already")
    }

    @Test func aLeftJournalsResultGoesNowhereAndAFailureShows() throws {
        var state = makeState()
        state.command = LineEditor("journal")
        guard case .session(let id, _)? = state.press(.enter).first else { Issue.record("no journal read"); return }
        let effects = state.press(.escape)
        #expect(effects.contains(.cancel(id)) && state.shared.requests.isEmpty)
        state.update(.completed(id, .success(.journal(Self.entries))))
        #expect(state.stack.count == 1)

        guard case .session(let again, _)? = state.press(.char("J")).first else { Issue.record("no journal read"); return }
        state.update(.completed(again, .failure(UserError(.other, "Cannot read the journal /x."))))
        #expect(journal(state)?.error == "Cannot read the journal /x.")
        #expect(state.message?.isError == true)
    }

    @Test func snapshots() throws {
        for (width, height) in [(80, 24), (160, 48)] {
            var state = try openJournal(width, height)
            try expectStyledSnapshot(state, "journal")
            state.press(.char("G"), .enter)
            try expectStyledSnapshot(state, "journal-entry")
        }
    }
}
