import Foundation
import JSONValue
import Testing
@testable import PipedriveEngine
@testable import TUICore

/// Marks, staged deletes, the commit view, its dialogs, conflicts, undo and the quit question: the
/// update function alone, with plans worked out by a session that is never asked to send anything.
@Suite struct WriteStateTests {
    /// Only `plan(_:schemas:)` is used: it does no I/O.
    static let offline = Session(settings: ConnectionSettings(
        baseURL: URL(string: "http://127.0.0.1:9")!, credential: .apiToken("unused")))

    /// A resource's schema with the account's built-in fields typed as the sandbox's `*Fields` type them.
    static func schema(_ name: String) -> Schema {
        let fields: [String: [CustomField]] = [
            "deals": [CustomField(key: "title", name: "Title", type: .varchar, isCustom: false),
                      CustomField(key: "value", name: "Value", type: .monetary, isCustom: false)],
            "persons": [CustomField(key: "name", name: "Name", type: .varchar, isCustom: false)],
        ]
        return Schema(resource: Catalog.pipedrive.resource(named: name)!, customFields: fields[name] ?? [])
    }

    static func persons(_ range: ClosedRange<Int>) -> [JSON] {
        range.map { ["id": .int($0), "name": .string("Person \($0)"), "org_id": .int(7)] }
    }

    /// `:persons` with one page of rows, all loaded.
    func personsGrid(_ count: Int = 30, mode: WriteMode = .normal, size: Size = Size(width: 80, height: 24)) throws -> AppState {
        var state = makeState(size.width, size.height)
        state.writeMode = mode
        state.command = LineEditor("persons")
        let (id, _) = try #require(state.loadID(state.press(.enter)))
        state.update(.pageLoaded(id, RowPage(rows: Self.persons(1...count), next: nil)))
        return state
    }

    /// The plan request among effects, answered with the plan the session works out for the staging sent.
    func answerPlan(_ state: inout AppState, _ effects: [Effect]) throws {
        for effect in effects {
            guard case .write(let id, .plan(let staging)) = effect else { continue }
            let names = Set(staging.changes.map(\.resource))
            let plan = try Self.offline.plan(staging, schemas: Dictionary(uniqueKeysWithValues: names.map { ($0, Self.schema($0)) }))
            state.update(.wrote(id, .planned(plan)))
        }
    }

    /// The name requests among effects, answered with the rows as sent (nothing in them to name).
    func answerNames(_ state: inout AppState, _ effects: [Effect]) {
        for effect in effects {
            guard case .nameRows(let id, _, let rows) = effect else { continue }
            state.update(.completed(id, .success(.names(NamedRows(rows: rows, notice: nil)))))
        }
    }

    func commitRequest(_ effects: [Effect]) -> (id: Int, staging: Staging, confirmation: String?, dryRun: Bool)? {
        for effect in effects {
            if case .write(let id, .commit(let staging, let confirmation, let dryRun)) = effect { return (id, staging, confirmation, dryRun) }
        }
        return nil
    }

    var commitScreen: (AppState) -> CommitScreen? {
        { $0.top(CommitScreen.self) }
    }

    // MARK: marks and deletes

    @Test func spaceMarksRowsAndDStagesOneDeletionOfThem() throws {
        var state = try personsGrid()
        state.press(.char(" "), .char(" "), .char("j"), .char(" "))
        #expect(state.topGrid?.marked == [.int(1), .int(2), .int(4)])
        #expect(state.topGrid?.cursor == 4)
        state.press(.char("k"), .char("k"), .char("k"), .char(" "))  // unmark 2 again
        #expect(state.topGrid?.marked == [.int(1), .int(4)])
        state.press(.char(" "))  // 3
        state.press(.char("d"))
        #expect(state.staging.changes.count == 1)
        #expect(state.staging.changes[0].deletedIDs == [.int(1), .int(3), .int(4)])
        #expect(state.topGrid?.marked.isEmpty == true)
        #expect(state.shared.stagedKinds(of: "persons")[.int(3)] == .deleted)
        #expect(state.message?.text.contains("deletion of 3 persons staged") == true)
        // Nothing was sent: staging is all there is.
        #expect(state.press(.char("d")).isEmpty)
    }

