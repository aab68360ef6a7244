import JSONValue
import PipedriveEngine

/// The view over the loaded rows: the `/` filter (a case-insensitive substring of any value) and the sort.
extension GridScreen {
    mutating func append(_ newRows: RowStore, format: ValueFormat) {
        let start = rows.count
        rows.append(contentsOf: newRows)
        noteFilled(newRows, format: format)
        if sort == nil && filter.text.isEmpty {
            order.append(contentsOf: start..<rows.count)
        } else {
            resorting = true
            rebuildOrder(format: format)
        }
    }

    mutating func clear() {
        rows = []
        filled = nil
        order = []
        cursor = 0
        top = 0
        next = nil
        exhausted = false
        error = nil
    }

    /// Applies the filter and the sort.
    mutating func rebuildOrder(format: ValueFormat) {
        let loaded = cursor - newRows.count
        let selected = order.indices.contains(loaded) ? order[loaded] : nil
        let needle = RowStore.searchKey(filter.text)
        let narrowing = !appliedFilter.isEmpty && needle.starts(with: appliedFilter) && order.count <= rows.count && !resorting
        defer { appliedFilter = needle; resorting = false }
        if needle.isEmpty {
            order = Array(rows.indices)
        } else if narrowing {
            // Sorted order survives narrowing, so there is nothing to sort again.
            order = rows.subset(order, containing: needle)
            keepCursor(on: selected)
            return
        } else {
            order = rows.indices(containing: needle)
        }
        if let sort, let col = allColumns.first(where: { $0.key == sort.column }) {
            let keys = rows.indices.map { SortKey(rows.value(col.key, at: $0), kind: col.kind, format: format) }
            order.sort { a, b in
                let (ka, kb) = (keys[a], keys[b])
                if ka == kb { return a < b }
                return sort.ascending ? ka < kb : kb < ka
            }
        }
        keepCursor(on: selected)
    }

    /// Keeps the cursor on the same row (an index into `rows`) when it is still shown.
    private mutating func keepCursor(on selected: Int?) {
        if let selected, let at = order.firstIndex(of: selected) { cursor = newRows.count + at }
        cursor = max(0, min(cursor, visibleCount - 1))
    }

    mutating func toggleSort(format: ValueFormat) {
        guard columns.indices.contains(column) else { return }
        let key = columns[column].key
        if let s = sort, s.column == key {
            sort = s.ascending ? (key, false) : nil
        } else {
            sort = (key, true)
        }
        resorting = true
        rebuildOrder(format: format)
    }

    /// Sets the filter's text and cursor; the rows are filtered again only when the text changed.
    mutating func setFilter(_ editor: LineEditor, format: ValueFormat) {
        let changed = editor.text != filter.text
        filter = editor
        if changed { rebuildOrder(format: format) }
    }

    /// Keys while the filter line is open: they edit the filter; Enter keeps it, Esc clears it.
    mutating func filterKey(_ key: Key, _ shared: inout Shared) -> Step {
        switch key {
        case .enter: filtering = false
        case .escape:
            filtering = false
            setFilter(LineEditor(), format: shared.format)
        default:
            var editor = filter
            _ = editor.handle(key)
            setFilter(editor, format: shared.format)
        }
        clampCursor(height: shared.gridRows)
        return Step()
    }
}

/// A comparable form of a value: numbers by value, text case-insensitively, empty values last.
struct SortKey: Comparable {
    let rank: Int
    let number: Double
    let text: String

    init(_ value: JSON?, kind: ValueKind, format: ValueFormat) {
        switch value {
        case nil, .null?: (rank, number, text) = (1, 0, "")
        case .int(let i)?: (rank, number, text) = (0, Double(i), "")
        case .double(let d)?: (rank, number, text) = (0, d, "")
        case .decimal?: (rank, number, text) = (0, value?.doubleValue ?? 0, "")
        case .bool(let b)?: (rank, number, text) = (0, b ? 1 : 0, "")
        case .array(let a)?: (rank, number, text) = (0, Double(a.count), "")
        case let v?: (rank, number, text) = (0, 0, format.format(v, as: kind).lowercased())
        }
    }

    static func < (a: SortKey, b: SortKey) -> Bool {
        if a.rank != b.rank { return a.rank < b.rank }
        if a.number != b.number { return a.number < b.number }
        return a.text < b.text
    }
}
