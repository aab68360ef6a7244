/// The order in which a parallel v2 read (`ParallelRead`) asks for its `update_time` windows' pages: a pure
/// state machine, so the schedule is tested without a server.
///
/// - **Newest windows first.** Every update moves a record's `update_time` to now, so recent windows hold
///   the most rows (often most of the list in the last one); they start first, so their long walks do not
///   begin at the end.
/// - **A large window is split.** A window whose first page comes back full is cut at that page's
///   `update_time` quartiles into up to four windows, each read from its start: that page's rows come again
///   and are dropped by id, one request spent so no window is left walked page by page alone at the end.
///   At most `windowsPerWorker` windows per worker are made in all, as each costs a request even when small.
/// - **A window begun goes on first.** Its next page, or its parts, go before windows not yet begun.
struct WindowQueue: Sendable {
    /// A window to read and where its walk is.
    typealias Window = ParallelRead.Window

    struct Job: Sendable {
        var window: Window
        var cursor: PageCursor
    }

    /// Windows made at most per worker, the first cut and the splits together.
    static let windowsPerWorker = 4
    /// Parts a large window is cut into.
    static let parts = 4

    /// Next first.
    private(set) var waiting: [Job]
    /// Windows made so far, split ones included.
    private(set) var made: Int
    let most: Int

    /// `windows` in time order, oldest first.
    init(_ windows: [Window], workers: Int, pageSize: Int) {
        waiting = windows.reversed().map { Job(window: $0, cursor: PageCursor(paging: .cursor, pageSize: pageSize)) }
        made = windows.count
        most = max(windows.count, workers * Self.windowsPerWorker)
    }

    /// The job to send next, taken out of the queue; nil when none waits.
    mutating func next() -> Job? {
        waiting.isEmpty ? nil : waiting.removeFirst()
    }

    /// Takes `job`'s answer: `times`, the `update_time`s of its page's rows, and `cursor`, where its walk goes
    /// on (done at the window's end).
    mutating func answered(_ job: Job, times: [Int], cursor: PageCursor) {
        guard !cursor.isDone else { return }
        if job.cursor.position == .first, made < most {
            let parts = Self.split(job.window, at: times, into: min(Self.parts, most - made + 1))
            if parts.count > 1 {
                made += parts.count - 1
                let fresh = PageCursor(paging: job.cursor.paging, pageSize: job.cursor.pageSize)
                waiting.insert(contentsOf: parts.reversed().map { Job(window: $0, cursor: fresh) }, at: 0)
                return
            }
        }
        waiting.insert(Job(window: job.window, cursor: cursor), at: 0)
    }

    /// `window` cut into up to `count` disjoint windows covering it, at quantiles of `times` (a page of its
    /// rows): each part holds some of them, about as many. Fewer when the times are too close (whole seconds).
    static func split(_ window: Window, at times: [Int], into count: Int) -> [Window] {
        let sorted = times.sorted()
        guard count > 1, !sorted.isEmpty else { return [window] }
        var cuts: [Int] = []
        for part in 1..<count {
            let cut = sorted[sorted.count * part / count]
            if cut > (cuts.last ?? sorted[0]), cut < (window.until ?? .max) { cuts.append(cut) }
        }
        let starts: [Int?] = [window.since] + cuts.map(Optional.some)
        return zip(starts, cuts + [window.until]).map { Window(since: $0, until: $1) }
    }
}