    @Test func rowsMarkedThenFilteredOutAreDeletedToo() throws {
        var state = try personsGrid()
        state.press(.char(" "), .char(" "), .char("/"))
        state.type("person 3")
        state.press(.enter, .char(" "), .char("d"))
        #expect(state.staging.changes.map(\.deletedIDs) == [[.int(1), .int(2), .int(3)]])
    }

    @Test func dWithoutMarksStagesTheCurrentRowAndDAgainUnstagesIt() throws {
        var state = try personsGrid()
        state.press(.char("j"), .char("j"), .char("d"))
        #expect(state.staging.changes.map(\.deletedIDs) == [[.int(3)]])
        state.press(.char("d"))
        #expect(state.staging.isEmpty)
        #expect(state.message?.text == "no longer staged for deletion")
        // Out of a deletion of several, only that record leaves.
        state.press(.char("g"), .char(" "), .char(" "), .char(" "), .char("d"), .char("k"), .char("d"))
        #expect(state.staging.changes.map(\.deletedIDs) == [[.int(1), .int(2)]])
        // Marked rows some of which are staged: the others join.
        state.press(.char("g"), .char(" "), .char("j"), .char(" "), .char("d"))
        #expect(state.staging.changes.map(\.deletedIDs) == [[.int(1), .int(2)], [.int(3)]])
    }

    @Test func aResourceWithoutDeleteSaysSo() throws {
        var state = makeState()
        state.command = LineEditor("currencies")
        let (id, _) = try #require(state.loadID(state.press(.enter)))
        state.update(.pageLoaded(id, RowPage(rows: [["id": 1, "code": "EUR"]], next: nil)))
        state.press(.char("d"))
        #expect(state.staging.isEmpty)
        #expect(state.message == AppState.Message(text: "currencies records cannot be deleted.", isError: true))
    }

    @Test func rowsOfARecordFieldCannotBeDeleted() throws {
        var state = makeState()
        state.command = LineEditor("deals")
        let (id, _) = try #require(state.loadID(state.press(.enter)))
        state.update(.pageLoaded(id, RowPage(rows: deals(1...3), next: nil, columns: dealColumns)))
        state.press(.enter)
        guard let detail = state.topDetail else { Issue.record("no detail"); return }
        let line = try #require(detail.lines.firstIndex { $0.label == "participants" })
        for _ in 0..<line { state.press(.down) }
        state.press(.enter)
        state.press(.char("d"))
        #expect(state.staging.isEmpty)
        #expect(state.message?.isError == true)
    }

    @Test func newStagedRecordsShowAboveTheRowsAndDUnstagesThem() throws {
        var state = try personsGrid()
        state.press(.char("j"))
        #expect(state.staging.create(in: Self.schema("persons"), text: ["name": "Ada New"]) == .success(1))
        state.update(.tick(fixedNow))
        let grid = try #require(state.topGrid)
        #expect(grid.newRows.map(\.change) == [1])
        #expect(grid.row(at: 0)?["name"] == "Ada New")
        #expect(grid.row(at: 2)?["id"] == 2)
        #expect(grid.cursor == 2)  // still on person 2
        #expect(grid.visibleCount == 31)
        state.press(.char("g"), .char("d"))
        #expect(state.staging.isEmpty)
        #expect(state.topGrid?.newRows.isEmpty == true)
        #expect(state.topGrid?.visibleCount == 30)
    }

    // MARK: read-only

    @Test func readOnlyRefusesEveryWriteKeyAndHidesThem() throws {
        var state = try personsGrid(mode: .readOnly)
        for key in [Key.char(" "), .char("d"), .char("c"), .char("u")] {
            let effects = state.press(key)
            #expect(effects.isEmpty)
            #expect(state.message?.isError == true && state.message?.text.hasPrefix("read-only:") == true, "\(key)")
        }
        state.press(.char(":"))
        state.type("commit")
        state.press(.enter)
        #expect(state.message?.text.hasPrefix("read-only:") == true)
        #expect(state.staging.isEmpty && state.topGrid?.marked.isEmpty == true)
        #expect(!HelpText.lines(.readOnly).contains { $0.key == "d" || $0.key.hasPrefix("c ") || $0.key.hasPrefix("u ") })
        #expect(HelpText.lines(.normal).contains { $0.key == "d" })
        state.message = nil
        var wide = state
        wide.size = Size(width: 200, height: 40)
        let bottom = Renderer(theme: .plain).render(wide).text().components(separatedBy: "\n").last ?? ""
        #expect(bottom.contains("Enter detail") && !bottom.contains("delete") && !bottom.contains("undo"))
    }

