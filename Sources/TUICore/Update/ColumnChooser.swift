/// The `C` dialog over a grid: every column of the resource with a shown/hidden mark, to toggle
/// (Space) and reorder (K/J, Shift-↑/↓); Enter applies and remembers, Esc leaves things as they were.
public struct ColumnChooser: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        public var column: ColumnInfo
        public var visible: Bool
    }

    public var resource: String
    public var title: String
    /// The key columns first (fixed: always shown, never moved), then the others in the grid's order.
    public var items: [Item]
    public var cursor = ListCursor()

    init(grid: GridScreen, layout: ColumnLayout, title: String) {
        resource = grid.resource
        self.title = title
        items = layout.arranged(grid.allColumns).map { Item(column: $0, visible: $0.isKey || !layout.hidden.contains($0.key)) }
        cursor.index = items.firstIndex { $0.column.key == grid.columns[safe: grid.column]?.key } ?? 0
    }

    var fixedCount: Int { items.prefix(while: \.column.isKey).count }

    /// Moves the item under the cursor by `delta` places, never above the key columns.
    mutating func moveItem(_ delta: Int, height: Int) {
        let from = cursor.index
        let to = from + delta
        guard from >= fixedCount, to >= fixedCount, items.indices.contains(to) else { return }
        items.swapAt(from, to)
        cursor.move(delta, count: items.count, height: height)
    }

    /// The layout with this list's order and marks.
    func layout(replacing old: ColumnLayout) -> ColumnLayout {
        old.replacing(with: items.filter { !$0.column.isKey }.map { ($0.column.key, $0.visible) })
    }

    /// The key hints while the chooser is open.
    static let hints: [Hint] = [
        Hint(.mark, "show/hide"), Hint([.moveUp, .moveDown], "move"), Hint(.open, "apply"), Hint(.back, "cancel"),
        Hint([.down, .up], "select"),
    ]
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

extension GridScreen {
    /// Takes the columns that came with a page; with the first page the selection starts on the
    /// first column after the key, as when the grid opened.
    mutating func receive(_ newColumns: [ColumnInfo], layout: ColumnLayout) {
        allColumns = newColumns
        lay(out: layout)
        if rows.isEmpty, let first = columns.firstIndex(where: { !$0.isKey }) { column = first }
    }

    /// Shows the columns as `layout` arranges them, keeping the selected column when it is still shown.
    mutating func lay(out layout: ColumnLayout) {
        let selected = columns[safe: column]?.key
        columns = layout.apply(to: allColumns)
        column = columns.firstIndex { $0.key == selected } ?? min(column, max(0, columns.count - 1))
        if columns.count <= 1 { column = 0 } else if columns[column].isKey, let first = columns.firstIndex(where: { !$0.isKey }) {
            column = first
        }
        firstColumn = min(firstColumn, max(0, columns.count - 1))
    }
}

extension Screen {
    /// The screen with its grid laid out by the user's saved layout for its resource.
    func laidOut(_ layouts: ColumnLayouts) -> Screen {
        guard case .grid(var grid) = self else { return self }
        grid.lay(out: layouts[grid.resource])
        return .grid(grid)
    }
}

