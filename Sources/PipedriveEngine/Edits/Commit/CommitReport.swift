/// What a commit did: the plan, each change's outcome, and the write calls actually sent.
public struct CommitReport: Sendable, Equatable {
    public let plan: CommitPlan
    /// Nothing was sent; `plan.requests` are the calls a real commit would make.
    public let isDryRun: Bool
    /// In commit order; none for a dry run.
    public var outcomes: [ChangeOutcome]
    /// The write calls sent, in order (the conflict checks' reads are not listed).
    public var sent: [APIRequest]

    public var conflicts: [(changeID: Int, conflict: Conflict)] {
        outcomes.compactMap { outcome in
            if case .conflict(let conflict) = outcome.result { return (outcome.changeID, conflict) }
            return nil
        }
    }

    public var failures: [(changeID: Int, message: String)] {
        outcomes.compactMap { outcome in
            if case .failed(let message, _) = outcome.result { return (outcome.changeID, message) }
            return nil
        }
    }
}

public struct ChangeOutcome: Sendable, Equatable {
    public let changeID: Int
    public let result: Result

    public enum Result: Sendable, Equatable {
        /// Sent and accepted; `created` holds the records a create made, in order.
        case done(created: [Record])
        /// Not done (or, for a deletion, done only for `doneIDs`), with Pipedrive's message.
        case failed(message: String, doneIDs: [RecordID])
        /// Not sent: the record changed on Pipedrive since it was loaded.
        case conflict(Conflict)
        /// Sent, but it may or may not have been done; held so it is not sent twice by accident.
        case unknown(message: String)
    }

    public init(changeID: Int, result: Result) {
        self.changeID = changeID
        self.result = result
    }
}
