import Foundation
import JSONValue
@testable import PipedriveEngine
import Testing
@testable import TUICore

/// A bulk change in the commit view: one line that expands to each record, unstaged or held as one,
/// the commit's progress, and its outcome summed up in one line. No terminal, no network.
@Suite struct BulkCommitViewTests {
    let writes = WriteStateTests()

    /// Persons 1–3 renamed as one bulk, the commit view open with its calls worked out.
    func bulkInCommitView(width: Int = 80, height: Int = 24) throws -> AppState {
        var state = try writes.personsGrid(size: Size(width: width, height: height))
        let records = WriteStateTests.persons(1...3).map { Record(id: RecordID($0["id"]), values: $0.objectValue!) }
        guard case .success(let group?) = state.staging.bulkEdit(records, of: WriteStateTests.schema("persons"), text: ["name": "Ana Silva"]) else {
            Issue.record("not staged")
            return state
        }
        #expect(group.label == "Name → Ana Silva on 3 persons")
        try writes.answerPlan(&state, state.press(.char("c")))
        return state
    }

    func screen(_ state: AppState) -> CommitScreen? { state.stack.last?.screen as? CommitScreen }

    func text(_ state: AppState) -> String { Renderer(theme: .plain).render(state).text() }

    @Test func aGroupIsOneLineThatEnterExpandsToEachRecord() throws {
        var state = try bulkInCommitView()
        let group = try #require(state.staging.changes.first?.group?.id)
        #expect(state.commitTargets(try #require(screen(state))) == [.group(group)])
        var shown = text(state)
        #expect(shown.contains("▸ Name → Ana Silva on 3 persons"))
        #expect(shown.contains("3 records · Enter lists each record"))
        #expect(shown.contains("→ PATCH /api/v2/persons/1 {\"name\":\"Ana Silva\"}"))
        #expect(shown.contains("and 2 more calls like it, one per record, paced under the rate limit"))
        #expect(!shown.contains("persons/2"))
        state.press(.enter)
        let targets = state.commitTargets(try #require(screen(state)))
        #expect(targets == [.group(group), .change(1), .field(1, "name"), .change(2), .field(2, "name"), .change(3), .field(3, "name")])
        shown = text(state)
        #expect(shown.contains("▾ Name → Ana Silva on 3 persons"))
        #expect(shown.contains("Update persons 2 “Person 2”"))
        #expect(shown.contains("Name: “Person 3” → “Ana Silva”"))
        // Enter on a record's line is not the group's: the cursor goes back to the group line to fold it.
        state.press(.char("j"), .char("j"), .char("g"))
        state.press(.enter)
        #expect(state.commitTargets(try #require(screen(state))).count == 1)
    }

    @Test func spaceHoldsAndXUnstagesTheWholeGroup() throws {
        var state = try bulkInCommitView()
        state.press(.char(" "))
        #expect(state.staging.changes.allSatisfy { $0.isHeld })
        #expect(text(state).contains("3 records · 3 held"))
        state.press(.char(" "))
        #expect(state.staging.changes.allSatisfy { !$0.isHeld })
        state.press(.char("x"))
        #expect(state.staging.isEmpty)
    }

    @Test func progressShowsWhileSendingAndTheOutcomeIsOneLine() throws {
        var state = try bulkInCommitView()
        let effects = state.press(.char("c"))
        let (id, staging, _, _) = try #require(writes.commitRequest(effects))
        state.update(.commitProgress(id, CommitProgress(done: 1, total: 3, waiting: 1.25)))
        #expect(text(state).contains("Sending: 1/3 · waiting 1.2 s for Pipedriveʼs rate limit"))
        var after = staging
        let outcomes = staging.changes.map { change in
            ChangeOutcome(changeID: change.id, result: change.id == 2
                ? .failed(message: "Pipedrive refused it", doneIDs: []) : .done(created: []))
        }
        for outcome in outcomes { after.apply(outcome) }
        let plan = try WriteStateTests.offline.plan(staging, schemas: ["persons": WriteStateTests.schema("persons")])
        state.update(.wrote(id, .committed(after, CommitReport(plan: plan, isDryRun: false, outcomes: outcomes, sent: []), error: nil)))
        let shown = text(state)
        #expect(shown.contains("! Name → Ana Silva on 3 persons: 2 of 3 done, 1 not done: Pipedrive refused"))
        #expect(!shown.contains("Sending"))
        #expect(state.staging.changes.map(\.id) == [2])
    }

    @Test func snapshotsOfTheGroupFoldedAndExpanded() throws {
        for (width, height) in [(80, 24), (160, 48)] {
            var state = try bulkInCommitView(width: width, height: height)
            try expectSnapshot(state, "commit-bulk")
            state.press(.enter)
            try expectSnapshot(state, "commit-bulk-open")
        }
    }
}

extension AppState {
    /// The commit view's cursor lines as the screen shows them (its groups expanded or not).
    func commitTargets(_ screen: CommitScreen) -> [CommitTarget] { screen.targets(shared) }
}
