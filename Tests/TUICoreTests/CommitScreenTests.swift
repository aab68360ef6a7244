import Foundation
import JSONValue
import Testing
@testable import PipedriveEngine
@testable import TUICore

/// The commit view as a component, on `Shared` alone: its plan and commit come back by request id, and
/// the dialogs it opens answer it the same way.
@Suite struct CommitScreenTests {
    let helper = WriteStateTests()

    /// Shared state with two persons staged for deletion, and the commit view opened on it.
    func opened() throws -> (Shared, CommitScreen, planID: Int) {
        var shared = makeState().shared
        let records = [1, 2].map { Record(id: .int($0), values: ["id": .int($0), "name": .string("Person \($0)")]) }
        try shared.staging.delete(records, of: WriteStateTests.schema("persons").resource)
        let step = try #require(CommitScreen.open(&shared))
        guard case .push(let entry) = step.move, let screen = entry.screen as? CommitScreen,
              case .write(let planID, .plan)? = step.effects.first else { throw CommitTestError.notOpened }
        #expect(shared.requests[planID] == screen.id)
        return (shared, screen, planID)
    }

    enum CommitTestError: Error { case notOpened }

    @Test func itsPlanComesBackByIdAndOnlyItsOwn() throws {
        var (shared, screen, planID) = try opened()
        let plan = try WriteStateTests.offline.plan(shared.staging, schemas: ["persons": WriteStateTests.schema("persons")])
        _ = screen.receive(planID + 50, .success(.write(.planned(plan))), &shared)
        #expect(screen.plan == nil && screen.planning == planID)
        _ = screen.receive(planID, .success(.write(.planned(plan))), &shared)
        #expect(screen.plan == plan && screen.planning == nil)
    }

    @Test func theDeleteDialogAnswersTheViewThatAskedThroughTheRequestTable() throws {
        var (shared, screen, _) = try opened()
        let step = try #require(screen.handle(.char("c"), .commit, &shared))
        guard case .show(let shown)? = step.overlay, var dialog = shown as? Dialog else { Issue.record("no dialog"); return }
        let request = try #require(dialog.request)
        #expect(shared.requests[request] == screen.id && dialog.title == "Delete 2 records?")
        // The dialog closes and hands its answer on; the app routes it back here by the request id.
        let answered = dialog.handle(.right, nil, &shared)
        #expect(answered.command == nil)
        let go = dialog.handle(.enter, nil, &shared)
        guard case .close? = go.overlay, case .answer(request, let answer)? = go.command else { Issue.record("no answer"); return }
        let sent = screen.receive(request, .success(.answer(answer)), &shared)
        guard case .write(let commitID, .commit(_, nil, false))? = sent.effects.last else { Issue.record("no commit sent"); return }
        #expect(screen.committing == commitID && screen.isSending && shared.requests[commitID] == screen.id)
        // While it is out, the view takes no key.
        #expect(screen.handle(.escape, .back, &shared)?.effects.isEmpty == true)
    }

    @Test func aCommitThatChangedRecordsAsksTheAppToReloadThem() throws {
        var (shared, screen, _) = try opened()
        let effects = screen.startCommit(confirmation: nil, &shared)
        guard case .write(let id, .commit(var staging, _, _))? = effects.last else { Issue.record("no commit"); return }
        let plan = try WriteStateTests.offline.plan(staging, schemas: ["persons": WriteStateTests.schema("persons")])
        let report = CommitReport(plan: plan, isDryRun: false, outcomes: [ChangeOutcome(changeID: 1, result: .done(created: []))], sent: plan.requests)
        staging.apply(report)
        let step = screen.receive(id, .success(.write(.committed(staging, report, error: nil))), &shared)
        #expect(step.command == .dataChanged(["persons"]))
        #expect(shared.staging.isEmpty && !screen.isSending && shared.message?.text == "1 of 1 done")
    }
}