extension AppState {
    /// Grid keys for columns: the chooser (`C`), hide (`-`), move (`<` `>`), and the search action (`S`);
    /// nil for any other key.
    mutating func gridColumnKey(_ action: KeyAction?, _ grid: inout GridScreen) -> Step? {
        switch action {
        case .columns?:
            columnChooser = ColumnChooser(grid: grid, layout: columnLayouts[grid.resource], title: grid.title)
            return Step()
        case .hideColumn?:
            guard let current = grid.columns[safe: grid.column] else { return Step() }
            guard !current.isKey else { setError("the key column \(current.title) stays shown"); return Step() }
            let layout = columnLayouts[grid.resource]
            let items = layout.arranged(grid.allColumns).filter { !$0.isKey }
                .map { ($0.key, $0.key != current.key && !layout.hidden.contains($0.key)) }
            setLayout(layout.replacing(with: items), for: grid.resource, &grid)
            setNotice("hid \(current.title) (\(keyMap.label(.columns)) shows it again)")
            return Step()
        case .moveColumnLeft?, .moveColumnRight?:
            guard let current = grid.columns[safe: grid.column], !current.isKey else { return Step() }
            var arranged = columnLayouts[grid.resource].arranged(grid.allColumns)
            // Swap with the neighbouring shown column, skipping hidden ones between.
            let shown = grid.columns.filter { !$0.isKey }.map(\.key)
            guard let at = shown.firstIndex(of: current.key) else { return Step() }
            let target = at + (action == .moveColumnLeft ? -1 : 1)
            guard shown.indices.contains(target),
                  let i = arranged.firstIndex(where: { $0.key == current.key }),
                  let j = arranged.firstIndex(where: { $0.key == shown[target] }) else { return Step() }
            arranged.swapAt(i, j)
            var layout = columnLayouts[grid.resource]
            layout = layout.replacing(with: arranged.filter { !$0.isKey }.map { ($0.key, !layout.hidden.contains($0.key)) })
            setLayout(layout, for: grid.resource, &grid)
            return Step()
        case .search?:
            return searchStep(grid)
        default:
            return nil
        }
    }

    /// Remembers a resource's layout and lays out every grid of it on the stack (`grid` is the top one, held by the caller).
    mutating func setLayout(_ layout: ColumnLayout, for resource: String, _ grid: inout GridScreen) {
        columnLayouts[resource] = layout
        grid.lay(out: layout)
        for i in stack.indices.dropLast() {
            if case .grid(var other) = stack[i], other.resource == resource {
                other.lay(out: layout)
                stack[i] = .grid(other)
            }
        }
    }

    /// `S`: the resource's action that takes a search term, prompted with the term field focused and
    /// filled with the filter's text.
    mutating func searchStep(_ grid: GridScreen) -> Step {
        guard let info = resource(grid.resource),
              let action = info.actions.first(where: { $0.parameters.contains { $0.kind == .term } }) else {
            setError("\(resource(grid.resource)?.title ?? grid.resource) has no search action")
            return Step()
        }
        var prompt = PromptScreen(resource: info, action: action, now: now, id: shared.newScreenID())
        if let term = prompt.fields.firstIndex(where: { $0.parameter.kind == .term }) {
            prompt.focus = term
            if !grid.filter.text.isEmpty { prompt.fields[term].text = grid.filter.text }
        }
        return Step(.push(.component(ComponentEntry(id: prompt.id, screen: prompt))))
    }

    /// Keys while the column chooser is open.
    mutating func columnChooserKey(_ key: Key) {
        guard var chooser = columnChooser else { return }
        let height = max(1, min(chooser.items.count, bodyHeight - 4))
        let action = action(key, .chooser)
        if chooser.cursor.navigate(action, count: chooser.items.count, height: height) {
            columnChooser = chooser
            return
        }
        switch action {
        case .back?, .quit?, .columns?:
            columnChooser = nil
            return
        case .mark?:
            let i = chooser.cursor.index
            guard chooser.items.indices.contains(i) else { break }
            if chooser.items[i].column.isKey {
                setError("the key column \(chooser.items[i].column.title) stays shown")
            } else {
                chooser.items[i].visible.toggle()
            }
        case .moveUp?: chooser.moveItem(-1, height: height)
        case .moveDown?: chooser.moveItem(1, height: height)
        case .open?:
            columnChooser = nil
            guard let last = stack.indices.last, case .grid(var grid) = stack[last], grid.resource == chooser.resource else { return }
            setLayout(chooser.layout(replacing: columnLayouts[chooser.resource]), for: chooser.resource, &grid)
            stack[last] = .grid(grid)
            return
        default: break
        }
        columnChooser = chooser
    }
}
