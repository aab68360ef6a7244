import PipedriveEngine

/// A bulk change in the commit view: one line (`Owner → Ana Silva on 40 deals`) that Enter expands to
/// each record's change and folds again; `x` unstages and Space holds the whole group.
extension AppState {
    /// The staged changes in order, each group once where its first member stands, with its members.
    var commitEntries: [(change: StagedChange, members: [StagedChange])] {
        var seen: Set<Int> = []
        return staging.changes.compactMap { change in
            guard let group = change.group else { return (change, []) }
            guard seen.insert(group.id).inserted else { return nil }
            return (change, staging.changes.filter { $0.group == group })
        }
    }

    /// Enter on a group's line: shows or hides its records.
    mutating func toggleGroup(_ group: Int, _ screen: inout CommitScreen) {
        if screen.expanded.remove(group) == nil { screen.expanded.insert(group) }
        if let index = commitTargets(screen).firstIndex(of: .group(group)) { screen.cursor.index = index }
        screen.cursor.clamp(count: commitTargets(screen).count, height: bodyHeight)
    }

    /// `x` on a group: unstages every record of it.
    mutating func unstageGroup(_ group: Int) {
        for change in staging.changes where change.group?.id == group { staging.remove(change.id) }
    }

    /// Space on a group: holds every record of it out of commits, or includes them all again.
    mutating func holdGroup(_ group: Int) -> Bool {
        let members = staging.changes.filter { $0.group?.id == group }
        let hold = !members.allSatisfy(\.isHeld)
        for change in members { staging.hold(change.id, hold) }
        return hold
    }
}
