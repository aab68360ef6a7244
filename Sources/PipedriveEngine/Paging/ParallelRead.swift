import JSONValue

/// A whole list read with several requests in flight, for exports (`pdtui get`), where Pipedrive allows it:
///
/// - **v1 offset pages**: pages `start=0, 500, 1000…` a few at a time, handed over in order.
/// - **v2 cursor lists**: the `update_time` range split into disjoint windows (`updated_since` ≤ t <
///   `updated_until`, the first open below), each walked by its own cursor side by side, large ones split
///   again (`WindowQueue`), then one last window of everything from the newest `update_time` seen at the
///   start on (`updated_since` only), read once every other window is done.
///
/// Every record comes exactly once even while records change: an update moves a record's `update_time` to
/// now, later than every window but the last; one moved before its window reached it is read by that last
/// window, which starts only after the others ended, and one read twice (before and after its move) is
/// handed over the first time only (by id). Memory stays flat: at most one page per request in flight is
/// held, and the ids handed over.
///
/// Requests are paced under the burst limit (`ReadPacer`), so a read never draws a 429 on its own.
public struct ParallelRead: Sendable {
    let sequence: PageSequence
    let plan: Plan
    /// Requests in flight at once; nil: chosen from the burst limit once the first answer tells it.
    public let workers: Int?
    let pageSize: Int

    enum Plan: Sendable {
        case offsets
        case windows
    }

    /// What a read did, for progress and tests.
    public struct Summary: Sendable, Equatable {
        /// Requests in flight at once.
        public var workers = 1
        /// Pages read, probes included.
        public var pages = 0
        /// `update_time` windows walked (v2), the last one included.
        public var windows = 0
        /// Rows read a second time (moved while the read ran) and not handed over again.
        public var repeated = 0
        /// Rows the last window handed over: records changed or added since the read began (v2).
        public var late = 0
    }

    /// A v2 list's filters that set the windows; a read already given one goes one page after another.
    static let windowFilters = ["updated_since", "updated_until", "sort_by", "sort_direction"]

    /// In flight at once for a burst limit of `limit` requests per 2 s: a fifth of it, 2 to 8.
    public static func defaultWorkers(burstLimit limit: Int?) -> Int {
        guard let limit else { return 4 }
        return max(2, min(8, limit / 5))
    }

    /// Reads every row, handing each page's new rows to `consume` (one call at a time, in this task).
    @discardableResult
    public func run(_ consume: (PageRows) async throws -> Void) async throws -> Summary {
        var state = Handover()
        let pacer = ReadPacer()
        switch plan {
        case .offsets: try await readOffsets(&state, pacer: pacer, consume)
        case .windows: try await readWindows(&state, pacer: pacer, consume)
        }
        return state.summary
    }

    /// The ids handed over, and the tally.
    struct Handover {
        var seen: Set<JSON> = []
        var summary = Summary()

        /// The rows not handed over before (rows without an id always are).
        mutating func fresh(_ rows: PageRows) -> PageRows {
            summary.pages += 1
            let kept = rows.filter { id in id.map { seen.insert($0).inserted } ?? true }
            summary.repeated += rows.count - kept.count
            return kept
        }
    }

    private func fetch(_ sequence: PageSequence, _ cursor: PageCursor, pacer: ReadPacer) async throws -> PageSequence.Iterator.Fetched {
        try await pacer.admit(sequence.client.rateLimit)
        return try await sequence.fetch(cursor)
    }

    /// `workers`, or the default for the burst limit the answers so far announced.
    private func chosenWorkers() -> Int {
        workers ?? Self.defaultWorkers(burstLimit: sequence.client.rateLimit.burstLimit)
    }

    /// Walks `sequence` from `cursor` one page after another.
    private func walk(
        _ sequence: PageSequence, from cursor: PageCursor, _ state: inout Handover, pacer: ReadPacer,
        _ consume: (PageRows) async throws -> Void
    ) async throws -> Int {
        var cursor = cursor
        var handed = 0
        while !cursor.isDone {
            let fetched = try await fetch(sequence, cursor, pacer: pacer)
            let rows = state.fresh(fetched.rows)
            handed += rows.count
            if !rows.isEmpty { try await consume(rows) }
            cursor = fetched.cursor
        }
        return handed
    }

