/// Anything the engine could not do, with what a person needs to act on it.
///
/// `message` is one or two sentences for the user; it never holds a secret. `status`, `apiError` and
/// `errorInfo` are Pipedrive's own answer when there was one.
public struct PipedriveError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// 401: the token or OAuth grant was refused.
        case unauthorized
        /// 402/403: the account or the user may not do this.
        case forbidden
        /// 404/410: the id (or the path) does not exist.
        case notFound
        /// 400/422 and other refusals of the request's content.
        case rejected
        /// 429: out of `limit` (the burst window, the search window or the daily budget); `retryAfter` in
        /// seconds when known.
        case rateLimited(RateLimit, retryAfter: Double?)
        /// 5xx on a request that is safe to report as not done (a read, or a write that was refused).
        case server
        /// The host could not be reached; nothing was sent.
        case network
        /// A write whose fate is unknown: it may or may not have happened. Never repeated.
        case outcomeUnknown
        /// The answer was not Pipedrive's JSON.
        case malformedResponse
        /// A value or parameter refused before any request was sent.
        case invalidInput
        /// The configuration, profile or credentials cannot be used.
        case configuration
    }

    public var kind: Kind
    public var message: String
    /// The HTTP status, when a response arrived.
    public var status: Int?
    /// Pipedrive's `error` text.
    public var apiError: String?
    /// Pipedrive's `error_info` text.
    public var errorInfo: String?

    public init(_ kind: Kind, _ message: String, status: Int? = nil, apiError: String? = nil, errorInfo: String? = nil) {
        self.kind = kind
        self.message = message
        self.status = status
        self.apiError = apiError
        self.errorInfo = errorInfo
    }

    public var description: String { message }

    /// True when repeating the same request later may succeed.
    public var isTransient: Bool {
        switch kind {
        case .rateLimited, .server, .network: true
        default: false
        }
    }
}
