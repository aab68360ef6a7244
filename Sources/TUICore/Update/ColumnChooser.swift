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

extension AppState {
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
            // Every grid of the resource follows the new layout (see `GridScreen.sync`).
            columnChooser = nil
            columnLayouts[chooser.resource] = chooser.layout(replacing: columnLayouts[chooser.resource])
            return
        default: break
        }
        columnChooser = chooser
    }
}
