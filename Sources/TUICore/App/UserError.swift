import PipedriveEngine

/// Why a request failed, by what the user can do about it, with the sentence to show. Screens react
/// to the kind (sign in again, wait, mark a field), never to the text.
public struct UserError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case notFound
        /// The token or grant was refused, or the user may not do this.
        case unauthorized
        /// A rate limit ran out for a moment: the burst window or the search window, named.
        case rateLimited(RateLimit)
        /// The company's daily API budget is spent: nothing more until it resets at midnight.
        case budgetSpent
        /// A value was refused; `field` names it when known.
        case validation(field: String?)
        /// Pipedrive could not be reached, or answered with a server error; nothing changed.
        case network
        /// A write that may or may not have happened; settled by reading, never by sending again.
        case unknownOutcome
        /// Anything else (a configuration problem, a local file, a malformed answer).
        case other
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The error as the user sees it, from whatever the engine or the system threw.
    public init(_ error: any Error) {
        if let error = error as? UserError { self = error; return }
        let message = describe(error)
        guard let error = error as? PipedriveError else { self.init(.other, message); return }
        switch error.kind {
        case .notFound: self.init(.notFound, message)
        case .unauthorized, .forbidden: self.init(.unauthorized, message)
        case .rateLimited(.dailyBudget, _): self.init(.budgetSpent, message)
        case .rateLimited(let limit, _): self.init(.rateLimited(limit), message)
        case .rejected, .invalidInput: self.init(.validation(field: nil), message)
        case .network, .server: self.init(.network, message)
        case .outcomeUnknown: self.init(.unknownOutcome, message)
        case .malformedResponse, .configuration: self.init(.other, message)
        }
    }

    public var description: String { message }
}
