/// Which of Pipedrive's limits refused a request with 429, told from the answer's headers and the call.
public enum RateLimit: Sendable, Equatable {
    /// Requests per 2-second window of the token (or OAuth app); `requests` as `x-ratelimit-limit` said.
    case burst(requests: Int?)
    /// The search endpoints' own, smaller window (`/deals/search`, `/itemSearch`).
    case search(requests: Int?)
    /// The company's daily token budget is spent (`x-daily-ratelimit-token-remaining: 0`); it resets at
    /// midnight, Pipedrive's server time.
    case dailyBudget(tokens: Int?)

    /// The limit behind a 429 to `path` with these (lower-cased) headers.
    static func of(path: String, headers: [String: String]) -> RateLimit {
        if headers["x-daily-ratelimit-token-remaining"] == "0" {
            return .dailyBudget(tokens: headers["x-daily-ratelimit-token-limit"].flatMap { Int($0) })
        }
        let requests = headers["x-ratelimit-limit"].flatMap { Int($0) }
        return isSearch(path) ? .search(requests: requests) : .burst(requests: requests)
    }

    /// Search calls are counted in a window of their own.
    static func isSearch(_ path: String) -> Bool {
        let path = path.split(separator: "?").first.map(String.init) ?? path
        return path.hasSuffix("/search") || path.contains("/itemSearch")
    }

    /// The limit in a few words, for the status line: `the burst limit (40 requests per 2 s)`.
    public var name: String {
        switch self {
        case .burst(let requests): "the burst limit" + (requests.map { " (\($0) requests per 2 s)" } ?? "")
        case .search(let requests): "the search limit" + (requests.map { " (\($0) searches per 2 s)" } ?? "")
        case .dailyBudget(let tokens): "the company's daily API budget" + (tokens.map { " (\($0) tokens)" } ?? "")
        }
    }
}
