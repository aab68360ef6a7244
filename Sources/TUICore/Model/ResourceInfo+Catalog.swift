import PipedriveEngine

extension ResourceInfo {
    /// The TUI's view of a resource: its read actions, and grid columns from the schema's fields
    /// (template fields, then custom fields under their human names). Gathered fields are left to
    /// the detail view, which loads them for one record.
    public init(_ schema: Schema) {
        let resource = schema.resource
        var columns = schema.columnFields.map { field in
            ColumnInfo(key: field.key, title: field.title, kind: field.kind, width: Self.width(field.kind),
                       isKey: field.isKey,
                       options: field.options)
        }
        let keys = Set(columns.map(\.key))
        let nameKey = Self.nameKeys.first(where: keys.contains)
        // The key column first (frozen), then the record's name, then the template's order.
        if let name = columns.firstIndex(where: { $0.key == nameKey }) { columns.insert(columns.remove(at: name), at: 0) }
        if let key = columns.firstIndex(where: \.isKey) { columns.insert(columns.remove(at: key), at: 0) }
        self.init(id: resource.name, title: Self.title(resource.name),
                  actions: resource.actions.filter { $0.kind == .read }, columns: columns, nameKey: nameKey,
                  definition: resource)
    }

    /// Every resource of a catalog with its catalog fields only: what the first screen needs, with no request.
    public static func list(_ catalog: Catalog) -> [ResourceInfo] {
        catalog.resources.map { ResourceInfo(Schema(resource: $0, catalog: catalog)) }
    }

    /// The fields that name a record, by preference.
    static let nameKeys = ["title", "name", "subject", "label"]

    /// `activityTypes` → `Activity types`.
    static func title(_ name: String) -> String {
        var words: [String] = []
        var current = ""
        for c in name {
            if c.isUppercase, !current.isEmpty { words.append(current); current = "" }
            current.append(c)
        }
        words.append(current)
        let text = words.map { $0.lowercased() }.joined(separator: " ")
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    /// Widths a kind's values want before the content is measured.
    static func width(_ kind: ValueKind) -> Int {
        switch kind {
        case .boolean: return 5
        case .integer: return 8
        case .decimal: return 12
        case .money: return 16  // an amount with its currency: `1,234,567.00 EUR`
        case .timestamp: return 16
        case .date: return 16  // date fields may hold moments; plain dates shrink to 10
        case .list: return 9
        case .longText: return 30
        default: return 20
        }
    }
}
