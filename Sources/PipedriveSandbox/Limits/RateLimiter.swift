/// Admits or refuses requests under `RateLimits`: a pure state machine over an explicit clock (seconds).
struct RateLimiter: Sendable {
    var limits: RateLimits
    static let window = 2.0
    /// Admission times within the last window, by credential and by credential for search.
    private var recent: [String: Window] = [:]
    private var spentToday = 0
    /// POST and PUT requests admitted today, by API token (`x-daily-requests-left`).
    private var writesToday: [String: Int] = [:]
    private var day = 0

    init(limits: RateLimits) { self.limits = limits }

    struct Decision: Sendable {
        var admitted: Bool
        /// Seconds to wait before retrying, when refused.
        var retryAfter: Int?
        /// The `x-ratelimit-*`, `x-daily-ratelimit-*` and (API tokens) `x-daily-requests-left` headers.
        var headers: [(String, String)]
        /// Refused because the daily budget is spent (as opposed to the burst window).
        var dailyBudgetSpent: Bool
    }

    /// A request of `cost` tokens by `credential`; `write` for a POST or PUT. Refused requests are not counted.
    mutating func admit(credential: String, oauth: Bool, search: Bool, write: Bool = false, cost: Int, now: Double) -> Decision {
        rollDay(now)
        let key = search ? "search:" + credential : credential
        let limit = search ? limits.searchBurst : (oauth ? limits.oauthBurst : limits.burst)
        var times = recent[key, default: Window()].pruned(before: now - RateLimiter.window)
        var generalTimes = search ? recent[credential, default: Window()].pruned(before: now - RateLimiter.window) : times

        if spentToday >= limits.dailyTokens {
            let retry = secondsToMidnight(now)
            return Decision(
                admitted: false, retryAfter: retry, headers: headers(limit, times, now, credential, oauth), dailyBudgetSpent: true)
        }
        if times.count >= limit || (search && generalTimes.count >= (oauth ? limits.oauthBurst : limits.burst)) {
            recent[key] = times
            let oldest = (times.count >= limit ? times : generalTimes).oldest ?? now
            return Decision(
                admitted: false, retryAfter: max(1, Int((oldest + RateLimiter.window - now).rounded(.up))),
                headers: headers(limit, times, now, credential, oauth), dailyBudgetSpent: false)
        }
        times.append(now)
        recent[key] = times
        if search {
            generalTimes.append(now)
            recent[credential] = generalTimes
        }
        spentToday += cost
        if write && !oauth { writesToday[credential, default: 0] += 1 }
        return Decision(admitted: true, retryAfter: nil, headers: headers(limit, times, now, credential, oauth), dailyBudgetSpent: false)
    }

    /// The headers for a request that is not counted (e.g. an unknown path), from the current state.
    mutating func peek(credential: String, oauth: Bool, now: Double) -> [(String, String)] {
        rollDay(now)
        let times = recent[credential, default: Window()].pruned(before: now - RateLimiter.window)
        return headers(oauth ? limits.oauthBurst : limits.burst, times, now, credential, oauth)
    }

    private func headers(_ limit: Int, _ times: Window, _ now: Double, _ credential: String, _ oauth: Bool) -> [(String, String)] {
        let reset = times.oldest.map { max(1, Int(($0 + RateLimiter.window - now).rounded(.up))) } ?? Int(RateLimiter.window)
        return [
            ("x-ratelimit-limit", String(limit)),
            ("x-ratelimit-remaining", String(max(0, limit - times.count))),
            ("x-ratelimit-reset", String(reset)),
            ("x-daily-ratelimit-token-limit", String(limits.dailyTokens)),
            ("x-daily-ratelimit-token-remaining", String(max(0, limits.dailyTokens - spentToday))),
        ] + (oauth ? [] : [("x-daily-requests-left", String(max(0, limits.dailyWrites - writesToday[credential, default: 0])))])
    }

    /// The budget resets at midnight UTC.
    private mutating func rollDay(_ now: Double) {
        let today = Int((now / 86_400).rounded(.down))
        if today != day {
            day = today
            spentToday = 0
            writesToday = [:]
        }
    }

    private func secondsToMidnight(_ now: Double) -> Int {
        max(1, Int((Double(day + 1) * 86_400 - now).rounded(.up)))
    }

    /// Request times in arrival order; old ones are dropped from the front without shifting the rest each time.
    struct Window: Sendable {
        private var times: [Double] = []
        private var head = 0

        var count: Int { times.count - head }
        var oldest: Double? { head < times.count ? times[head] : nil }

        mutating func append(_ time: Double) { times.append(time) }

        func pruned(before cutoff: Double) -> Window {
            var window = self
            while let oldest = window.oldest, oldest <= cutoff { window.head += 1 }
            if window.head > 1_024 && window.head * 2 > window.times.count {
                window.times.removeFirst(window.head)
                window.head = 0
            }
            return window
        }
    }
}
