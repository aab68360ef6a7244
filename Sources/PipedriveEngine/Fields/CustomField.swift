import JSONValue

/// One entry of a `*Fields` list (`/dealFields`...): a built-in field or a custom one.
public struct CustomField: Sendable, Equatable {
    public let id: Int?
    /// The record key: a 40-character hash for a custom field, the name for a built-in one (`title`).
    public let key: String
    public let name: String
    /// `field_type` as the API wrote it.
    public let fieldTypeName: String
    /// The type; unknown types are taken as `varchar` (plain text).
    public let type: CustomFieldType
    public let options: [FieldOption]
    /// A custom field (v1 `edit_flag`, v2 `is_custom_field`), not one of the entity's own.
    public let isCustom: Bool
    public let isMandatory: Bool

    public init(
        id: Int? = nil, key: String, name: String, type: CustomFieldType, options: [FieldOption] = [],
        isCustom: Bool = true, isMandatory: Bool = false
    ) {
        self.id = id
        self.key = key
        self.name = name
        self.fieldTypeName = type.rawValue
        self.type = type
        self.options = options
        self.isCustom = isCustom
        self.isMandatory = isMandatory
    }

    /// One field from a v1 (`key`, `name`, `edit_flag`...) or v2 (`field_code`, `field_name`,
    /// `is_custom_field`...) object; nil without a key.
    public init?(json: JSON) {
        guard let key = (json["key"] ?? json["field_code"])?.stringValue, !key.isEmpty else { return nil }
        let typeName = json["field_type"]?.stringValue ?? "varchar"
        self.id = json["id"]?.intValue
        self.key = key
        self.name = (json["name"] ?? json["field_name"])?.stringValue ?? key
        self.fieldTypeName = typeName
        self.type = CustomFieldType(rawValue: typeName) ?? .varchar
        self.options = (json["options"]?.arrayValue ?? []).compactMap(FieldOption.init(json:))
        self.isCustom = (json["edit_flag"] ?? json["is_custom_field"])?.boolValue ?? false
        self.isMandatory = (json["mandatory_flag"] ?? json["required_fields"]?["enabled"])?.boolValue ?? false
    }

    /// The fields of a `*Fields` response body (its `data`, the seed's `[External]` extraction).
    public static func list(from response: JSON) -> [CustomField] {
        (response["data"]?.arrayValue ?? []).compactMap(CustomField.init(json:))
    }

    public var template: Template? { type.template }
    public var dataType: DataType { type.dataType }
    public var kind: ValueKind { type.kind }

    public func option(id: Int) -> FieldOption? { options.first { $0.id == id } }

    /// The option with that label, ignoring case.
    public func option(label: String) -> FieldOption? {
        let wanted = label.lowercased()
        return options.first { $0.label.lowercased() == wanted }
    }
}

/// One choice of an enum or set field.
public struct FieldOption: Sendable, Equatable {
    public let id: Int
    public let label: String

    public init(id: Int, label: String) {
        self.id = id
        self.label = label
    }

    init?(json: JSON) {
        guard let id = json["id"]?.intValue ?? json["id"]?.stringValue.flatMap({ Int($0) }) else { return nil }
        self.init(id: id, label: json["label"]?.stringValue ?? String(id))
    }
}
