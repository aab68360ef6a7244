/// The `C` dialog over a grid: every column of the resource with a shown/hidden mark, to toggle
/// (Space) and reorder (Shift-↑/↓), found by typing (`+Find`); Enter applies and remembers, Esc leaves
/// things as they were.
public struct ColumnChooser: OverlayComponent, Equatable {
    public struct Item: Sendable, Equatable {
        public var column: ColumnInfo
        public var visible: Bool
    }

    public var resource: String
    public var title: String
    /// The key columns first (fixed: always shown, never moved), then the others in the grid's order.
    public var items: [Item]
    public var cursor = ListCursor()
    /// What was typed to find a column (see `+Find`).
    public var search = ""

    /// The grid's default-hidden columns (see `DefaultColumns`): those left unticked stay defaults.
    var defaults: Set<String>

    /// Lists the grid's columns as the user's `layout` arranges them over the grid's defaults.
    init(grid: GridScreen, layout: ColumnLayout, title: String) {
        resource = grid.resource
        self.title = title
        defaults = grid.defaultHidden
        let shown = layout.withDefaults(hiding: defaults)
        items = shown.arranged(grid.allColumns).map { Item(column: $0, visible: $0.isKey || !shown.hidden.contains($0.key)) }
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
        old.saving(old.replacing(with: items.filter { !$0.column.isKey }.map { ($0.column.key, $0.visible) }), defaults: defaults)
    }
}

extension ColumnChooser {
    var keyContext: KeyContext? { .chooser }

    func hints(_ shared: Shared) -> [Hint]? { hints(shared.keyMap) }

    /// Rows of its list.
    func listHeight(_ shared: Shared) -> Int { max(1, min(items.count, shared.bodyHeight - 4)) }

    mutating func handle(_ key: Key, _ action: KeyAction?, _ shared: inout Shared) -> Step {
        let height = listHeight(shared)
        if find(key, action, height: height) { return Step() }
        if cursor.navigate(action, count: items.count, height: height) { return Step() }
        switch action {
        case .back?, .quit?, .columns?: return Step(overlay: .close)
        case .mark?:
            let i = cursor.index
            guard items.indices.contains(i) else { break }
            if items[i].column.isKey {
                shared.setError("the key column \(items[i].column.title) stays shown")
            } else {
                items[i].visible.toggle()
            }
        case .moveUp?: moveItem(-1, height: height)
        case .moveDown?: moveItem(1, height: height)
        case .open?:
            // Every grid of the resource follows the new layout (see `GridScreen.sync`).
            shared.columnLayouts[resource] = layout(replacing: shared.columnLayouts[resource])
            return Step(overlay: .close)
        default: break
        }
        return Step()
    }
}
