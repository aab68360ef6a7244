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

/// A grid column: the record key it reads, its human title and how its values are shown.
public struct ColumnInfo: Sendable, Equatable {
    public var key: String
    public var title: String
    public var kind: ValueKind
    /// Preferred width from the template (e.g. ShortText), refined by the content.
    public var width: Int?
    public var isKey: Bool
    /// The options of an enum or set field, shown by label.
    public var options: [FieldOption]

    public init(key: String, title: String, kind: ValueKind, width: Int? = nil, isKey: Bool = false, options: [FieldOption] = []) {
        self.key = key
        self.title = title
        self.kind = kind
        self.width = width
        self.isKey = isKey
        self.options = options
    }
}

extension ValueKind {
    public var alignsRight: Bool {
        switch self {
        case .integer, .decimal, .money: return true
        default: return false
        }
    }
}

/// A record offered by an id picker.
public struct Choice: Sendable, Equatable {
    public var id: Int
    public var label: String

    public init(id: Int, label: String) {
        self.id = id
        self.label = label
    }
}
