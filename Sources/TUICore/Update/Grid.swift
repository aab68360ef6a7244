import JSONValue
import PipedriveEngine

/// A paged grid of records: the rows loaded so far, the view over them (filter, sort) and the cursor.
public struct GridScreen: Sendable {
    public var title: String
    public var resource: String
    /// The action being paged; nil for rows drilled out of a record (all present at once).
    public var request: PageRequest?
    /// The columns shown, in order: `allColumns` as the user's layout for the resource arranges them.
    public var columns: [ColumnInfo]
    /// Every column of the resource (template, then custom fields), hidden ones included.
    public var allColumns: [ColumnInfo]
    /// The rows loaded so far, kept compact (see `RowStore`).
    public private(set) var rows = RowStore()
    /// Where the next page starts; nil once the last page arrived.
    public var next: String?
    public var exhausted = false
    /// The page request in flight.
    public var loading: Int?
    public var error: String?
    /// Indices into `rows` in display order, after the filter and the sort.
    public private(set) var order: [Int] = []
    public var cursor = 0
    public var top = 0
    /// The selected column (index into `columns`), for sorting and copying.
    public var column = 0
    /// The first scrollable column shown after the frozen key column.
    public var firstColumn = 0
    public private(set) var sort: (column: String, ascending: Bool)?
    public private(set) var filter = LineEditor()
    public var filtering = false
    /// Records marked with Space, for `d`.
    public var marked: Set<RecordID> = []
    /// New records staged for this resource, shown above the loaded rows (see `showStagedRows`).
    public internal(set) var newRows: [NewRow] = []
    /// A `:s` waiting for the fields, and a `:w`/`:W` under way (see `GridScreen+Commands`).
    var replacing: PendingReplace?
    var exporting: PendingExport?
    /// The filter (as `RowStore.searchKey`) `order` was last built for: typing more only narrows
    /// the rows already shown.
    private var appliedFilter: [UInt8] = []

    public init(title: String, resource: String, request: PageRequest?, columns: [ColumnInfo]) {
        self.title = title
        self.resource = resource
        self.request = request
        self.columns = columns
        allColumns = columns
        column = columns.firstIndex { !$0.isKey } ?? 0
    }

    /// A grid over rows already at hand (a record's array field): scalars become a `value` column.
    public init(title: String, resource: String, local: [JSON], format: ValueFormat) {
        let rows = local.map { item -> JSON in
            if case .object = item { return item }
            return .object(["value": item])
        }
        self.init(title: title, resource: resource, request: nil, columns: Self.columns(for: rows))
        exhausted = true
        append(RowStore(rows), format: format)
    }

    /// Columns for rows with no template: every key in order of first appearance, kinds from the values.
    static func columns(for rows: [JSON]) -> [ColumnInfo] {
        var seen: [String: ValueKind] = [:]
        var keys: [String] = []
        for row in rows.prefix(200) {
            for (key, value) in (row.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) where seen[key] == nil || seen[key] == .text {
                if seen[key] == nil { keys.append(key) }
                switch value {
                case .int: seen[key] = .integer
                case .double: seen[key] = .decimal
                case .bool: seen[key] = .boolean
                case .array: seen[key] = .list
                case .object: seen[key] = .object
                default: seen[key] = .text
                }
            }
        }
        let preferred = ["id", "person_id", "user_id", "name", "title", "value", "email"]
        keys.sort { (preferred.firstIndex(of: $0) ?? 99, $0) < (preferred.firstIndex(of: $1) ?? 99, $1) }
        return keys.map { ColumnInfo(key: $0, title: $0, kind: seen[$0] ?? .text, isKey: $0 == "id") }
    }

    public var visibleCount: Int { newRows.count + order.count }

    public func row(at position: Int) -> JSON? {
        if newRows.indices.contains(position) { return newRows[position].values }
        // (Not a ternary: JSON takes a nil literal, so `: nil` would turn into JSON.null.)
        guard order.indices.contains(position - newRows.count) else { return nil }
        return rows[order[position - newRows.count]]
    }

    public var currentRow: JSON? { row(at: cursor) }

    mutating func append(_ newRows: RowStore, format: ValueFormat) {
        let start = rows.count
        rows.append(contentsOf: newRows)
        if sort == nil && filter.text.isEmpty {
            order.append(contentsOf: start..<rows.count)
        } else {
            resorting = true
            rebuildOrder(format: format)
        }
    }

    mutating func clear() {
        rows = []
        order = []
        cursor = 0
        top = 0
        next = nil
        exhausted = false
        error = nil
    }

    /// Applies the filter (a case-insensitive substring of any value) and the sort.
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

    /// Set when rows or the sort change, so the next rebuild starts from every row.
    private var resorting = false

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

