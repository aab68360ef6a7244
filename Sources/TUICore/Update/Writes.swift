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

extension AppState {
    mutating func receiveWrite(_ id: Int, _ result: WriteResult) -> [Effect] {
        switch result {
        case .planned(let plan):
            for s in stack.indices {
                guard case .commit(var screen) = stack[s], screen.planning == id else { continue }
                screen.planning = nil
                screen.plan = plan
                stack[s] = .commit(screen)
            }
            return []
        case .committed(let after, let report, let error): return receiveCommit(id, after, report, error)
        case .undoPrepared(let report):
            guard undoing == id else { return [] }
            undoing = nil
            message = nil
            receiveUndoPlan(report)
            return []
        case .undone(let report):
            guard undoing == id else { return [] }
            undoing = nil
            return receiveUndone(report)
        case .failed(let text):
            if undoing == id { undoing = nil }
            for s in stack.indices {
                guard case .commit(var screen) = stack[s], screen.planning == id else { continue }
                screen.planning = nil
                screen.plan = nil
                screen.planError = text
                stack[s] = .commit(screen)
            }
            setError(text)
            return []
        }
    }
}