    // MARK: v1 offsets

    private func readOffsets(_ state: inout Handover, pacer: ReadPacer, _ consume: (PageRows) async throws -> Void) async throws {
        let first = try await fetch(sequence, PageCursor(paging: .offset, pageSize: pageSize), pacer: pacer)
        let rows = state.fresh(first.rows)
        if !rows.isEmpty { try await consume(rows) }
        // Pages of `pageSize` from `start=pageSize` on; an answer that leads elsewhere is walked as it says.
        guard first.cursor.position == .offset(pageSize) else {
            _ = try await walk(sequence, from: first.cursor, &state, pacer: pacer, consume)
            return
        }
        let workers = chosenWorkers()
        state.summary.workers = workers
        let sequence = self.sequence, pageSize = self.pageSize
        var leftover: PageCursor?
        try await withThrowingTaskGroup(of: (Int, PageSequence.Iterator.Fetched).self) { group in
            var launched = 1, handed = 1
            var end: Int?  // the last page
            var ready: [Int: PageSequence.Iterator.Fetched] = [:]
            while true {
                while launched - handed < workers, end.map({ launched <= $0 }) ?? true {
                    let page = launched
                    group.addTask {
                        let cursor = PageCursor(paging: .offset, pageSize: pageSize, at: .offset(page * pageSize))
                        return (page, try await fetch(sequence, cursor, pacer: pacer))
                    }
                    launched += 1
                }
                guard let (page, fetched) = try await group.next() else { break }
                ready[page] = fetched
                while let fetched = ready.removeValue(forKey: handed) {
                    let rows = state.fresh(fetched.rows)
                    if !rows.isEmpty { try await consume(rows) }
                    if fetched.cursor.position != .offset((handed + 1) * pageSize) {
                        // The last page, or the server leads elsewhere: walk on from there alone.
                        end = handed
                        leftover = fetched.cursor
                    }
                    handed += 1
                    if let end, handed > end { break }
                }
                if let end, handed > end {
                    group.cancelAll()
                    break
                }
            }
        }
        if let leftover { _ = try await walk(sequence, from: leftover, &state, pacer: pacer, consume) }
    }

    // MARK: v2 windows

    /// One window of `update_time`: `since` ≤ t < `until`, nil for open.
    struct Window: Sendable, Equatable {
        var since: Int?
        var until: Int?

        func query() -> [QueryItem] {
            (since.map { [QueryItem("updated_since", Moment.rfc3339($0))] } ?? [])
                + (until.map { [QueryItem("updated_until", Moment.rfc3339($0))] } ?? [])
        }
    }

    /// Disjoint windows covering everything before `newest`, two per worker to begin with (`WindowQueue` splits
    /// the large ones); none shorter than a second (`update_time` counts whole seconds).
    static func windows(oldest: Int, newest: Int, workers: Int) -> [Window] {
        let count = max(1, min(workers * 2, newest - oldest))
        let cuts = (1..<count).map { oldest + (newest - oldest) * $0 / count }
        let starts: [Int?] = [nil] + cuts.map(Optional.some)
        let ends = cuts + [newest]
        return zip(starts, ends).map { Window(since: $0, until: $1) }
    }

    /// The `update_time` of the first row when the list is sorted by it (`asc` or `desc`), nil for none.
    private func edge(_ direction: String, pacer: ReadPacer) async throws -> Int? {
        var request = sequence.request
        request.query = request.query.filter { !["limit", "start", "cursor"].contains($0.name) }
        request.query += [QueryItem("sort_by", "update_time"), QueryItem("sort_direction", direction), QueryItem("limit", "1")]
        try await pacer.admit(sequence.client.rateLimit)
        let response = try await sequence.client.send(request)
        return sequence.extraction.rows(from: response.json).first.flatMap(Self.updateTime)
    }

    /// A row's `update_time` in seconds.
    static func updateTime(_ row: JSON) -> Int? {
        row["update_time"]?.stringValue.flatMap(Moment.seconds(parsing:))
    }

