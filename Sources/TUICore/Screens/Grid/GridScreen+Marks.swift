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

extension Shared {
    /// The ids of the bulk groups staged.
    var stagedGroups: Set<Int> { Set(staging.changes.compactMap { $0.group?.id }) }
}

/// Marks (Space), staged deletions (`d`) and the staged rows the grid shows.
extension GridScreen {
    /// The marked rows, hidden by the filter or not, in the order they were loaded.
    var markedRows: [JSON] {
        rows.filter { RecordID($0["id"]).map(marked.contains) == true }
    }

    /// Space: marks or unmarks the current row, then moves down so a run of rows is marked key by key.
    mutating func toggleMark(_ shared: inout Shared) {
        guard !shared.refusedInReadOnly("marking rows to delete") else { return }
        guard cursor >= newRows.count, let row = currentRow else { return }
        guard isPaged, let id = RecordID(row["id"]) else {
            shared.setError("these rows belong to a record: they cannot be marked or deleted on their own")
            return
        }
        if marked.remove(id) == nil { marked.insert(id) }
        var c = ListCursor(index: cursor, top: top)
        c.move(1, count: visibleCount, height: shared.gridRows)
        (cursor, top) = (c.index, c.top)
        shared.setNotice("\(marked.count) marked: e edits them in one form, d stages their deletion, Space unmarks")
    }

    /// `*`: marks every loaded row the filter shows, or unmarks them when all of them are marked already.
    mutating func markShown(_ shared: inout Shared) {
        guard !shared.refusedInReadOnly("marking rows") else { return }
        guard isPaged else {
            shared.setError("these rows belong to a record: they cannot be marked or deleted on their own")
            return
        }
        let ids = Set((newRows.count..<visibleCount).compactMap { row(at: $0).flatMap { RecordID($0["id"]) } })
        if !ids.isEmpty, ids.isSubset(of: marked) {
            marked.subtract(ids)
        } else {
            marked.formUnion(ids)
        }
        shared.setNotice("\(marked.count) marked · e edits all · :s/OLD/NEW/ replaces · d deletes · * unmarks")
    }

    /// `d`: stages the deletion of the marked rows, else of the current row; on rows already staged for
    /// deletion, or on a new record, unstages them.
    mutating func stageDelete(_ shared: inout Shared) -> Step {
        guard !shared.refusedInReadOnly("deleting") else { return Step() }
        if marked.isEmpty, newRows.indices.contains(cursor) {
            shared.staging.remove(newRows[cursor].change)
            shared.setNotice("the new record is no longer staged")
            return Step()
        }
        guard let info = shared.resource(resource), let definition = info.definition, isPaged else {
            shared.setError("these rows belong to a record: they cannot be deleted on their own")
            return Step()
        }
        let rows = marked.isEmpty ? [currentRow].compactMap { $0 } : markedRows
        guard !rows.isEmpty else { return Step() }
        let records = rows.map { Record(id: RecordID($0["id"]), values: $0.objectValue ?? [:]) }
        let staged = Set(shared.stagedKinds(of: info.id).filter { $0.value == .deleted }.keys)
        if records.allSatisfy({ $0.id.map(staged.contains) == true }) {
            shared.unstageDeletion(of: Set(records.compactMap(\.id)), in: definition)
            marked = []
            shared.setNotice("no longer staged for deletion")
            return Step()
        }
        do {
            try shared.staging.delete(records, of: definition)
            let what = records.count == 1 ? "1 \(PromptField.singular(info.id))" : "\(records.count) \(info.id)"
            shared.setNotice("deletion of \(what) staged: c reviews and commits (nothing is sent before); d again unstages")
            marked = []
        } catch {
            shared.setError(error.message)
        }
        return Step()
    }

    /// Back from the bulk form: the marks clear once it staged its group (as after `d`), stay if it was left.
    mutating func clearMarksAfterBulk(_ shared: Shared) {
        guard let before = groupsBeforeBulkForm else { return }
        groupsBeforeBulkForm = nil
        if !shared.stagedGroups.isSubset(of: before) { marked = [] }
    }

    /// Keeps the new rows in step with the staged creates of the resource; the cursor stays on its row.
    mutating func showStagedRows(_ shared: Shared) {
        let rows = shared.staging.changes.compactMap { change -> NewRow? in
            guard change.resource == resource, case .create(let values) = change.kind else { return nil }
            return NewRow(change: change.id, values: .object(values))
        }
        guard rows != newRows else { return }
        let shift = rows.count - newRows.count
        newRows = rows
        if cursor >= rows.count - shift { cursor = max(0, cursor + shift) }
        clampCursor(height: shared.gridRows)
    }
}

extension Shared {
    /// `d` again on rows staged for deletion: takes them out of their deletions, which keep their other records.
    mutating func unstageDeletion(of ids: Set<RecordID>, in resource: Resource) {
        for change in staging.changes where change.resource == resource.name && !ids.isDisjoint(with: change.deletedIDs) {
            guard case .delete(let records) = change.kind else { continue }
            staging.remove(change.id)
            _ = try? staging.delete(records.filter { $0.id.map(ids.contains) != true }, of: resource)
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
}
