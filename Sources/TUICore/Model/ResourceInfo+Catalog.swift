import PipedriveEngine

extension ResourceInfo {
    /// The TUI's view of a catalog resource: its read actions and grid columns from its field templates.
    /// `customFields` (from the resource's `*Fields` endpoint) add columns under their human names.
    public init(_ resource: Resource, catalog: Catalog = .pipedrive, customFields: [CustomField] = []) {
        var columns: [ColumnInfo] = []
        var seen = Set<String>()
        var fields = resource.fields
        if let included = resource.includedTemplate, let definition = catalog.definition(of: included) {
            fields = definition.components.map { Field($0) } + fields
        }
        for field in fields where field.gather == nil && !seen.contains(field.name) {
            seen.insert(field.name)
            let kind = Self.kind(of: field, catalog: catalog)
            columns.append(ColumnInfo(key: field.name, title: field.name, kind: kind, width: Self.width(kind),
                                      isKey: field.isKey || field.name == "id"))
        }
        for custom in customFields where custom.isCustom && !seen.contains(custom.key) {
            seen.insert(custom.key)
            let labels = Dictionary(custom.options.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
            columns.append(ColumnInfo(key: custom.key, title: custom.name, kind: custom.kind, width: Self.width(custom.kind),
                                      options: labels))
        }
        if let key = columns.firstIndex(where: \.isKey), key != 0 { columns.insert(columns.remove(at: key), at: 0) }
        let nameKey = ["title", "name", "subject", "label"].first(where: seen.contains)
        self.init(id: resource.name, title: Self.title(resource.name),
                  actions: resource.actions.filter { $0.kind == .read }, columns: columns, nameKey: nameKey)
    }

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

    static func kind(of field: Field, catalog: Catalog) -> ValueKind {
        if let components = field.components { return components.isArray ? .list : .object }
        if let type = field.dataType { return kind(of: type) }
        switch field.template {
        case .shortText?: return .text
        case .longText?: return .longText
        case .dateTime?: return .timestamp
        case .user?: return .user
        case .personRef?: return .person
        case .organizationRef?: return .organization
        case let t?:
            if let d = catalog.definition(of: t) {
                if let type = d.dataType { return kind(of: type) }
                if !d.components.isEmpty || d.base != nil { return .object }
            }
            return .object
        case nil: return .text
        }
    }

    static func kind(of type: DataType) -> ValueKind {
        switch type {
        case .i4: return .integer
        case .bool: return .boolean
        case .r8: return .decimal
        case .wstr: return .text
        case .dbTimestamp: return .timestamp
        case .image: return .bytes
        }
    }

    /// Widths a kind's values want before the content is measured.
    static func width(_ kind: ValueKind) -> Int {
        switch kind {
        case .boolean: return 5
        case .integer: return 8
        case .decimal, .money: return 12
        case .timestamp: return 16
        case .date: return 10
        case .list: return 9
        case .longText: return 30
        default: return 20
        }
    }
}
