import JSONValue
import PipedriveEngine

/// A paged grid of records: the rows loaded so far, the view over them (filter, sort) and the cursor.
/// Its parts: paging (`+Paging`), filter and sort (`+Order`), columns (`+Columns`), marks and staged
/// rows (`+Marks`), keys (`+Keys`), drawing (`+View`, `+Gutter`, `GridLayout`).
public struct GridScreen: ScreenComponent {
    let id: ScreenID
    public var title: String
    public var resource: String
    /// The action being paged; nil for rows drilled out of a record (all present at once).
    public var request: PageRequest?
    /// The columns shown, in order: `allColumns` as the user's layout for the resource arranges them.
    public var columns: [ColumnInfo] { didSet { columnsStamp = .next() } }
    /// Names this value of `columns`, for the cells formatted by them (see `CellTexts`).
    private(set) var columnsStamp = ColumnsStamp.next()
    /// Every column of the resource (template, then custom fields), hidden ones included.
    public var allColumns: [ColumnInfo]
    /// The layout `columns` follow (see `sync`): a change to the user's layout reaches every grid of the resource.
    var appliedLayout: ColumnLayout?
    /// Keys of the columns with a value on some loaded row; nil before the first row (see `DefaultColumns`).
    var filled: Set<String>?
    /// The rows loaded so far, kept compact (see `RowStore`).
    public internal(set) var rows = RowStore()
    /// Where the next page starts (the paging token, kept here and nowhere else); nil once the last page arrived.
    public var next: String?
    public var exhausted = false
    /// The page request in flight.
    public var loading: Int?
    /// When to ask for the next page (see `Prefetch`).
    var pacing = Prefetch()
    /// Rows (indices into `rows`) whose references are still bare ids, named as they come into view (`+Names`).
    var unnamed: Set<Int> = []
    /// Name lookups in flight: request id → the rows asked for.
    var naming: [Int: [Int]] = [:]
    public var error: String?
    /// Indices into `rows` in display order, after the filter and the sort.
    public internal(set) var order: [Int] = []
    public var cursor = 0
    public var top = 0
    /// The selected column (index into `columns`), for sorting and copying.
    public var column = 0
    /// The first scrollable column shown after the frozen key column.
    public var firstColumn = 0
    public internal(set) var sort: (column: String, ascending: Bool)?
    public internal(set) var filter = LineEditor()
    public var filtering = false
    /// Records marked with Space, for `d`.
    public var marked: Set<RecordID> = []
    /// The bulk groups staged when `e` opened a form for the marked rows: a new one after it clears the marks.
    var groupsBeforeBulkForm: Set<Int>?
    /// New records staged for this resource, shown above the loaded rows (see `showStagedRows`).
    public internal(set) var newRows: [NewRow] = []
    /// The filter (as `RowStore.searchKey`) `order` was last built for: typing more only narrows
    /// the rows already shown.
    var appliedFilter: [UInt8] = []
    /// Set when rows or the sort change, so the next rebuild starts from every row.
    var resorting = false
    /// A `:s` waiting for the fields, and a `:w`/`:W` under way (see `GridScreen+Commands`).
    var replacing: PendingReplace?
    var exporting: PendingExport?
    /// `G` loads every page before going to the last row (see `GridScreen+End`).
    var seekingEnd = false
    /// The record the cursor was on when `r` or a commit reloaded the grid (see `GridScreen+Reselect`).
    var reselect: Reselect?

    init(id: ScreenID, title: String, resource: String, request: PageRequest?, columns: [ColumnInfo]) {
        self.id = id
        self.title = title
        self.resource = resource
        self.request = request
        self.columns = columns
        allColumns = columns
        column = columns.firstIndex { !$0.isKey } ?? 0
    }

    /// A grid over rows already at hand (a record's array field): scalars become a `value` column.
    init(id: ScreenID, title: String, resource: String, local: [JSON], format: ValueFormat) {
        let rows = local.map { item -> JSON in
            if case .object = item { return item }
            return .object(["value": item])
        }
        self.init(id: id, title: title, resource: resource, request: nil, columns: Self.columns(for: rows))
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
                case .double, .decimal: seen[key] = .decimal
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

    /// The resource's own records, which can be marked, deleted and reloaded (not rows drilled out of a record).
    var isPaged: Bool { request != nil }

    // MARK: as a screen

    func title(_ shared: Shared, onTop: Bool) -> String? { title }

    var keyContext: KeyContext? { filtering ? nil : .grid }

    var pendingRequests: [Int] { (loading.map { [$0] } ?? []) + naming.keys.sorted() + commandRequests }

    /// Not while filtering: the keys go to the filter line.
    var currentRecord: (String, JSON)? { filtering ? nil : currentRow.map { (resource, $0) } }

    mutating func resize(_ shared: Shared) { clampCursor(height: shared.gridRows) }

    /// After every event: follows the user's column layout and the staged creates of the resource,
    /// and, on top, loads the next page when the cursor nears the end.
    mutating func sync(_ shared: inout Shared, onTop: Bool) -> [Effect] {
        let layout = shared.columnLayouts[resource]
        if layout != appliedLayout { lay(out: layout) }
        if isPaged { showStagedRows(shared) }
        if onTop { clearMarksAfterBulk(shared) }
        return onTop ? prefetch(&shared) + nameInView(&shared) : []
    }

    mutating func clampCursor(height: Int) {
        var c = ListCursor(index: cursor, top: top)
        c.clamp(count: visibleCount, height: height)
        cursor = c.index
        top = c.top
    }
}

extension Shared {
    /// Data rows of a grid: the body minus its header row.
    public var gridRows: Int { max(1, bodyHeight - 1) }
}
