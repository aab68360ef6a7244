import PipedriveEngine

extension JournalScreen {
    mutating func handle(_ key: Key, _ action: KeyAction?, _ shared: inout Shared) -> Step? {
        if let opened {
            if lineCursor.navigate(action, count: detailLines.count, height: shared.bodyHeight) { return Step() }
            switch action {
            case .back?, .left?, .quit?:
                self.opened = nil
                return Step()
            case .undo?: return undo(opened, &shared)
            default: return nil
            }
        }
        if cursor.navigate(action, count: entries.count, height: listHeight(shared)) { return Step() }
        switch action {
        case .open?, .right?:
            guard selected != nil else { return Step() }
            opened = selected
            lineCursor = ListCursor()
            return Step()
        case .undo?:
            guard let entry = selected else { shared.setNotice("nothing in the journal to undo"); return Step() }
            return undo(entry, &shared)
        case .reload?: return Step(effects: load(&shared))
        default: return nil
        }
    }

    /// Asks the app to undo this entry (its dialog shows the calls first), or says why it cannot.
    private func undo(_ entry: JournalEntry, _ shared: inout Shared) -> Step {
        if let reason = refusals[entry.id] {
            shared.setError("cannot undo this change: \(reason)")
            return Step()
        }
        return Step(command: .undo(entry: entry.id))
    }
}