    // MARK: the commit view

    @Test func commitViewListsEachChangeWithItsCallsAndUnstagesAFieldOrAChange() throws {
        var state = try personsGrid()
        let deal = Record(id: .int(5), values: ["id": 5, "title": "Old title", "value": ["value": 10, "currency": "EUR"]])
        #expect(state.staging.edit(deal, of: Self.schema("deals"), text: ["title": "New title", "value": "12"]).isEmpty)
        state.press(.char("j"), .char("d"))
        let effects = state.press(.char("c"))
        #expect(commitScreen(state) != nil)
        #expect(state.crumbs.last == "Commit")
        try answerPlan(&state, effects)
        let text = Renderer(theme: .plain).render(state).text()
        #expect(text.contains("Title: “Old title” → “New title”"))
        #expect(text.contains("Value: 10 → 12"))
        // The exact call, wrapped at the width.
        #expect(text.contains("→ PATCH /api/v2/deals/5 {\"title\":\"New title\",\"value\":{\"currency\":\"EUR\",\"val\n       ue\":12}}"))
        #expect(text.contains("→ DELETE /api/v2/persons/2"))
        #expect(state.shared.commitTargets == [.change(1), .field(1, "title"), .field(1, "value"), .change(2)])

        // x on the title field unstages that field only, and the calls are worked out again.
        let replanned = state.press(.char("j"), .char("x"))
        #expect(state.staging.change(1).map { change -> [String] in
            if case .update(_, let edits) = change.kind { return edits.map(\.key) }
            return []
        } == ["value"])
        #expect(replanned.contains { if case .write(_, .plan) = $0 { true } else { false } })
        // x on the deletion unstages it whole.
        state.press(.char("G"), .char("x"))
        #expect(state.staging.changes.map(\.id) == [1])
        #expect(state.shared.stagedKinds(of: "persons").isEmpty)
    }

    @Test func aLongCommitViewScrollsToTheCursor() throws {
        var state = try personsGrid()
        for _ in 0..<25 { state.press(.char("d"), .char("j")) }
        try answerPlan(&state, state.press(.char("c")))
        #expect(state.staging.changes.count == 25)
        state.press(.char("G"))
        var text = Renderer(theme: .plain).render(state).text()
        #expect(text.contains("Delete persons 25 “Person 25”") && text.contains("→ DELETE /api/v2/persons/25"))
        #expect(!text.contains("Delete persons 1 “Person 1”"))
        state.press(.char("g"))
        text = Renderer(theme: .plain).render(state).text()
        #expect(text.contains("Delete persons 1 “Person 1”") && !text.contains("Delete persons 25 “Person 25”"))
    }

    @Test func aDeleteAsksInADialogThatNamesTheRecordsAndStartsOnCancel() throws {
        var state = try personsGrid()
        state.press(.char(" "), .char(" "), .char(" "), .char("d"))
        try answerPlan(&state, state.press(.char("c")))
        #expect(state.press(.char("c")).isEmpty)
        let dialog = try #require(state.dialog)
        #expect(dialog.title == "Delete 3 records?")
        #expect(dialog.lines.contains { $0.contains("persons 2") && $0.contains("Person 2") })
        #expect(dialog.buttons[dialog.selected].label == "Cancel" && dialog.input == nil)
        // Enter at once cancels: nothing is sent.
        #expect(state.press(.enter).isEmpty)
        #expect(state.dialog == nil && state.staging.deleteCount == 3)
        // Letters do not answer a delete.
        state.press(.char("c"))
        #expect(state.press(.char("d"), .char("y")).isEmpty && state.dialog != nil)
        let effects = state.press(.right, .enter)
        let commit = try #require(commitRequest(effects))
        #expect(commit.staging == state.staging && commit.confirmation == nil && !commit.dryRun)
        #expect(commitScreen(state)?.committing == commit.id)
        // While it is sent, keys do nothing and quitting waits.
        #expect(state.press(.char("x"), .escape).isEmpty && state.staging.deleteCount == 3)
        state.press(.ctrl("c"))
        #expect(!state.quitting && state.dialog == nil)
    }

    @Test func moreThanTenRecordsNeedTheCountTyped() throws {
        var state = try personsGrid()
        for _ in 0..<12 { state.press(.char(" ")) }
        state.press(.char("d"), .char("c"))
        state.press(.char("c"))
        let dialog = try #require(state.dialog)
        #expect(dialog.input != nil && dialog.expected == "12")
        #expect(state.press(.enter).isEmpty)
        #expect(state.dialog?.error?.contains("type 12") == true)
        state.type("11")
        #expect(state.press(.enter).isEmpty && state.dialog != nil)
        state.press(.backspace, .backspace)
        state.type("12")
        let commit = try #require(commitRequest(state.press(.enter)))
        #expect(commit.confirmation == "12")
        #expect(try commit.staging.checkConfirmation(commit.confirmation) == ())
        // Esc cancels the typed dialog.
        var other = try personsGrid()
        for _ in 0..<11 { other.press(.char(" ")) }
        other.press(.char("d"), .char("c"), .char("c"))
        other.type("11")
        #expect(other.press(.escape).isEmpty && other.dialog == nil)
    }

    @Test func outcomesShowAndAFailedChangeStaysWithPipedrivesMessage() throws {
        var state = try personsGrid()
        state.press(.char("d"), .char("j"), .char("d"))
        try answerPlan(&state, state.press(.char("c")))
        let commit = try #require(commitRequest(state.press(.char("c"), .right, .enter)))
        var after = commit.staging
        let plan = try Self.offline.plan(after, schemas: ["persons": Self.schema("persons")])
        let report = CommitReport(plan: plan, isDryRun: false, outcomes: [
            ChangeOutcome(changeID: 1, result: .done(created: [])),
            ChangeOutcome(changeID: 2, result: .failed(message: "Not found: DELETE /api/v2/persons/2 (404)", doneIDs: [])),
        ], sent: plan.requests)
        after.apply(report)
        let effects = state.update(.wrote(commit.id, .committed(after, report, error: nil)))
        #expect(state.staging.changes.map(\.id) == [2])
        #expect(state.staging.changes[0].failure?.contains("404") == true)
        #expect(state.message?.isError == true && state.message?.text.contains("1 of 2 done") == true)
        // The persons grid under the commit view reloads; the view works out the calls of what is left.
        #expect(effects.contains { if case .loadPage = $0 { true } else { false } })
        #expect(effects.contains { if case .write(_, .plan) = $0 { true } else { false } })
        let text = Renderer(theme: .plain).render(state).text()
        #expect(text.contains("✓ Delete persons 1 “Person 1”: done"))
        #expect(text.contains("✗ Delete persons 2 “Person 2”: Not found"))
    }

    @Test(arguments: [ConflictResolution.skip, .takeTheirs, .overwrite])
    func aConflictShowsTheirsAndYoursAndAsks(resolution: ConflictResolution) throws {
        var state = try personsGrid()
        let deal = Record(id: .int(5), values: ["id": 5, "title": "Loaded", "update_time": "2026-11-01T00:00:00Z"])
        state.staging.edit(deal, of: Self.schema("deals"), text: ["title": "Mine"])
        try answerPlan(&state, state.press(.char("c")))
        let commit = try #require(commitRequest(state.press(.char("c"))))
        let theirs = Record(id: .int(5), values: ["id": 5, "title": "Theirs", "update_time": "2026-11-02T00:00:00Z"])
        var after = commit.staging
        let plan = try Self.offline.plan(after, schemas: ["deals": Self.schema("deals")])
        let conflict = Conflict(theirs: theirs, yours: ["title": "Mine"], fields: ["title"])
        let report = CommitReport(plan: plan, isDryRun: false, outcomes: [ChangeOutcome(changeID: 1, result: .conflict(conflict))], sent: [])
        after.apply(report)
        // The dialog waits for Pipedrive's values to be named.
        let naming = state.update(.wrote(commit.id, .committed(after, report, error: nil)))
        #expect(state.dialog == nil)
        answerNames(&state, naming)
        let dialog = try #require(state.dialog)
        #expect(dialog.lines.contains { $0.contains("Title: theirs “Theirs” · yours “Mine”") })
        #expect(dialog.buttons[dialog.selected].label == "Skip")
        let key: Character = resolution == .skip ? "s" : resolution == .takeTheirs ? "t" : "o"
        let effects = state.press(.char(key))
        #expect(state.dialog == nil)
        switch resolution {
        case .skip:
            #expect(state.staging.changes.first?.isHeld == true)
            #expect(!effects.contains { if case .write = $0 { true } else { false } })  // nothing left to plan
        case .takeTheirs:
            #expect(state.staging.isEmpty)
        case .overwrite:
            let change = try #require(state.staging.changes.first)
            #expect(change.conflict == nil && !change.isHeld)
            guard case .update(let base, let edits) = change.kind else { Issue.record("not an update"); return }
            #expect(base == theirs && edits.map(\.old) == ["Theirs"] && edits.map(\.new) == ["Mine"])
            // Committing again sends it.
            #expect(commitRequest(state.press(.char("c")))?.staging == state.staging)
        }
    }

    @Test func conflictKeysWorkInTheViewToo() throws {
        var state = try personsGrid()
        let deal = Record(id: .int(5), values: ["id": 5, "title": "Loaded"])
        state.staging.edit(deal, of: Self.schema("deals"), text: ["title": "Mine"])
        state.staging.apply(ChangeOutcome(changeID: 1, result: .conflict(
            Conflict(theirs: Record(id: .int(5), values: ["id": 5, "title": "Theirs"]), yours: ["title": "Mine"], fields: ["title"]))))
        state.press(.char("c"))
        let text = Renderer(theme: .plain).render(state).text()
        #expect(text.contains("changed on Pipedrive") && text.contains("Title: theirs “Theirs” · yours “Mine”"))
        state.press(.enter)
        #expect(state.dialog?.title == "Conflict")
        state.press(.escape)
        state.press(.char("o"))
        #expect(state.staging.changes.first?.conflict == nil)
    }

    @Test func aChangeThatMayHaveBeenSentIsHeldUntilReleased() throws {
        var state = try personsGrid()
        state.press(.char("d"))
        state.staging.apply(ChangeOutcome(changeID: 1, result: .unknown(message: "The connection dropped after sending.")))
        let opened = state.press(.char("c"))
        #expect(!opened.contains { if case .write(_, .plan) = $0 { true } else { false } })  // nothing to plan
        let text = Renderer(theme: .plain).render(state).text()
        #expect(text.contains("The connection dropped after sending.") && text.contains("held: left out of commits"))
        #expect(state.press(.char("c")).isEmpty)
        #expect(state.message?.text == "every staged change is held: Space includes one")
        // Space releases it (the user checked the record), and it is planned again.
        let released = state.press(.char(" "))
        #expect(state.staging.changes.first?.isHeld == false && state.staging.changes.first?.failure == nil)
        #expect(released.contains { if case .write(_, .plan) = $0 { true } else { false } })
    }

    @Test func aDryRunCommitAsksTheSessionForCallsOnlyAndKeepsTheChanges() throws {
        var state = try personsGrid(mode: .dryRun)
        state.press(.char("d"))
        try answerPlan(&state, state.press(.char("c")))
        let commit = try #require(commitRequest(state.press(.char("c"), .right, .enter)))
        #expect(commit.dryRun)
        let plan = try Self.offline.plan(commit.staging, schemas: ["persons": Self.schema("persons")])
        let report = CommitReport(plan: plan, isDryRun: true, outcomes: [], sent: [])
        state.update(.wrote(commit.id, .committed(commit.staging, report, error: nil)))
        #expect(state.staging.deleteCount == 1)
        #expect(state.message?.text.hasPrefix("dry run: nothing was sent") == true)
        #expect(Renderer(theme: .plain).render(state).text().contains("Dry run: nothing was sent"))
    }

    @Test func anErrorBeforeSendingKeepsEverythingStaged() throws {
        var state = try personsGrid()
        state.press(.char("d"), .char("c"))
        let commit = try #require(commitRequest(state.press(.char("c"), .right, .enter)))
        state.update(.wrote(commit.id, .committed(commit.staging, nil, error: "Cannot reach 127.0.0.1:9")))
        #expect(state.staging.deleteCount == 1)
        #expect(state.message == AppState.Message(text: "Cannot reach 127.0.0.1:9", isError: true))
        #expect(commitScreen(state)?.committing == nil)
    }

    // MARK: undo

    @Test func undoShowsWhatItWillDoStartsOnCancelAndReportsNewIDs() throws {
        var state = try personsGrid()
        let effects = state.press(.char("u"))
        guard case .write(let id, .prepareUndo)? = effects.first else { Issue.record("no undo plan asked: \(effects)"); return }
        let target = JournalEntry(
            id: "e1", time: 1_795_000_000, profile: nil, account: "http://127.0.0.1:9", resource: "persons", kind: .delete,
            records: [JournaledRecord(id: .int(3), before: ["name": "Person 3"], after: [:])], requests: ["DELETE /api/v2/persons/3"],
            outcome: JournalOutcome(time: 1_795_000_001, status: .done))
        let request = APIRequest(.post, .v2, "/persons", body: .json(["name": "Person 3"]))
        state.update(.wrote(id, .undoPrepared(UndoReport(target: target, requests: [request], isDryRun: true, outcome: nil, recreated: []))))
        let dialog = try #require(state.dialog)
        #expect(dialog.lines.contains { $0.contains("delete persons 3") })
        #expect(dialog.lines.contains { $0.contains("POST /api/v2/persons {\"name\":\"Person 3\"}") })
        #expect(dialog.buttons[dialog.selected].label == "Cancel")
        #expect(state.press(.enter).isEmpty && state.dialog == nil)

        let again = state.press(.char("u"))
        guard case .write(let id2, .prepareUndo)? = again.first else { Issue.record("no undo plan asked"); return }
        state.update(.wrote(id2, .undoPrepared(UndoReport(target: target, requests: [request], isDryRun: true, outcome: nil, recreated: []))))
        let undo = state.press(.right, .enter)
        guard case .write(let id3, .undo(entry: nil, dryRun: false))? = undo.first else { Issue.record("no undo sent: \(undo)"); return }
        let done = state.update(.wrote(id3, .undone(UndoReport(
            target: target, requests: [request], isDryRun: false, outcome: .done(created: []), recreated: [(.int(3), .int(3001))]))))
        #expect(state.message?.text == "undone: delete persons; persons 3 re-created as 3001")
        #expect(done.contains { if case .loadPage = $0 { true } else { false } })
    }

    @Test func nothingToUndoIsAnError() throws {
        var state = try personsGrid()
        guard case .write(let id, .prepareUndo)? = state.press(.char("u")).first else { Issue.record("no undo asked"); return }
        state.update(.wrote(id, .failed("Nothing to undo for http://127.0.0.1:9 in /tmp/journal.jsonl.")))
        #expect(state.message?.isError == true && state.dialog == nil && !state.isLoading)
    }

    // MARK: leaving, and coming back

    @Test func quittingWithStagedChangesAsksFirst() throws {
        var state = try personsGrid()
        state.press(.char("d"), .escape)
        #expect(state.press(.char("q")).isEmpty)
        #expect(!state.quitting && state.dialog?.title == "Quit with 1 staged change?")
        #expect(state.dialog?.buttons.first?.label == "Cancel")
        state.press(.escape)
        #expect(state.dialog == nil && !state.quitting)
        // Keep: quits, the changes stay (on disk, by the runtime).
        var keep = state
        keep.press(.char(":"))
        keep.type("q")
        keep.press(.enter)
        #expect(keep.dialog != nil)
        #expect(keep.press(.char("k")) == [.quit] && keep.quitting && keep.staging.deleteCount == 1)
        // Discard: quits with nothing staged.
        var discard = state
        discard.press(.ctrl("c"))
        #expect(discard.press(.right, .right, .right, .enter) == [.quit] && discard.staging.isEmpty)
        // Ctrl-C twice keeps them and quits.
        var twice = state
        twice.press(.ctrl("c"))
        #expect(twice.press(.ctrl("c")) == [.quit] && twice.staging.deleteCount == 1)
        // Commit: the commit view, and pdtui quits once everything went.
        var commit = state
        commit.press(.ctrl("c"), .char("c"))
        #expect(commitScreen(commit)?.quitAfter == true && !commit.quitting)
        let request = try #require(commitRequest(commit.press(.char("c"), .right, .enter)))
        var after = request.staging
        let plan = try Self.offline.plan(after, schemas: ["persons": Self.schema("persons")])
        let report = CommitReport(plan: plan, isDryRun: false, outcomes: [ChangeOutcome(changeID: 1, result: .done(created: []))], sent: [])
        after.apply(report)
        #expect(commit.update(.wrote(request.id, .committed(after, report, error: nil))).contains(.quit))
        #expect(commit.quitting)
    }

    @Test func withNothingStagedQuitIsImmediate() throws {
        var state = try personsGrid()
        state.press(.escape)
        #expect(state.press(.char("q")) == [.quit] && state.dialog == nil)
    }

    @Test func changesLeftByTheLastSessionAreOffered() throws {
        var left = Staging()
        try left.delete([Record(id: .int(3), values: ["name": "Person 3"])], of: Catalog.pipedrive.resource(named: "persons")!)
        var state = AppState(catalog: catalog, size: Size(width: 80, height: 24), now: fixedNow, staging: left)
        state.offerLeftOver()
        let dialog = try #require(state.dialog)
        #expect(dialog.lines.contains { $0.contains("Delete persons 3 “Person 3”") })
        #expect(dialog.buttons.map(\.label) == ["Keep", "Review", "Discard"])
        var review = state
        let effects = review.press(.char("r"))
        #expect(commitScreen(review) != nil && effects.contains { if case .write(_, .plan) = $0 { true } else { false } })
        var discard = state
        discard.press(.right, .right, .enter)
        #expect(discard.staging.isEmpty && !discard.quitting)
        var keep = state
        keep.press(.escape)
        #expect(keep.staging == left && keep.dialog == nil)
        // Read-only: no review (it would commit).
        var readOnly = AppState(catalog: catalog, size: Size(width: 80, height: 24), writeMode: .readOnly, staging: left)
        readOnly.offerLeftOver()
        #expect(readOnly.dialog?.buttons.map(\.label) == ["Keep", "Discard"])
    }
}

