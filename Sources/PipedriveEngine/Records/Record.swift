import JSONValue

/// One row of a resource, alike for API v1 and v2: its id and its values by field key, custom fields
/// lifted out of v2's `custom_fields` and folded from v1's suffixed keys into one value each
/// (see `CustomField.canonicalValue`).
public struct Record: Sendable, Equatable {
    public var id: RecordID?
    public var values: [String: JSON]

    public init(id: RecordID?, values: [String: JSON]) {
        self.id = id
        self.values = values
    }

    /// A record from an API object of either version; `customFields` tells which keys are custom.
    public init(json: JSON, customFields: [CustomField] = []) {
        var values = json.objectValue ?? [:]
        if case .object(let custom)? = values.removeValue(forKey: "custom_fields") {
            values.merge(custom) { _, lifted in lifted }
        }
        for field in customFields {
            values[field.key] = field.canonicalValue(in: values)
            for sibling in field.v1SiblingKeys { values[sibling] = nil }
            if values[field.key] == .null { values[field.key] = nil }
        }
        self.init(id: RecordID(values["id"]), values: values)
    }

    public subscript(key: String) -> JSON? {
        get { values[key] }
        set { values[key] = newValue }
    }

    /// A field's value as path text (`{id}`, `{type}`).
    func text(of field: String) -> String? {
        if field == "id" { return id?.description }
        switch values[field] {
        case .string(let value)? where !value.isEmpty: return value
        case .int(let value)?: return String(value)
        default: return nil
        }
    }
}

/// A record's id: an integer, or a string (leads have UUIDs).
public enum RecordID: Sendable, Hashable, CustomStringConvertible {
    case int(Int)
    case string(String)

    public init?(_ json: JSON?) {
        switch json {
        case .string(let value)? where !value.isEmpty: self = .string(value)
        default:
            guard let value = json?.intValue else { return nil }
            self = .int(value)
        }
    }

    public var description: String {
        switch self {
        case .int(let value): String(value)
        case .string(let value): value
        }
    }

    public var json: JSON {
        switch self {
        case .int(let value): .int(value)
        case .string(let value): .string(value)
        }
    }
}
