/// What the TUI needs to know about a resource, built from the engine's catalog by the caller.
public struct ResourceInfo: Sendable, Equatable {
    /// The command name, e.g. `deals` (the last segment of the Read path).
    public var id: String
    /// The title shown in lists and breadcrumbs, e.g. `Deals`.
    public var title: String
    public var actions: [ActionInfo]
    /// Grid columns in template order; the key column first.
    public var columns: [ColumnInfo]
    /// The field that names a record (`title` for deals, `name` for persons), for crumbs and pickers.
    public var nameKey: String?

    public init(id: String, title: String, actions: [ActionInfo], columns: [ColumnInfo], nameKey: String? = nil) {
        self.id = id
        self.title = title
        self.actions = actions
        self.columns = columns
        self.nameKey = nameKey
    }

    /// The column whose value identifies a record (frozen at the left of the grid).
    public var keyColumn: ColumnInfo? { columns.first(where: \.isKey) }
}

/// One read action of a resource, e.g. `Read deal` of activities with its `deal_id` parameter.
public struct ActionInfo: Sendable, Equatable {
    public var name: String
    public var parameters: [ParameterInfo]

    public init(name: String, parameters: [ParameterInfo] = []) {
        self.name = name
        self.parameters = parameters
    }
}

/// A user-defined parameter of an action, typed so the prompt can validate it before any request.
public struct ParameterInfo: Sendable, Equatable {
    public var name: String
    public var kind: ParameterKind
    public var required: Bool
    public var help: String

    public init(name: String, kind: ParameterKind, required: Bool = true, help: String = "") {
        self.name = name
        self.kind = kind
        self.required = required
        self.help = help
    }
}

public enum ParameterKind: Sendable, Equatable {
    /// The id of a record of `resource`: picked by searching its names, or typed as a number.
    case id(resource: String)
    /// Free search text (Pipedrive wants at least 2 characters).
    case term
    /// One of a fixed set of values, e.g. the mail folders.
    case choice([String])
    /// A UTC timestamp `YYYY-MM-DD HH:MM:SS`.
    case timestamp
    case text
}

/// A grid column: the record key it reads, its human title and how its values are shown.
public struct ColumnInfo: Sendable, Equatable {
    public var key: String
    public var title: String
    public var kind: ValueKind
    /// Preferred width from the template (e.g. ShortText), refined by the content.
    public var width: Int?
    public var isKey: Bool

    public init(key: String, title: String, kind: ValueKind, width: Int? = nil, isKey: Bool = false) {
        self.key = key
        self.title = title
        self.kind = kind
        self.width = width
        self.isKey = isKey
    }
}

/// How a value is formatted and aligned.
public enum ValueKind: Sendable, Equatable {
    case integer, decimal, money, boolean, timestamp, date, text, object, array
    /// An enum/set field: the stored option ids shown by their labels.
    case options([String: String])

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
