/// The grid's columns: those a page brings, the user's layout (the chooser `C`, hide `-`, move `<` `>`),
/// and `S`, the resource's search action.
extension GridScreen {
    /// Takes the columns that came with a page; with the first page the selection starts on the
    /// first column after the key, as when the grid opened.
    mutating func receive(_ newColumns: [ColumnInfo], layout: ColumnLayout) {
        allColumns = newColumns
        lay(out: layout)
        if rows.isEmpty, let first = columns.firstIndex(where: { !$0.isKey }) { column = first }
    }

    /// The user's layout for the resource with the default hidden columns (`DefaultColumns`) it does not name.
    func effectiveLayout(_ layout: ColumnLayout) -> ColumnLayout { layout.withDefaults(hiding: defaultHidden) }

    var defaultHidden: Set<String> { DefaultColumns.hidden(allColumns, filled: filled) }

    /// Notes the columns the new rows fill (only those still empty are looked at); a column that turns out
    /// filled is shown, unless the user's layout hides it.
    mutating func noteFilled(_ newRows: RowStore, format: ValueFormat) {
        guard newRows.count > 0 else { return }
        var found = filled ?? []
        let before = filled
        for info in allColumns where !found.contains(info.key) {
            if (0..<newRows.count).contains(where: { !format.format(newRows.value(info.key, at: $0), as: info.kind, options: info.options).isEmpty }) {
                found.insert(info.key)
            }
        }
        filled = found
        if found != before { lay(out: appliedLayout ?? ColumnLayout()) }
    }

    /// Shows the columns as `layout` (the user's) arranges them, with the default hidden columns,
    /// keeping the selected column when it is still shown.
    mutating func lay(out layout: ColumnLayout) {
        appliedLayout = layout
        let selected = columns[safe: column]?.key
        columns = effectiveLayout(layout).apply(to: allColumns)
        column = columns.firstIndex { $0.key == selected } ?? min(column, max(0, columns.count - 1))
        if columns.count <= 1 { column = 0 } else if columns[column].isKey, let first = columns.firstIndex(where: { !$0.isKey }) {
            column = first
        }
        firstColumn = min(firstColumn, max(0, columns.count - 1))
    }

    /// Column keys; nil for any other key. A layout is the user's for the resource: every grid of it follows.
    mutating func columnKey(_ action: KeyAction?, _ shared: inout Shared) -> Step? {
        switch action {
        case .columns?:
            return Step(showing: ColumnChooser(grid: self, layout: shared.columnLayouts[resource], title: title))
        case .hideColumn?:
            guard let current = columns[safe: column] else { return Step() }
            guard !current.isKey else { shared.setError("the key column \(current.title) stays shown"); return Step() }
            let layout = effectiveLayout(shared.columnLayouts[resource])
            let items = layout.arranged(allColumns).filter { !$0.isKey }
                .map { ($0.key, $0.key != current.key && !layout.hidden.contains($0.key)) }
            setLayout(layout.replacing(with: items), &shared)
            shared.setNotice("hid \(current.title) (\(shared.keyMap.label(.columns)) shows it again)")
            return Step()
        case .moveColumnLeft?, .moveColumnRight?:
            guard let current = columns[safe: column], !current.isKey else { return Step() }
            let layout = effectiveLayout(shared.columnLayouts[resource])
            var arranged = layout.arranged(allColumns)
            // Swap with the neighbouring shown column, skipping hidden ones between.
            let shown = columns.filter { !$0.isKey }.map(\.key)
            guard let at = shown.firstIndex(of: current.key) else { return Step() }
            let target = at + (action == .moveColumnLeft ? -1 : 1)
            guard shown.indices.contains(target),
                  let i = arranged.firstIndex(where: { $0.key == current.key }),
                  let j = arranged.firstIndex(where: { $0.key == shown[target] }) else { return Step() }
            arranged.swapAt(i, j)
            setLayout(layout.replacing(with: arranged.filter { !$0.isKey }.map { ($0.key, !layout.hidden.contains($0.key)) }), &shared)
            return Step()
        case .search?:
            return searchStep(&shared)
        default:
            return nil
        }
    }

    /// Remembers the resource's layout (other grids of it follow in `sync`) and lays this grid out by it.
    /// `layout` is made over the defaults; those left as they were stay defaults (`ColumnLayout.saving`).
    private mutating func setLayout(_ layout: ColumnLayout, _ shared: inout Shared) {
        let saved = shared.columnLayouts[resource].saving(layout, defaults: defaultHidden)
        shared.columnLayouts[resource] = saved
        lay(out: saved)
    }

    /// `S`: the resource's action that takes a search term, prompted with the term field focused and
    /// filled with the filter's text.
    func searchStep(_ shared: inout Shared) -> Step {
        guard let info = shared.resource(resource),
              let action = info.actions.first(where: { $0.parameters.contains { $0.kind == .term } }) else {
            shared.setError("\(shared.resource(resource)?.title ?? resource) has no search action")
            return Step()
        }
        var prompt = PromptScreen(resource: info, action: action, now: shared.now, id: shared.newScreenID())
        if let term = prompt.fields.firstIndex(where: { $0.parameter.kind == .term }) {
            prompt.focus = term
            if !filter.text.isEmpty { prompt.fields[term].text = filter.text }
        }
        return Step(.push(ComponentEntry(id: prompt.id, screen: prompt)))
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
