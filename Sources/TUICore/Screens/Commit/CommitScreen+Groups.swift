import PipedriveEngine

/// A bulk change in the commit view: one line (`Owner → Ana Silva on 40 deals`) that Enter expands to
/// each record's change and folds again; `x` unstages and Space holds the whole group.
extension CommitScreen {
    /// The lines the cursor visits, with the groups expanded as shown.
    func targets(_ shared: Shared) -> [CommitTarget] { shared.commitTargets(expanded: expanded) }

    /// Enter on a group's line: shows or hides its records.
    mutating func toggleGroup(_ group: Int, _ shared: Shared) {
        if expanded.remove(group) == nil { expanded.insert(group) }
        if let index = targets(shared).firstIndex(of: .group(group)) { cursor.index = index }
        cursor.clamp(count: targets(shared).count, height: shared.bodyHeight)
    }

    /// `x` on a group: unstages every record of it.
    func unstageGroup(_ group: Int, _ shared: inout Shared) {
        for change in shared.staging.changes where change.group?.id == group { shared.staging.remove(change.id) }
    }

    /// Space on a group: holds every record of it out of commits, or includes them all again.
    func holdGroup(_ group: Int, _ shared: inout Shared) -> Bool {
        let members = shared.staging.changes.filter { $0.group?.id == group }
        let hold = !members.allSatisfy(\.isHeld)
        for change in members { shared.staging.hold(change.id, hold) }
        return hold
    }
}
