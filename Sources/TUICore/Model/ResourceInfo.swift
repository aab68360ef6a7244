import PipedriveEngine

/// What the TUI needs to know about a resource, built from the engine's catalog by the caller.
public struct ResourceInfo: Sendable, Equatable {
    /// The command name, e.g. `deals` (the last segment of the Read path).
    public var id: String
    /// The title shown in lists and breadcrumbs, e.g. `Deals`.
    public var title: String
    public var actions: [Action]
    /// Grid columns in template order; the key column first.
    public var columns: [ColumnInfo]
    /// The field that names a record (`title` for deals, `name` for persons), for crumbs and pickers.
    public var nameKey: String?
    /// The engine's resource, with its write actions (for staging); nil for rows with no resource.
    public var definition: Resource?

    public init(id: String, title: String, actions: [Action], columns: [ColumnInfo], nameKey: String? = nil,
                definition: Resource? = nil) {
        self.id = id
        self.title = title
        self.actions = actions
        self.columns = columns
        self.nameKey = nameKey
        self.definition = definition
    }

    /// The kinds of write the catalog has for the resource (create, update, delete).
    public var writeActions: Set<ActionKind> { Set(definition?.actions.map(\.kind).filter { $0 != .read } ?? []) }

    /// The column whose value identifies a record (frozen at the left of the grid).
    public var keyColumn: ColumnInfo? { columns.first(where: \.isKey) }
}
