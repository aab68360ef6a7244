/// What is left of Pipedrive's rate limits, from the headers of the latest response (for the UI).
public struct RateLimitBudget: Sendable, Equatable {
    /// Requests allowed per 2-second window (`x-ratelimit-limit`).
    public var burstLimit: Int?
    /// Requests left in the current window (`x-ratelimit-remaining`).
    public var burstRemaining: Int?
    /// Seconds until the window resets (`x-ratelimit-reset`).
    public var burstReset: Double?
    /// The company's daily token budget and what is left of it (`x-daily-ratelimit-token-*`).
    public var dailyTokenLimit: Int?
    public var dailyTokensRemaining: Int?
    /// POST/PUT requests left today (`x-daily-requests-left`, API tokens only).
    public var dailyRequestsLeft: Int?
    /// Tokens this session's requests cost (Pipedrive's `x-token-cost` of each, see `TokenCosts`).
    public var sessionTokens = 0

    /// Under a quarter of the burst window is left: prefetch waits rather than draw a 429.
    public var burstRunningLow: Bool {
        guard let burstRemaining, let burstLimit else { return false }
        return burstRemaining * 4 < burstLimit
    }

    public init(burstLimit: Int? = nil, burstRemaining: Int? = nil, dailyTokenLimit: Int? = nil, dailyTokensRemaining: Int? = nil,
                sessionTokens: Int = 0) {
        self.burstLimit = burstLimit
        self.burstRemaining = burstRemaining
        self.dailyTokenLimit = dailyTokenLimit
        self.dailyTokensRemaining = dailyTokensRemaining
        self.sessionTokens = sessionTokens
    }

    /// The budget the headers announce, keeping earlier values for headers that are missing
    /// (Pipedrive omits the daily ones now and then).
    public func updated(with headers: [String: String]) -> RateLimitBudget {
        var next = self
        func int(_ name: String) -> Int? { headers[name].flatMap { Int($0) } }
        next.burstLimit = int("x-ratelimit-limit") ?? burstLimit
        next.burstRemaining = int("x-ratelimit-remaining") ?? burstRemaining
        next.burstReset = headers["x-ratelimit-reset"].flatMap { Double($0) } ?? burstReset
        next.dailyTokenLimit = int("x-daily-ratelimit-token-limit") ?? dailyTokenLimit
        next.dailyTokensRemaining = int("x-daily-ratelimit-token-remaining") ?? dailyTokensRemaining
        next.dailyRequestsLeft = int("x-daily-requests-left") ?? dailyRequestsLeft
        return next
    }
}
