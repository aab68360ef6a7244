import JSONValue
import PipedriveEngine

/// A new record staged for a grid's resource, shown above the loaded rows until it is committed.
public struct NewRow: Sendable, Equatable {
    /// The staged change that creates it.
    public var change: Int
    /// Its values by field key, as the grid's columns read them.
    public var values: JSON
}

/// How a staged change touches a grid row, for its style and its mark in the gutter.
public enum StagedKind: Sendable, Equatable {
    case new, edited, deleted
}

extension GridScreen {
    /// The marked rows, hidden by the filter or not, in the order they were loaded.
    var markedRows: [JSON] {
        rows.filter { RecordID($0["id"]).map(marked.contains) == true }
    }
}

extension AppState {
    /// Space: marks or unmarks the current row, then moves down so a run of rows is marked key by key.
    mutating func toggleMark(_ grid: inout GridScreen) {
        guard !refusedInReadOnly("marking rows to delete") else { return }
        guard grid.cursor >= grid.newRows.count, let row = grid.currentRow else { return }
        guard grid.request != nil, let id = RecordID(row["id"]) else {
            setError("these rows belong to a record: they cannot be marked or deleted on their own")
            return
        }
        if grid.marked.remove(id) == nil { grid.marked.insert(id) }
        var cursor = ListCursor(index: grid.cursor, top: grid.top)
        cursor.move(1, count: grid.visibleCount, height: gridRows)
        (grid.cursor, grid.top) = (cursor.index, cursor.top)
        setNotice("\(grid.marked.count) marked: e edits them in one form, d stages their deletion, Space unmarks")
    }

    /// `*`: marks every loaded row the filter shows, or unmarks them when all of them are marked already.
    mutating func markShown(_ grid: inout GridScreen) {
        guard !refusedInReadOnly("marking rows") else { return }
        guard grid.request != nil else {
            setError("these rows belong to a record: they cannot be marked or deleted on their own")
            return
        }
        let ids = Set((grid.newRows.count..<grid.visibleCount).compactMap { grid.row(at: $0).flatMap { RecordID($0["id"]) } })
        if !ids.isEmpty, ids.isSubset(of: grid.marked) {
            grid.marked.subtract(ids)
        } else {
            grid.marked.formUnion(ids)
        }
        setNotice("\(grid.marked.count) marked: e edits them in one form, :s/OLD/NEW/ replaces in the column, d stages their deletion, * again unmarks")
    }

    /// `d`: stages the deletion of the marked rows, else of the current row; on rows already staged for
    /// deletion, or on a new record, unstages them.
    mutating func stageDelete(_ grid: inout GridScreen) -> Step {
        guard !refusedInReadOnly("deleting") else { return Step() }
        if grid.marked.isEmpty, grid.newRows.indices.contains(grid.cursor) {
            staging.remove(grid.newRows[grid.cursor].change)
            setNotice("the new record is no longer staged")
            return Step()
        }
        guard let info = resource(grid.resource), let definition = info.definition, grid.request != nil else {
            setError("these rows belong to a record: they cannot be deleted on their own")
            return Step()
        }
        let rows = grid.marked.isEmpty ? [grid.currentRow].compactMap { $0 } : grid.markedRows
        guard !rows.isEmpty else { return Step() }
        let records = rows.map { Record(id: RecordID($0["id"]), values: $0.objectValue ?? [:]) }
        let staged = Set(stagedKinds(of: info.id).filter { $0.value == .deleted }.keys)
        if records.allSatisfy({ $0.id.map(staged.contains) == true }) {
            unstageDeletion(of: Set(records.compactMap(\.id)), in: definition)
            grid.marked = []
            setNotice("no longer staged for deletion")
            return Step()
        }
        do {
            try staging.delete(records, of: definition)
            let what = records.count == 1 ? "1 \(PromptField.singular(info.id))" : "\(records.count) \(info.id)"
            setNotice("deletion of \(what) staged: c reviews and commits (nothing is sent before); d again unstages")
            grid.marked = []
        } catch {
            setError(error.message)
        }
        return Step()
    }

    /// `d` again on rows staged for deletion: takes them out of their deletions, which keep their other records.
    mutating func unstageDeletion(of ids: Set<RecordID>, in resource: Resource) {
        for change in staging.changes where change.resource == resource.name && !ids.isDisjoint(with: change.deletedIDs) {
            guard case .delete(let records) = change.kind else { continue }
            staging.remove(change.id)
            _ = try? staging.delete(records.filter { $0.id.map(ids.contains) != true }, of: resource)
        }
    }

    /// Keeps every grid's new rows in step with the staged creates of its resource.
    mutating func showStagedRows() {
        for i in stack.indices {
            guard case .grid(var grid) = stack[i], grid.request != nil else { continue }
            let rows = staging.changes.compactMap { change -> NewRow? in
                guard change.resource == grid.resource, case .create(let values) = change.kind else { return nil }
                return NewRow(change: change.id, values: .object(values))
            }
            guard rows != grid.newRows else { continue }
            let shift = rows.count - grid.newRows.count
            grid.newRows = rows
            // The cursor stays on the row it was on.
            if grid.cursor >= rows.count - shift { grid.cursor = max(0, grid.cursor + shift) }
            grid.clampCursor(height: gridRows)
            stack[i] = .grid(grid)
        }
    }

    /// How staged changes touch the rows of `resource`, by record id (creates are `newRows`).
    public func stagedKinds(of resource: String) -> [RecordID: StagedKind] {
        var kinds: [RecordID: StagedKind] = [:]
        for change in staging.changes where change.resource == resource {
            if let id = change.recordID { kinds[id] = .edited }
            for id in change.deletedIDs { kinds[id] = .deleted }
        }
        return kinds
    }

    /// Refuses a write in read-only mode, saying why; true when refused.
    mutating func refusedInReadOnly(_ what: String) -> Bool {
        guard writeMode == .readOnly else { return false }
        setError("read-only: \(what) is off (started with --read-only, or the profile has read_only)")
        return true
    }
}
