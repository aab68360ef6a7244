import Foundation

/// When to repeat a request: a pure decision, tested without I/O.
///
/// Reads are repeated on 429, 500, 502, 503, 504, a failed connection and a damaged answer. A write is
/// repeated only on 429, which Pipedrive answers before doing anything, or when no connection was made;
/// any other failure of a write may have happened and is never repeated.
///
/// The wait is full-jitter backoff (a random share of `baseDelay` doubled per attempt, at most
/// `maxDelay`), so clients that failed together do not come back together; a `Retry-After` is honoured
/// as given, and one longer than `maxDelay` is reported instead of waited for.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    /// The first backoff; doubled on each further attempt.
    public var baseDelay: Double
    /// The longest wait worth making; a longer `Retry-After` is reported to the user instead.
    public var maxDelay: Double

    public init(maxAttempts: Int = 4, baseDelay: Double = 0.5, maxDelay: Double = 30) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    public enum Outcome: Sendable {
        case response(status: Int, headers: [String: String])
        /// The connection failed; `sent` is false when nothing can have reached the server.
        case transportFailure(sent: Bool)
        /// A 2xx whose body is not JSON (cut short on the way).
        case malformedBody
    }

    /// The seconds to wait before the next attempt, or nil to stop after `attempt` (1-based). `random`
    /// (0...1) picks the share of the backoff window: the jitter, given by tests.
    public func delay(method: HTTPMethod, attempt: Int, outcome: Outcome, random: Double = .random(in: 0...1)) -> Double? {
        guard attempt < maxAttempts else { return nil }
        let backoff = random * min(baseDelay * Double(1 << min(attempt - 1, 30)), maxDelay)
        switch outcome {
        case .response(let status, let headers):
            switch status {
            case 429:
                let wait = Self.retryAfter(headers) ?? backoff
                return wait <= maxDelay ? wait : nil
            case 500, 502, 503, 504:
                return method == .get ? min(Self.retryAfter(headers) ?? backoff, maxDelay) : nil
            default:
                return nil
            }
        case .transportFailure(let sent):
            return method == .get || !sent ? backoff : nil
        case .malformedBody:
            return method == .get ? backoff : nil
        }
    }

    /// `Retry-After` (seconds), else `x-ratelimit-reset` (seconds left in the burst window).
    static func retryAfter(_ headers: [String: String]) -> Double? {
        for name in ["retry-after", "x-ratelimit-reset"] {
            if let text = headers[name], let seconds = Double(text.trimmingCharacters(in: .whitespaces)), seconds >= 0 {
                return seconds
            }
        }
        return nil
    }
}