    /// The `update_time`s of about 50 of `rows`, evenly spread: enough for a split's quartiles, and rows kept
    /// as texts are parsed only that far.
    static func updateTimes(sampling rows: PageRows) -> [Int] {
        let step = max(1, rows.count / 50)
        switch rows {
        case .values(let values): return stride(from: 0, to: values.count, by: step).compactMap { updateTime(values[$0]) }
        case .texts(let texts):
            return stride(from: 0, to: texts.count, by: step).compactMap { (try? JSON(parsing: texts[$0])).flatMap(updateTime) }
        }
    }

    private func within(_ window: Window) -> PageSequence {
        var request = sequence.request
        request.query += window.query()
        return PageSequence(client: sequence.client, request: request, extraction: sequence.extraction, prefetch: false, keepsTexts: sequence.keepsTexts)
    }

    private func readWindows(_ state: inout Handover, pacer: ReadPacer, _ consume: (PageRows) async throws -> Void) async throws {
        // Both ends at once: one round trip.
        async let first = edge("asc", pacer: pacer)
        async let last = edge("desc", pacer: pacer)
        let (oldest, newest) = try await (first, last)
        state.summary.pages += 2
        guard let oldest, let newest else {
            // Nothing to split (no rows, or no `update_time` to split by): one walk of the whole list.
            _ = try await walk(sequence, from: PageCursor(paging: .cursor, pageSize: pageSize), &state, pacer: pacer, consume)
            return
        }
        let workers = chosenWorkers()
        var queue = WindowQueue(Self.windows(oldest: oldest, newest: newest, workers: workers), workers: workers, pageSize: pageSize)
        state.summary.workers = workers
        try await withThrowingTaskGroup(of: (WindowQueue.Job, PageSequence.Iterator.Fetched).self) { group in
            var running = 0
            while true {
                while running < workers, let job = queue.next() {
                    let walk = within(job.window)
                    group.addTask { (job, try await fetch(walk, job.cursor, pacer: pacer)) }
                    running += 1
                }
                guard let (job, fetched) = try await group.next() else { break }
                running -= 1
                // A window's first page tells where its rows lie in time, should it be split.
                let times = job.cursor.position == .first && !fetched.cursor.isDone ? Self.updateTimes(sampling: fetched.rows) : []
                queue.answered(job, times: times, cursor: fetched.cursor)
                let rows = state.fresh(fetched.rows)
                if !rows.isEmpty { try await consume(rows) }
            }
        }
        state.summary.windows = queue.made + 1
        // What changed or came since the read began: after every other window, so no move is missed.
        let late = within(Window(since: newest, until: nil))
        state.summary.late = try await walk(late, from: PageCursor(paging: .cursor, pageSize: pageSize), &state, pacer: pacer, consume)
    }
}

extension Session {
    /// `action`'s whole list read in parallel (`ParallelRead`), or nil when it can only go one page after
    /// another: not a paged list, a v1 cursor list, a v2 list without `update_time` windows, or one already
    /// filtered or sorted by them.
    /// - Parameters:
    ///   - workers: requests in flight at once; nil chooses from the burst limit.
    ///   - pageSize: rows per request; Pipedrive's most by default.
    ///   - keepsTexts: the rows as the answer's texts, not parsed (see `PageSequence`).
    public func parallelRead(
        _ action: Action, of resource: Resource, parameters: [String: String] = [:], filters: [QueryItem] = [],
        workers: Int? = nil, pageSize: Int? = nil, keepsTexts: Bool = false
    ) throws(PipedriveError) -> ParallelRead? {
        let sequence = try pages(action, parameters: parameters, prefetch: false, filters: filters, keepsTexts: keepsTexts)
        let request = sequence.request
        let size = max(1, min(pageSize ?? .max, PageCursor.pageSize(for: request)))
        let plan: ParallelRead.Plan
        switch (request.paging, request.version) {
        case (.offset, _):
            plan = .offsets
        case (.cursor, .v2):
            let accepted = ListFilters.names(of: resource.name, version: .v2)
            let given = Set(request.query.map(\.name))
            guard ParallelRead.windowFilters.allSatisfy(accepted.contains),
                  given.isDisjoint(with: ParallelRead.windowFilters + ["filter_id", "ids", "cursor"])
            else { return nil }
            plan = .windows
        default:
            return nil
        }
        return ParallelRead(sequence: sequence, plan: plan, workers: workers, pageSize: size)
    }
}
