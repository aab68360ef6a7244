import Foundation

/// When to repeat a request: a pure decision, tested without I/O.
///
/// Reads are repeated on 429, 502, 503, 504 and on a failed connection. A write is repeated only on 429,
/// which Pipedrive answers before doing anything; any other failure of a write may have happened and is
/// never repeated.
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
    }

    /// The seconds to wait before the next attempt, or nil to stop after `attempt` (1-based).
    public func delay(method: HTTPMethod, attempt: Int, outcome: Outcome) -> Double? {
        guard attempt < maxAttempts else { return nil }
        let backoff = baseDelay * Double(1 << (attempt - 1))
        switch outcome {
        case .response(let status, let headers):
            switch status {
            case 429:
                let wait = Self.retryAfter(headers) ?? backoff
                return wait <= maxDelay ? wait : nil
            case 502, 503, 504:
                return method == .get ? min(Self.retryAfter(headers) ?? backoff, maxDelay) : nil
            default:
                return nil
            }
        case .transportFailure(let sent):
            return method == .get || !sent ? min(backoff, maxDelay) : nil
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
