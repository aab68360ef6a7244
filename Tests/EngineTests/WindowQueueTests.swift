import Testing

@testable import PipedriveEngine

/// `WindowQueue`: the order of a parallel v2 read's window pages, without a server.
@Suite struct WindowQueueTests {
    typealias Window = ParallelRead.Window

    static let first = PageCursor(paging: .cursor, pageSize: 10)
    static func after(_ id: Int) -> PageCursor { PageCursor(paging: .cursor, pageSize: 10, at: .cursor(String(id))) }
    static let done = PageCursor(paging: .cursor, pageSize: 10, at: .done)

    @Test func newestWindowsComeFirst() {
        let windows = ParallelRead.windows(oldest: 0, newest: 300, workers: 2)
        var queue = WindowQueue(windows, workers: 2, pageSize: 10)
        var order: [Window] = []
        while let job = queue.next() { order.append(job.window) }
        #expect(order == windows.reversed())
    }

    /// A full first page cuts its window at the page's quartiles; the parts, newest first, go before windows
    /// not begun and cover the window once.
    @Test func aFullFirstPageSplitsItsWindow() throws {
        var queue = WindowQueue([Window(since: nil, until: 100), Window(since: 100, until: 200)], workers: 2, pageSize: 10)
        let job = try queue.take()
        #expect(job.window == Window(since: 100, until: 200))
        queue.answered(job, times: [190, 120, 150, 199, 180, 110, 160, 170], cursor: Self.after(42))
        #expect(queue.waiting.map(\.window) == [
            Window(since: 190, until: 200), Window(since: 170, until: 190), Window(since: 150, until: 170),
            Window(since: 100, until: 150), Window(since: nil, until: 100),
        ])
        #expect(queue.waiting.prefix(4).allSatisfy { $0.cursor.position == .first })
        #expect(queue.made == 5)
    }

    /// A window's next page goes before windows not begun; a page past the first, or times too close to
    /// cut, do not split it; a walk at its end leaves the queue.
    @Test func aWindowGoesOnUntilItsEnd() throws {
        var queue = WindowQueue([Window(since: nil, until: 100), Window(since: 100, until: 200)], workers: 2, pageSize: 10)
        let job = try queue.take()
        queue.answered(job, times: [150, 150, 150], cursor: Self.after(7))
        let second = try queue.take()
        #expect(second.window == job.window && second.cursor == Self.after(7))
        queue.answered(second, times: [110, 190], cursor: Self.after(9))
        let third = try queue.take()
        #expect(third.window == job.window && third.cursor == Self.after(9) && queue.made == 2)
        queue.answered(third, times: [], cursor: Self.done)
        #expect(queue.waiting.map(\.window) == [Window(since: nil, until: 100)])
    }

    /// No more than four windows per worker are made, splits included.
    @Test func splitsStopAtFourWindowsPerWorker() throws {
        var queue = WindowQueue([Window(since: 0, until: 1_000)], workers: 1, pageSize: 10)
        let job = try queue.take()
        queue.answered(job, times: Array(0..<1_000), cursor: Self.after(1))
        #expect(queue.made == 4)
        let part = try queue.take()
        queue.answered(part, times: Array(part.window.since!..<part.window.until!), cursor: Self.after(2))
        #expect(queue.made == 4 && queue.waiting.first?.window == part.window && queue.waiting.first?.cursor == Self.after(2))
    }

    /// A list with most rows updated lately (every update moves a record to now), read by simulated rounds
    /// of one request per worker: every row comes, and in about as many rounds as it has pages over the
    /// workers, where walking the newest window alone took one round per page of it.
    @Test func aSkewedListIsReadInFewRounds() {
        // 600 rows by id: 360 updated in the newest hundredth of the time, the rest spread over all of it,
        // in no order of id.
        let rows = (1...600).map { id in (id: id, time: id % 5 < 3 ? 9_900 + (id * 7_919) % 100 : (id * 7_919) % 9_900) }
        let workers = 4, pageSize = 10
        let windows = ParallelRead.windows(oldest: 0, newest: 10_000, workers: workers)
        let newest = rows.filter { $0.time >= windows.last!.since! }.count
        #expect(newest >= 360, "the newest window alone is \(newest / pageSize) pages")

        var queue = WindowQueue(windows, workers: workers, pageSize: pageSize)
        var read: Set<Int> = []
        var rounds = 0, requests = 0
        while true {
            var jobs: [WindowQueue.Job] = []
            while jobs.count < workers, let job = queue.next() { jobs.append(job) }
            if jobs.isEmpty { break }
            rounds += 1
            for job in jobs {
                requests += 1
                var after = 0
                if case .cursor(let id) = job.cursor.position { after = Int(id)! }
                let inWindow = rows.filter { $0.id > after && $0.time >= job.window.since ?? .min && $0.time < job.window.until! }
                let page = inWindow.prefix(pageSize)
                read.formUnion(page.map(\.id))
                let cursor = inWindow.count > pageSize ? Self.after(page.last!.id) : Self.done
                queue.answered(job, times: page.map(\.time), cursor: cursor)
            }
        }
        #expect(read == Set(rows.map(\.id)))
        // 15 at best; 37 when the windows were not split and went oldest first, each next page queued last.
        #expect(rounds <= 24, "\(rounds) rounds of \(workers) for \(rows.count / pageSize) pages (\(requests) requests)")
        #expect(requests <= rows.count / pageSize + 3 * queue.made)
    }
}

extension WindowQueue {
    struct NothingWaits: Error {}

    /// The next job, which the test expects there to be.
    mutating func take() throws -> Job {
        guard let job = next() else { throw NothingWaits() }
        return job
    }
}
