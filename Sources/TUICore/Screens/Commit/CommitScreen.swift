import JSONValue
import PipedriveEngine

/// The commit view: every staged change field by field (old → new) with the exact calls it will make,
/// keys to unstage, hold or resolve, and the outcome of the last commit. It drives the writes (plan,
/// commit) and the dialogs about them (delete confirmation, conflicts), whose answers come back to it
/// through the request table.
public struct CommitScreen: OpenedByAction {
    let id: ScreenID
    /// Over `targets(shared)`: the changes and the fields of updates.
    public var cursor = ListCursor()
    /// The calls of the staged changes, as last worked out; nil until the first plan arrives.
    public var plan: CommitPlan?
    public var planning: Int?
    public var planError: String?
    /// The commit being sent: while it is out, the view takes no key.
    public var committing: Int?
    /// What the last commit did (or, dry, would do), with the summaries of the changes it covered.
    public var report: CommitReport?
    public var reported: [Int: String] = [:]
    /// The group label of each reported change that was part of a bulk, so the report sums it up in a line.
    public var reportedGroups: [Int: String] = [:]
    /// Opened from the quit dialog: pdtui quits once everything is committed.
    public var quitAfter = false
    /// The groups (bulk changes) shown record by record; the others show as one line.
    public var expanded: Set<Int> = []
    /// How far the commit being sent is.
    public var progress: CommitProgress?
    /// The requests for the staged resources' fields and for the names in the changes' values (`+Names`).
    var readingFields: Set<Int> = []
    var naming: [Int: NamingRequest] = [:]
    /// Named references, by the bare value they stand for.
    var names: [ValueKey: JSON] = [:]
    /// A commit met conflicts: their dialog waits for these requests naming their values.
    var conflictsWaitFor: Set<Int> = []

    /// `c` and `:commit` (read-only refuses; with nothing staged it says so).
    static func open(_ shared: inout Shared) -> Step? { open(&shared, quitAfter: false) }

    /// `quitAfter`: opened from the quit dialog, pdtui quits once everything is committed.
    static func open(_ shared: inout Shared, quitAfter: Bool) -> Step? {
        guard !shared.refusedInReadOnly("committing") else { return nil }
        guard !shared.staging.isEmpty else {
            shared.setNotice("nothing staged: d stages a deletion (Space marks rows)")
            return nil
        }
        var screen = CommitScreen(id: shared.newScreenID())
        screen.quitAfter = quitAfter
        let effects = screen.replan(&shared) + screen.describe(shared.staging.changes, fields: true, &shared)
        return Step(.push(ComponentEntry(id: screen.id, screen: screen)), effects: effects)
    }

    func title(_ shared: Shared, onTop: Bool) -> String? { "Commit" }

    var keyContext: KeyContext? { .commit }

    /// The plan only: a commit being sent is never abandoned (the view takes no key until it is back).
    var pendingRequests: [Int] { (planning.map { [$0] } ?? []) + readingFields.sorted() + naming.keys.sorted() }

    var isSending: Bool { committing != nil }

    /// Asks for the calls of the staged changes again (after they changed).
    mutating func replan(_ shared: inout Shared) -> [Effect] {
        var effects = planning.map { [Effect.cancel($0)] } ?? []
        if let planning { _ = shared.finish(planning) }
        planning = nil
        planError = nil
        guard !shared.staging.changes.allSatisfy(\.isHeld) else {
            plan = nil
            return effects
        }
        let id = shared.newRequestID(for: self.id)
        planning = id
        effects.append(.write(id, .plan(shared.staging)))
        return effects
    }

    mutating func receive(_ id: Int, _ result: Result<Output, UserError>, _ shared: inout Shared) -> Step {
        if receiveDescription(id, result, &shared) {
            guard conflictsWaitFor.remove(id) != nil, conflictsWaitFor.isEmpty else { return Step() }
            return Step(overlay: nextConflict(&shared))
        }
        switch result {
        case .success(.write(.planned(let plan))) where id == planning:
            planning = nil
            self.plan = plan
        case .success(.write(.committed(let after, let report, let error))) where id == committing:
            return receiveCommit(after, report, error, &shared)
        case .success(.answer(let answer)):
            return self.answer(answer, &shared)
        case .success(.write(.failed(let text))): failed(id, text, &shared)
        case .failure(let error): failed(id, error.message, &shared)
        case .success: break
        }
        return Step()
    }

    private mutating func failed(_ id: Int, _ text: String, _ shared: inout Shared) {
        if id == planning {
            planning = nil
            plan = nil
            planError = text
        }
        if id == committing { committing = nil }
        shared.setError(text)
    }

    private mutating func receiveCommit(_ after: Staging, _ report: CommitReport?, _ error: String?, _ shared: inout Shared) -> Step {
        let before = shared.staging
        shared.staging = after
        committing = nil
        var step = Step()
        if let report {
            self.report = report
            let covered = report.isDryRun ? report.plan.changes.map(\.changeID) : report.outcomes.map(\.changeID)
            reported = Dictionary(uniqueKeysWithValues: covered.compactMap { id in before.change(id).map { (id, shared.summary(of: $0)) } })
            reportedGroups = Dictionary(uniqueKeysWithValues: covered.compactMap { id in before.change(id)?.group.map { (id, $0.label) } })
            if report.isDryRun {
                shared.setNotice("dry run: nothing was sent; the calls a commit would make are listed")
            } else {
                let done = report.outcomes.filter { if case .done = $0.result { true } else { false } }.count
                var parts = ["\(done) of \(report.outcomes.count) done"]
                if !report.failures.isEmpty { parts.append("\(report.failures.count) failed (still staged)") }
                if !report.conflicts.isEmpty { parts.append("\(report.conflicts.count) changed on Pipedrive") }
                if report.failures.isEmpty && report.conflicts.isEmpty { shared.setNotice(parts.joined(separator: ", ")) } else { shared.setError(parts.joined(separator: ", ")) }
                let touched = Set(report.outcomes.filter(\.mayHaveChangedRecords).compactMap { before.change($0.changeID)?.resource })
                step.command = .dataChanged(touched)
            }
        }
        if let error { shared.setError(error) }
        progress = nil
        cursor.clamp(count: targets(shared).count, height: shared.bodyHeight)
        step.effects += replan(&shared)
        if report?.conflicts.isEmpty == false {
            // Their dialog shows once Pipedrive's values are named (at once when there is nothing to name).
            let naming = describe(shared.staging.changes.filter { $0.conflict != nil }, fields: false, &shared)
            step.effects += naming
            conflictsWaitFor = Set(naming.compactMap { if case .nameRows(let request, _, _) = $0 { request } else { nil } })
            if conflictsWaitFor.isEmpty { step.overlay = nextConflict(&shared) }
        }
        if quitAfter, shared.staging.isEmpty, report?.isDryRun == false { step.move = .quit }
        return step
    }
}

/// What a line of the commit view stands for, for the keys that act on it.
public enum CommitTarget: Sendable, Equatable {
    case change(Int)
    case field(Int, String)
    /// A bulk change's one line (its group id).
    case group(Int)

    /// The change it stands for; nil for a group.
    public var change: Int? {
        switch self {
        case .change(let id), .field(let id, _): id
        case .group: nil
        }
    }
}

extension ChangeOutcome {
    /// Whether records may differ after it (so their grids are reloaded): all but a refusal with nothing done.
    var mayHaveChangedRecords: Bool {
        switch result {
        case .done, .unknown: true
        case .failed(_, let done): !done.isEmpty
        case .conflict: false
        }
    }
}
