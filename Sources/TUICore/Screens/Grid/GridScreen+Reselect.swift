import PipedriveEngine

/// The cursor's record, kept across a reload (`r`, a commit): its id, the screen line it was on, and how
/// many rows were loaded then (pages are read again up to that many while it is not found).
struct Reselect: Sendable, Equatable {
    var id: RecordID
    var line: Int
    var loaded: Int
}

extension GridScreen {
    /// A page of a reload arrived: the cursor goes to the record it was on, on the same screen line; while
    /// the record is not among the rows and fewer rows are in than before, the next page is read. A record
    /// that is gone (deleted, filtered out on the server) leaves the cursor at its old position.
    mutating func continueReselect(_ shared: inout Shared) -> [Effect] {
        guard let wanted = reselect else { return [] }
        if let position = (newRows.count..<visibleCount).first(where: { RecordID(row(at: $0)?["id"]) == wanted.id }) {
            reselect = nil
            cursor = position
            top = max(0, position - wanted.line)
            clampCursor(height: shared.gridRows)
            return []
        }
        guard !exhausted, rows.count < wanted.loaded else {
            reselect = nil
            return []
        }
        return nextPage(&shared)
    }
}
