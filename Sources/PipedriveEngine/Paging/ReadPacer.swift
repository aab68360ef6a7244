/// `BurstPacer` shared by the requests of a parallel read: each waits its turn under Pipedrive's burst limit
/// instead of drawing a 429.
actor ReadPacer {
    private var pacer = BurstPacer()

    /// The requests a window may carry: a tenth of the limit is left for other calls (name lookups, retries)
    /// and for requests in flight arriving closer together than they were sent. nil (not known yet): 20, the
    /// smallest plan's limit.
    static func budget(limit: Int?) -> Int {
        max(1, (limit ?? 20) * 9 / 10 - 1)
    }

    /// Returns once a request may go out under the burst limit `budget` announced, and after its window
    /// resets when it said none is left. The turn is taken before waiting, so requests waiting together
    /// go out one budget per window, not all at once.
    func admit(_ budget: RateLimitBudget) async throws {
        let now = Session.clock()
        var wait = pacer.delay(now: now, limit: Self.budget(limit: budget.burstLimit))
        if budget.burstRemaining == 0, let reset = budget.burstReset { wait = max(wait, reset) }
        pacer.record(now: now + max(0, wait))
        if wait > 0 { try await PipedriveClient.sleep(wait) }
    }
}
