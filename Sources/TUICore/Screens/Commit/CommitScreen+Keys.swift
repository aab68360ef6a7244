import PipedriveEngine

extension CommitScreen {
    mutating func handle(_ key: Key, _ action: KeyAction?, _ shared: inout Shared) -> Step? {
        guard committing == nil else {
            shared.setNotice("sending: wait for the outcome")
            return Step()
        }
        let targets = self.targets(shared)
        if cursor.navigate(action, count: targets.count, height: shared.bodyHeight) { return Step() }
        let target = targets[safe: cursor.index]
        let change = target?.change.flatMap { shared.staging.change($0) }
        switch (action, target) {
        case (.open?, .group(let group)?):
            toggleGroup(group, shared)
            return Step()
        case (.mark?, .group(let group)?):
            shared.setNotice(holdGroup(group, &shared) ? "held: left out of commits until Space again" : "included in the next commit")
            return Step(effects: replan(&shared))
        default: break
        }
        switch action {
        case .commit?:
            return requestCommit(&shared)
        case .unstage?:
            guard let target else { return Step() }
            switch target {
            case .change(let id): shared.staging.remove(id)
            case .field(let id, let key): shared.staging.remove(id, field: key)
            case .group(let group): unstageGroup(group, &shared)
            }
            cursor.clamp(count: self.targets(shared).count, height: shared.bodyHeight)
            shared.setNotice(shared.staging.isEmpty ? "nothing staged any more" : "unstaged")
            return Step(effects: replan(&shared))
        case .mark?:
            guard let change else { return Step() }
            shared.staging.hold(change.id, !change.isHeld)
            shared.setNotice(change.isHeld ? "included in the next commit" : "held: left out of commits until Space again")
            return Step(effects: replan(&shared))
        case .overwrite?, .takeTheirs?, .skip?, .open?:
            guard let change, change.conflict != nil else { return Step() }
            if action == .open { return Step(showing: conflictDialog(change, &shared)) }
            let reload = settle(change.id, action == .overwrite ? .overwrite : action == .takeTheirs ? .takeTheirs : .skip, &shared)
            cursor.clamp(count: self.targets(shared).count, height: shared.bodyHeight)
            var step = Step(effects: replan(&shared))
            if let reload { step.command = .dataChanged([reload]) }
            return step
        default:
            return nil
        }
    }

    /// `c` in the commit view: commits, after a dialog when anything is deleted.
    private mutating func requestCommit(_ shared: inout Shared) -> Step {
        guard !shared.refusedInReadOnly("committing") else { return Step() }
        guard shared.staging.changes.contains(where: { !$0.isHeld }) else {
            shared.setNotice(shared.staging.isEmpty ? "nothing staged" : "every staged change is held: Space includes one")
            return Step()
        }
        guard shared.staging.deleteCount > 0 else { return Step(effects: startCommit(confirmation: nil, &shared)) }
        return Step(showing: deleteDialog(&shared))
    }

    /// Sends the staged changes (a dry run only works out the calls).
    mutating func startCommit(confirmation: String?, _ shared: inout Shared) -> [Effect] {
        var effects = planning.map { [Effect.cancel($0)] } ?? []
        if let planning { _ = shared.finish(planning) }
        planning = nil
        let id = shared.newRequestID(for: self.id)
        committing = id
        shared.setNotice(shared.writeMode == .dryRun ? "dry run: working out the calls" : "sending")
        effects.append(.write(id, .commit(shared.staging, confirmation: confirmation, dryRun: shared.writeMode == .dryRun)))
        return effects
    }
}