    mutating func clampCursor(height: Int) {
        var c = ListCursor(index: cursor, top: top)
        c.clamp(count: visibleCount, height: height)
        cursor = c.index
        top = c.top
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

extension AppState {
    /// Data rows of the grid: the body minus its header row.
    public var gridRows: Int { max(1, bodyHeight - 1) }

    mutating func gridKey(_ key: Key, _ grid: inout GridScreen) -> Step {
        if grid.filtering { return filterKey(key, &grid) }
        let action = action(key, .grid)
        var cursor = ListCursor(index: grid.cursor, top: grid.top)
        if cursor.navigate(action, count: grid.visibleCount, height: gridRows) {
            (grid.cursor, grid.top) = (cursor.index, cursor.top)
            return Step()
        }
        if let step = gridColumnKey(action, &grid) { return step }
        if action == .back, grid.exporting?.request == nil, grid.exporting != nil { return Step(effects: grid.stopExport(&shared)) }
        switch action {
        case .left?:
            grid.column = max(0, grid.column - 1)
        case .right?:
            grid.column = min(grid.columns.count - 1, grid.column + 1)
        case .firstColumn?: grid.column = 0
        case .lastColumn?: grid.column = grid.columns.count - 1
        case .sort?: grid.toggleSort(format: format); grid.clampCursor(height: gridRows)
        case .filter?:
            grid.filtering = true
        case .mark?: toggleMark(&grid)
        case .markAll?: markShown(&grid)
        case .delete?: return stageDelete(&grid)
        case .reload?:
            return Step(effects: reload(&grid, keepingPlace: false))
        case .copy?:
            guard let row = grid.currentRow, grid.columns.indices.contains(grid.column) else { return Step() }
            let col = grid.columns[grid.column]
            let text = format.cell(row, col)
            setNotice("copied \(col.title)")
            return Step(effects: [.copy(text)])
        case .open?:
            guard let row = grid.currentRow else { return Step() }
            return DetailScreen.open(row, resource: grid.resource, columns: grid.allColumns, &shared)
        case .edit? where grid.marked.count > 1:
            return shared.openBulkForm(grid.markedRows, resource: grid.resource)
        case .edit?:
            guard let row = grid.markedRows.first ?? grid.currentRow else { setError("no row to edit"); return Step() }
            return shared.openEditForm(row, resource: grid.resource)
        case .new?: return shared.openCreateForm(resource: grid.resource)
        case .back? where !grid.filter.text.isEmpty:
            grid.setFilter(LineEditor(), format: format)
            grid.clampCursor(height: gridRows)
        default: return commonKey(action) ?? Step()
        }
        return Step()
    }

    private mutating func filterKey(_ key: Key, _ grid: inout GridScreen) -> Step {
        switch key {
        case .enter: grid.filtering = false
        case .escape:
            grid.filtering = false
            grid.setFilter(LineEditor(), format: format)
        default:
            var editor = grid.filter
            _ = editor.handle(key)
            grid.setFilter(editor, format: format)
        }
        grid.clampCursor(height: gridRows)
        return Step()
    }

    /// Loads the grid again from its first page (after `r`, or a commit that changed its records).
    mutating func reload(_ grid: inout GridScreen, keepingPlace: Bool) -> [Effect] {
        guard let request = grid.request else { return [] }
        var effects: [Effect] = grid.loading.map { [.cancel($0)] } ?? []
        let place = (grid.cursor, grid.top)
        grid.clear()
        if keepingPlace { (grid.cursor, grid.top) = place }
        var first = request
        first.cursor = nil
        let id = newRequestID()
        grid.loading = id
        effects.append(.loadPage(id, first))
        return effects
    }

    /// Loads the next page when the cursor comes within two screens of the last loaded row.
    mutating func prefetch() -> [Effect] {
        guard case .grid(var grid) = stack.last, let request = grid.request, grid.loading == nil,
              !grid.exhausted, grid.next != nil, grid.error == nil, grid.filter.text.isEmpty else { return [] }
        guard grid.cursor + 2 * gridRows >= grid.visibleCount else { return [] }
        var nextRequest = request
        nextRequest.cursor = grid.next
        let id = newRequestID()
        grid.loading = id
        stack[stack.count - 1] = .grid(grid)
        return [.loadPage(id, nextRequest)]
    }

    mutating func receivePage(_ id: Int, _ page: RowPage) -> [Effect] {
        if let remaining = page.rateLimitRemaining { rateLimitRemaining = remaining }
        guard let s = stack.lastIndex(where: { if case .grid(let g) = $0 { g.loading == id } else { false } }),
              case .grid(var grid) = stack[s] else { return [] }
        grid.loading = nil
        if let notice = page.notice { setError(notice) }
        if let columns = page.columns {
            grid.receive(columns, layout: columnLayouts[grid.resource])
            // Later screens of this resource (detail, other actions) use the account's columns too.
            if let r = catalog.firstIndex(where: { $0.id == grid.resource }) { catalog[r].columns = columns }
        }
        grid.append(page.rows, format: format)
        grid.clampCursor(height: gridRows)
        grid.next = page.next
        grid.exhausted = page.next == nil
        let exporting = grid.continueExport(&shared)
        stack[s] = .grid(grid)
        return exporting + (s == stack.count - 1 ? prefetch() : [])
    }

    mutating func receiveFailure(_ id: Int, _ text: String) {
        for s in stack.indices {
            switch stack[s] {
            case .grid(var g) where g.loading == id:
                g.loading = nil
                g.error = text
                if g.exporting?.request == nil { g.exporting = nil }
                stack[s] = .grid(g)
            default: continue
            }
        }
        setError(text)
    }
}
