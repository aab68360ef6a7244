import PipedriveEngine

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
