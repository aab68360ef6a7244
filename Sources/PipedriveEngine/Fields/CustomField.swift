import JSONValue

/// One entry of a `*Fields` list (`/dealFields`...): a built-in field or a custom one.
public struct CustomField: Sendable, Equatable {
    public let id: Int?
    /// The record key: a 40-character hash for a custom field, the name for a built-in one (`title`).
    public internal(set) var key: String
    public let name: String
    /// `field_type` as the API wrote it.
    public let fieldTypeName: String
    /// The type; unknown types are taken as `varchar` (plain text).
    public let type: CustomFieldType
    public internal(set) var options: [FieldOption]
    /// A custom field (v1 `edit_flag`, v2 `is_custom_field`), not one of the entity's own.
    public let isCustom: Bool
    /// Required in every case (v1 `mandatory_flag: true`).
    public let isMandatory: Bool
    /// Required only when another field's value meets a condition: v1's object `mandatory_flag`, e.g.
    /// `{"status": "=won"}` or `{"person_id": "<=0"}`; see `isRequired(in:)`.
    public let mandatoryCondition: [String: String]
    /// The key of the field this one is part of (a v1 sub-field entry: `id` null, `is_subfield`, `parent_id`),
    /// e.g. `currency` of a deal's `value`; nil for a field of its own.
    public internal(set) var parentKey: String?
    /// A composite field's parts as (suffix, record key), from v1 sub-field entries or v2's nested `subfields`:
    /// a deal's `value` has `("currency", "currency")`, a custom monetary field `("currency", "<key>_currency")`.
    public internal(set) var subfields: [(suffix: String, key: String)] = []

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
        self.mandatoryCondition = [:]
    }

    public static func == (a: CustomField, b: CustomField) -> Bool {
        a.id == b.id && a.key == b.key && a.name == b.name && a.fieldTypeName == b.fieldTypeName && a.options == b.options
            && a.isCustom == b.isCustom && a.isMandatory == b.isMandatory && a.mandatoryCondition == b.mandatoryCondition
            && a.parentKey == b.parentKey && a.subfields.map(\.key) == b.subfields.map(\.key)
    }

    /// One field from a v1 (`key`, `name`, `edit_flag`...) or v2 (`field_code`, `field_name`,
    /// `is_custom_field`...) object; nil without a key.
    public init?(json: JSON) {
        guard let listed = (json["key"] ?? json["field_code"])?.stringValue, !listed.isEmpty else { return nil }
        let typeName = json["field_type"]?.stringValue ?? "varchar"
        self.id = json["id"]?.intValue
        self.key = Self.recordKeys[listed] ?? listed
        self.name = (json["name"] ?? json["field_name"])?.stringValue ?? key
        self.fieldTypeName = typeName
        self.type = CustomFieldType(rawValue: typeName) ?? .varchar
        self.options = (json["options"]?.arrayValue ?? []).enumerated().compactMap { FieldOption(json: $1, index: $0) }
        self.isCustom = (json["edit_flag"] ?? json["is_custom_field"])?.boolValue ?? false
        if let required = json["required_fields"], json["mandatory_flag"] == nil {
            // v2: required in some stages or statuses (`{"<pipeline id>": ["won"]}`) only, else when enabled.
            var condition: [String: String] = [:]
            let statuses = Set((required["statuses"]?.objectValue ?? [:]).values.flatMap { $0.arrayValue ?? [] }.compactMap(\.stringValue))
            if !statuses.isEmpty { condition["status"] = "in:" + statuses.sorted().joined(separator: ",") }
            let stages = required["stage_ids"]?.arrayValue?.compactMap(\.intValue) ?? []
            if !stages.isEmpty { condition["stage_id"] = "in:" + stages.map(String.init).joined(separator: ",") }
            self.mandatoryCondition = condition
            self.isMandatory = condition.isEmpty && required["enabled"]?.boolValue == true
        } else {
            let mandatory = json["mandatory_flag"]
            self.isMandatory = mandatory?.boolValue ?? false
            self.mandatoryCondition = (mandatory?.objectValue ?? [:]).compactMapValues(\.stringValue)
        }
        // A sub-field's parent is named once the list is read (see `list`); "" until then.
        if json["is_subfield"] == true { parentKey = "" }
        // v2 nests the parts; the first is the value itself (`value`, or the custom field's own key).
        for part in json["subfields"]?.arrayValue ?? [] {
            guard let code = part["field_code"]?.stringValue, code != key, code != "value" else { continue }
            subfields.append((Self.suffix(of: code, parent: key), code))
        }
    }

    /// v1 keys of fields whose records use another key (real `dealFields` list the pipeline as `pipeline`).
    static let recordKeys = ["pipeline": "pipeline_id"]

    private static func suffix(of code: String, parent: String) -> String {
        code.hasPrefix(parent + "_") ? String(code.dropFirst(parent.count + 1)) : code
    }

    /// The fields of a `*Fields` list (v1 or v2), sub-field entries attached to their parents: v1 lists a
    /// field's parts as entries of their own (`is_subfield`, `parent_id`, `id_suffix`), v2 nests them.
    public static func list(_ rows: [JSON]) -> [CustomField] {
        var fields: [CustomField] = []
        var indexByID: [Int: Int] = [:]
        for row in rows {
            guard var field = CustomField(json: row) else { continue }
            if field.parentKey != nil, let parentID = row["parent_id"]?.intValue, let owner = indexByID[parentID] {
                field.parentKey = fields[owner].key
                fields[owner].subfields.append((row["id_suffix"]?.stringValue ?? suffix(of: field.key, parent: fields[owner].key), field.key))
            } else if let id = field.id {
                indexByID[id] = fields.count
            }
            fields.append(field)
            // v2 nests a built-in field's parts: they are fields too (a deal's `currency`), as v1 lists them.
            if !field.isCustom, row["subfields"] != nil {
                for part in field.subfields where !fields.contains(where: { $0.key == part.key }) {
                    var entry = CustomField(key: part.key, name: part.key, type: .varchar, isCustom: false)
                    entry.parentKey = field.key
                    fields.append(entry)
                }
            }
        }
        return fields
    }

    /// The fields of a `*Fields` response body (its `data`, the seed's `[External]` extraction).
    public static func list(from response: JSON) -> [CustomField] {
        list(response["data"]?.arrayValue ?? [])
    }

    /// Whether a value must be given, with the record's other values: always for a mandatory field, else when
    /// its condition holds (v1 `=won` equals, `<=0` an id that is absent or not positive; v2 `in:` one of).
    public func isRequired(in values: [String: JSON]) -> Bool {
        if isMandatory { return true }
        guard !mandatoryCondition.isEmpty else { return false }
        return mandatoryCondition.allSatisfy { key, condition in
            let value = values[key] ?? .null
            if condition.hasPrefix("in:") {
                let text = value.stringValue ?? (value.intValue ?? value["value"]?.intValue).map(String.init) ?? ""
                return condition.dropFirst(3).split(separator: ",").contains { $0 == text }
            }
            if condition.hasPrefix("<=") {
                let limit = Double(condition.dropFirst(2)) ?? 0
                let number = value.doubleValue ?? value["value"]?.doubleValue ?? value["id"]?.doubleValue ?? 0
                return number <= limit
            }
            let wanted = condition.hasPrefix("=") ? String(condition.dropFirst()) : condition
            return value.stringValue == wanted || value.intValue.map(String.init) == wanted
        }
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
    /// Pipedrive's `visible_to` levels, for a visibility field whose `*Fields` entry lists none (a custom one).
    public static let visibilityLevels = [
        FieldOption(id: 1, label: "Owner & followers"), FieldOption(id: 3, label: "Entire company"),
        FieldOption(id: 5, label: "Owner's visibility group"), FieldOption(id: 7, label: "Owner's group and sub-groups"),
    ]

    /// The id as a number; for an option whose id is not one (`"won"`, `true`), its place in the list, negated.
    public let id: Int
    public let label: String
    /// The id as the API wrote it: an integer, a string (`"won"`, `"12"`) or a boolean.
    public let value: JSON

    public init(id: Int, label: String, value: JSON? = nil) {
        self.id = id
        self.label = label
        self.value = value ?? .int(id)
    }

    init?(json: JSON, index: Int) {
        guard let raw = json["id"], raw != .null else { return nil }
        let number = raw.intValue ?? raw.stringValue.flatMap { Int($0) }
        self.init(id: number ?? -(index + 1), label: json["label"]?.stringValue ?? raw.serializedString, value: raw)
    }

    /// Whether a record's value names this option: its id as written, as a number, or as text.
    public func matches(_ value: JSON) -> Bool {
        if value == self.value { return true }
        if let number = CustomField.optionID(value), self.value.intValue != nil || self.value.stringValue.flatMap({ Int($0) }) != nil {
            return number == id
        }
        return value.stringValue != nil && value.stringValue == self.value.stringValue
    }
}
