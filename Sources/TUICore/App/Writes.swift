import PipedriveEngine

/// A write the TUI asks the runtime for; the engine session does it (see `Runtime`).
public enum WriteRequest: Sendable, Equatable {
    /// The calls the staged changes would make (`Session.plan`).
    case plan(Staging)
    /// Sends the staged changes (`Session.commit`); `dryRun` only shows the calls.
    case commit(Staging, confirmation: String?, dryRun: Bool)
    /// What undoing a journal entry (nil: the last committed change) would do (`Session.undo` as a dry run).
    case prepareUndo(entry: String?)
    case undo(entry: String?, dryRun: Bool)
}

/// What a write came back with.
public enum WriteResult: Sendable {
    case planned(CommitPlan)
    /// The staging after the commit (outcomes taken in), with the report, or why it stopped.
    case committed(Staging, CommitReport?, error: String?)
    case undoPrepared(UndoReport)
    case undone(UndoReport)
    case failed(String)
}