extension WriteStateTests {
    /// Taking theirs reloads the grid underneath, which showed the record as loaded before Pipedrive's change.
    @Test func takingTheirsReloadsTheGridOfTheRecord() throws {
        var state = try personsGrid()
        let person = Record(id: .int(2), values: ["id": 2, "name": "Loaded", "update_time": "2026-11-01T00:00:00Z"])
        state.staging.edit(person, of: Self.schema("persons"), text: ["name": "Mine"])
        try answerPlan(&state, state.press(.char("c")))
        let commit = try #require(commitRequest(state.press(.char("c"))))
        let theirs = Record(id: .int(2), values: ["id": 2, "name": "Theirs", "update_time": "2026-11-02T00:00:00Z"])
        var after = commit.staging
        let plan = try Self.offline.plan(after, schemas: ["persons": Self.schema("persons")])
        let conflict = Conflict(theirs: theirs, yours: ["name": "Mine"], fields: ["name"])
        let report = CommitReport(plan: plan, isDryRun: false, outcomes: [ChangeOutcome(changeID: 1, result: .conflict(conflict))], sent: [])
        after.apply(report)
        answerNames(&state, state.update(.wrote(commit.id, .committed(after, report, error: nil))))
        #expect(state.dialog != nil)
        let effects = state.press(.char("t"))
        #expect(state.staging.isEmpty)
        #expect(effects.contains { if case .loadPage(_, let request) = $0 { request.resource == "persons" } else { false } }, "\(effects)")
    }
}
