/// `G` where more pages exist goes to the real end: the pages are loaded one after another (the rows
/// so far in the status line), the cursor following to the last loaded row; Esc stops, keeping them.
extension GridScreen {
    mutating func goToEnd(_ shared: inout Shared) -> [Effect] {
        seekingEnd = true
        moveToLastRow(shared)
        return continueToEnd(&shared)
    }

    /// A page arrived: the next one, or the end once the last is in.
    mutating func continueToEnd(_ shared: inout Shared) -> [Effect] {
        guard seekingEnd else { return [] }
        moveToLastRow(shared)
        guard !exhausted, next != nil else {
            seekingEnd = false
            return []
        }
        pacing.asked(at: cursor)
        return nextPage(&shared)
    }

    /// Esc while `G` loads: the page in flight is dropped (asked again later), the rows loaded stay.
    mutating func stopBeforeEnd(_ shared: inout Shared) -> [Effect] {
        seekingEnd = false
        let cancel = dropPageInFlight(&shared)
        shared.setNotice("stopped with \(rows.count) rows loaded: G goes on to the end")
        return cancel
    }

    private mutating func moveToLastRow(_ shared: Shared) {
        cursor = max(0, visibleCount - 1)
        clampCursor(height: shared.gridRows)
    }
}
