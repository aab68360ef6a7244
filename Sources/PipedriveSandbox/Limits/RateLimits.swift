/// Rate limits of the sandbox, per Pipedrive's rate-limiting page: requests per rolling 2-second window
/// per token, and a daily token budget for the company.
public struct RateLimits: Sendable, Equatable {
    /// Requests per 2 s for an API token.
    public var burst: Int
    /// Requests per 2 s for an OAuth access token.
    public var oauthBurst: Int
    /// Requests per 2 s to search endpoints, whatever the credential.
    public var searchBurst: Int
    /// Tokens per UTC day, shared by every credential of the company.
    public var dailyTokens: Int
    /// POST and PUT requests per UTC day an API token is told it has left (`x-daily-requests-left`; Pipedrive's
    /// example answer reads 9999 after one, and does not say that it refuses past it: neither does the sandbox).
    public var dailyWrites: Int

    public init(burst: Int, oauthBurst: Int, searchBurst: Int, dailyTokens: Int, dailyWrites: Int = 10_000) {
        self.burst = burst
        self.oauthBurst = oauthBurst
        self.searchBurst = searchBurst
        self.dailyTokens = dailyTokens
        self.dailyWrites = dailyWrites
    }

    /// The default: high enough that a person or a test walking 100,000 rows never meets a limit.
    public static let relaxed = RateLimits(burst: 20_000, oauthBurst: 20_000, searchBurst: 1_000, dailyTokens: 1_000_000_000)

    /// Pipedrive's own numbers for a Growth plan with one seat: 40 (API token) or 160 (OAuth) requests and
    /// 10 searches per 2 s, 30,000 × 2 tokens a day.
    public static let pipedriveGrowth = RateLimits(burst: 40, oauthBurst: 160, searchBurst: 10, dailyTokens: 60_000)
}
