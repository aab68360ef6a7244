import JSONValue
import PipedriveEngine

/// `M`: merging records into one. It reads the records and counts what moves (the engine's `planMerge`),
/// shows the preview (what moves, which values survive, that Pipedrive cannot undo a merge) with Cancel
/// focused, and merges through the engine (each merged-away record journaled whole first).
struct MergeScreen: ScreenComponent {
    let id: ScreenID
    let resource: String
    let ids: [Int]
    let survivor: Int
    var plan: MergePlan?
    var report: MergeReport?
    /// The plan or merge request in flight.
    var waiting: Int?
    var error: String?
    /// The resource's columns with the account's custom fields, to name and show the values; nil until read.
    var columns: [ColumnInfo]?
    var readingColumns: Int?
    /// Whether Merge (not Cancel) is focused.
    var mergeFocused = false
    var scroll = ListCursor()

    static func open(resource: String, ids: [Int], into survivor: Int, _ shared: inout Shared) -> Step {
        guard !shared.refusedInReadOnly("merging") else { return Step() }
        guard DuplicateMatcher.Kind(rawValue: resource) != nil else {
            shared.setError("Pipedrive merges persons, organizations and deals, not \(resource)")
            return Step()
        }
        guard !ids.isEmpty else {
            shared.setError("mark the rows to merge (Space), then M on the one to keep")
            return Step()
        }
        var screen = MergeScreen(id: shared.newScreenID(), resource: resource, ids: ids, survivor: survivor)
        let request = shared.newRequestID(for: screen.id)
        screen.waiting = request
        let columns = shared.newRequestID(for: screen.id)
        screen.readingColumns = columns
        let work = SessionWork(name: "plan merging \(resource) \(ids) into \(survivor)") {
            .mergePlan(try await $0.planMerge(resource, ids: ids, into: survivor))
        }
        return Step(.push(ComponentEntry(id: screen.id, screen: screen)),
                    effects: [.session(request, work), .loadSchema(columns, resource: resource)])
    }

    func title(_ shared: Shared, onTop: Bool) -> String? { "Merge into #\(survivor)" }

    var keyContext: KeyContext? { .detail }

    var pendingRequests: [Int] {
        // A merge being sent is never cancelled: its outcome must come back.
        (plan == nil ? waiting.map { [$0] } ?? [] : []) + (readingColumns.map { [$0] } ?? [])
    }

    mutating func receive(_ id: Int, _ result: Result<Output, UserError>, _ shared: inout Shared) -> Step {
        if id == readingColumns {
            readingColumns = nil
            if case .success(.schema(let schema)) = result { columns = ResourceInfo(schema).columns }
            return Step()  // without them, values show by their keys
        }
        guard id == waiting else { return Step() }
        waiting = nil
        switch result {
        case .success(.mergePlan(let plan)): self.plan = plan
        case .success(.merged(let report)):
            self.report = report
            if let failure = report.failure { shared.setError(failure) } else {
                shared.setNotice("merged \(report.merged.map { "#\($0)" }.joined(separator: ", ")) into #\(report.survivor)")
            }
        case .success: break
        case .failure(let failure):
            error = failure.message
            shared.setError(failure.message)
        }
        return Step()
    }

    mutating func handle(_ key: Key, _ action: KeyAction?, _ shared: inout Shared) -> Step? {
        if report != nil {
            // Done: back to where M was pressed, which reloads what the merge changed.
            guard action == .open || action == .back || action == .quit else { return Step() }
            return Step(.pop, command: .dataChanged([resource]))
        }
        let count = lines(shownColumns(shared), shared.format).count
        if scroll.navigate(action, count: count, height: 1) { return Step() }
        switch key {
        case .left, .right, .tab, .backTab, .char("h"), .char("l"):
            mergeFocused.toggle()
            return Step()
        case .enter:
            guard mergeFocused else { return waiting == nil ? Step(.pop) : Step() }
            return Step(effects: merge(&shared))
        case .escape, .char("q"):
            // Leaving while the merge is sent would lose its outcome.
            return waiting == nil || plan == nil ? Step(.pop) : Step()
        default: return Step()
        }
    }

    /// Sends the merge (after the preview); a dry run only says what it would send.
    private mutating func merge(_ shared: inout Shared) -> [Effect] {
        guard let plan, waiting == nil else { return [] }
        if shared.writeMode == .dryRun {
            shared.setNotice("dry run: would send " + plan.requests.map { "\($0.method.rawValue) \($0.path)" }.joined(separator: ", "))
            return []
        }
        guard !shared.refusedInReadOnly("merging") else { return [] }
        let request = shared.newRequestID(for: id)
        waiting = request
        return [.session(request, SessionWork(name: "merge \(resource) \(ids) into \(survivor)") { .merged(try await $0.merge(plan)) })]
    }

    /// The account's columns once read, else the catalog's.
    func shownColumns(_ shared: Shared) -> [ColumnInfo] { columns ?? shared.resource(resource)?.columns ?? [] }
}
