/// The grid's keys. What it leaves (nil) goes to the app: help, command line, back, quit, commit,
/// undo and the screens an action opens.
extension GridScreen {
    mutating func handle(_ key: Key, _ action: KeyAction?, _ shared: inout Shared) -> Step? {
        if filtering { return filterKey(key, &shared) }
        var c = ListCursor(index: cursor, top: top)
        if c.navigate(action, count: visibleCount, height: shared.gridRows) {
            (cursor, top) = (c.index, c.top)
            return Step()
        }
        if let step = columnKey(action, &shared) { return step }
        if action == .back, exporting != nil, exporting?.request == nil { return Step(effects: stopExport(&shared)) }
        switch action {
        case .left?: column = max(0, column - 1)
        case .right?: column = min(columns.count - 1, column + 1)
        case .firstColumn?: column = 0
        case .lastColumn?: column = columns.count - 1
        case .sort?:
            toggleSort(format: shared.format)
            clampCursor(height: shared.gridRows)
        case .filter?: filtering = true
        case .mark?: toggleMark(&shared)
        case .markAll?: markShown(&shared)
        case .delete?: return stageDelete(&shared)
        case .reload?: return Step(effects: reload(&shared, keepingPlace: false))
        case .copy?:
            guard let row = currentRow, let col = columns[safe: column] else { return Step() }
            shared.setNotice("copied \(col.title)")
            return Step(effects: [.copy(shared.format.cell(row, col))])
        case .open?:
            guard let row = currentRow else { return Step() }
            return DetailScreen.open(row, resource: resource, columns: allColumns, &shared)
        case .edit? where marked.count > 1:
            let step = shared.openBulkForm(markedRows, resource: resource)
            if case .push = step.move { groupsBeforeBulkForm = shared.stagedGroups }
            return step
        case .edit?:
            if marked.isEmpty, newRows.indices.contains(cursor) { return shared.openRestageForm(change: newRows[cursor].change, resource: resource) }
            guard let row = markedRows.first ?? currentRow else { shared.setError("no row to edit"); return Step() }
            return shared.openEditForm(row, resource: resource, partial: request?.action.lowercased().contains("search") == true)
        case .new?: return shared.openCreateForm(resource: resource)
        case .serverFilter?, .savedFilter?:
            guard let request else { shared.setError("these rows belong to a record: they cannot be filtered on the server"); return Step() }
            return shared.openFilterPrompt(request, savedFilter: action == .savedFilter)
        case .merge?: return merge(&shared)
        case .openLink?: return Step(effects: shared.openLink(resource, currentRow, for: id))
        case .back? where !filter.text.isEmpty:
            setFilter(LineEditor(), format: shared.format)
            clampCursor(height: shared.gridRows)
        default: return nil
        }
        return Step()
    }
}
