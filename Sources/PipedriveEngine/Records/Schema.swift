import JSONValue

/// One field as a UI shows and edits it: from the catalog, from the account's `*Fields` list, or both.
public struct RecordField: Sendable, Equatable {
    public let key: String
    /// The `*Fields` name (`Title`, a custom field's name), else the key.
    public let title: String
    public let kind: ValueKind
    public let options: [FieldOption]
    public let isKey: Bool
    public let isReadOnly: Bool
    /// A built-in field no Update body takes, and one no Create body takes: Pipedrive computes it.
    public let isComputed: Bool, isComputedOnCreate: Bool
    public let isMandatory: Bool
    /// The catalog's declaration, if the seed names the field.
    public let field: Field?
    /// The `*Fields` entry, if the account lists the field; `custom?.isCustom` for a custom field.
    public let custom: CustomField?

    public var isCustom: Bool { custom?.isCustom ?? false }
    /// Fetched apart from the record (`/deals/{id}/flow`, Activity `Read deal`).
    public var isGathered: Bool { field?.gather != nil }
    /// Whether a value must be given, with the record's other values: always when mandatory, else when the
    /// account's condition holds (a lost reason once the status is `lost`).
    public func isRequired(in values: [String: JSON]) -> Bool { isMandatory || custom?.isRequired(in: values) == true }

    /// Can be sent in an Update body.
    public var isWritable: Bool { !isReadOnly && !isKey && !isGathered && !isComputed }
    /// Can be sent in a Create body.
    public var isCreatable: Bool { !isReadOnly && !isKey && !isGathered && !isComputedOnCreate }
    /// Why a value for the field is refused when it cannot be sent.
    public var readOnlyReason: String {
        isComputed || isComputedOnCreate ? "is computed by Pipedrive and cannot be set (read-only)" : "cannot be changed (it is read-only)"
    }
}

/// The fields of a resource: the included template's components, then the resource's own fields, then
/// the account's `*Fields` entries the catalog lacks (built-in ones such as a deal's `title`, and custom
/// ones). Where both name a field, the `*Fields` entry gives its title and type.
public struct Schema: Sendable {
    public let resource: Resource
    public let fields: [RecordField]
    public let customFields: [CustomField]
    /// `fields` by key: writes and lookups ask for fields by key, several times per value.
    private let byKey: [String: RecordField]

    /// Keys that are parts of another field (a deal's `currency` of its `value`, `<key>_currency`): folded into
    /// that field's value, never a column of their own.
    public let subfieldKeys: Set<String>
    /// Built-in amounts whose currency is a sub-field, by key: a deal's `value` → `currency`.
    private let currencies: [String: String]

    public init(resource: Resource, customFields listedFields: [CustomField] = [], catalog: Catalog = .pipedrive) {
        self.resource = resource
        subfieldKeys = Set(listedFields.filter { $0.parentKey != nil }.map(\.key))
        let customFields = listedFields.filter { $0.parentKey == nil }
        self.customFields = customFields
        var currencies: [String: String] = [:]
        for field in customFields where !field.isCustom && field.type == .monetary {
            if let currency = field.subfields.first(where: { $0.suffix == "currency" }) { currencies[field.key] = currency.key }
        }
        self.currencies = currencies
        // Built-in parts (a deal's `currency`) stay fields, so that writes know them; columns leave them out.
        let entries = listedFields.filter { $0.parentKey == nil || !$0.isCustom }
        var declared: [Field] = []
        if let template = resource.includedTemplate, let definition = catalog.definition(of: template) {
            declared = definition.components.map { Field($0, template: definition.base, dataType: definition.dataType) }
        }
        declared += resource.fields.filter { own in !declared.contains { $0.name == own.name } }
        let listed = Dictionary(entries.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let keyName = declared.first(where: \.isKey)?.name ?? "id"
        var fields = declared.map { field in
            RecordField(field, custom: listed[field.name], isKey: field.isKey || field.name == keyName, resource: resource.name)
        }
        for custom in entries where !fields.contains(where: { $0.key == custom.key }) {
            fields.append(RecordField(custom, resource: resource.name))
        }
        self.fields = fields
        byKey = Dictionary(fields.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func field(_ key: String) -> RecordField? { byKey[key] }

    /// The key of a built-in amount's currency field (a deal's `value` → `currency`), if it has one.
    public func currencyKey(of key: String) -> String? { currencies[key] }

    /// The fields a grid shows as columns, the account's `*Fields` list first in its order (what Pipedrive
    /// shows), then the template's rest; not those gathered apart, nor parts of another field.
    public var columnFields: [RecordField] {
        let listed = Dictionary(customFields.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
        return fields.filter { !$0.isGathered && !subfieldKeys.contains($0.key) }.enumerated()
            .sorted { (listed[$0.element.key] ?? listed.count + $0.offset) < (listed[$1.element.key] ?? listed.count + $1.offset) }
            .map(\.element)
    }

    /// A record of this resource from an API object of either version. A built-in amount whose currency is a
    /// sub-field becomes `{value, currency}`, as custom monetary fields are (shown `25,200.00 SAR`).
    public func record(from json: JSON) -> Record {
        var record = Record(json: json, customFields: customFields.filter(\.isCustom))
        record.values = V2Names.folded(record.values, resource: resource.name)
        if resource.name == "leads", let value = record.values["value"] { record.values["value"] = LeadFields.money(fromLead: value) }
        for (key, currencyKey) in currencies {
            // v2 deals carry `acv`, `arr` and `mrr` without their `*_currency`: they are in the deal's currency.
            guard let amount = record.values[key], amount.doubleValue != nil,
                let currency = record.values[currencyKey] ?? record.values["currency"]
            else { continue }
            record.values[key] = ["value": amount, "currency": currency]
        }
        return record
    }

    /// The top-level keys of a row that `record(from:)` reads to rename, reshape, move or drop (custom
    /// fields and their v1 parts, `custom_fields`, v2's renamed fields, amounts and their currencies, a
    /// lead's value): every other member of a row is in its record as the answer has it.
    public var reshapedKeys: Set<String> {
        var keys: Set<String> = ["custom_fields"]
        for field in customFields where field.isCustom { keys.formUnion([field.key] + field.v1SiblingKeys) }
        for (v1, v2) in V2Names.renamed[resource.name] ?? [:] { keys.formUnion([v1, v2]) }
        for (key, currency) in currencies { keys.formUnion([key, currency, "currency"]) }
        if resource.name == "leads" { keys.insert("value") }
        return keys
    }
}

extension RecordField {
    init(_ field: Field, custom: CustomField?, isKey: Bool, resource: String) {
        let declaredKind = field.valueKind
        let listedKind = custom?.kind
        // Arrays, objects and gathered values keep the seed's shape; plain values take the account's type.
        let keepsDeclared = [.list, .object, .bytes].contains(declaredKind) || field.gather != nil
        self.key = field.name
        self.title = custom?.name ?? field.name
        self.kind = ReferenceFields.kind(key: field.name, declared: keepsDeclared ? declaredKind : (listedKind ?? declaredKind))
        self.options = custom?.options ?? []
        self.isKey = isKey
        self.isReadOnly = field.isReadOnly
        self.isComputed = ComputedFields.isComputed(field.name, resource: resource, creating: false)
        self.isComputedOnCreate = ComputedFields.isComputed(field.name, resource: resource, creating: true)
        self.isMandatory = custom?.isMandatory ?? false
        self.field = field
        self.custom = custom
    }

    /// `resource`: where a built-in field may be computed by Pipedrive (nil: never).
    init(_ custom: CustomField, resource: String? = nil) {
        self.key = custom.key
        self.title = custom.name
        self.kind = custom.isCustom ? custom.kind : ReferenceFields.kind(key: custom.key, declared: custom.kind)
        self.options = custom.options
        self.isKey = false
        self.isReadOnly = false
        let builtIn = custom.isCustom ? nil : resource
        self.isComputed = builtIn.map { ComputedFields.isComputed(custom.key, resource: $0, creating: false) } ?? false
        self.isComputedOnCreate = builtIn.map { ComputedFields.isComputed(custom.key, resource: $0, creating: true) } ?? false
        self.isMandatory = custom.isMandatory
        self.field = nil
        self.custom = custom
    }
}

extension Field {
    /// What the field's value is, from its components, data type and template.
    public var valueKind: ValueKind {
        if let components { return components.isArray ? .list : .object }
        if let dataType { return dataType.valueKind }
        switch template {
        case .user?: return .user
        case .personRef?: return .person
        case .organizationRef?: return .organization
        case .longText?: return .longText
        case .dateTime?: return .timestamp
        case .shortText?, nil: return .text
        case .reference?, .activity?, .file?, .person?, .product?, .deal?, .follower?, .customField?: return .object
        }
    }
}

extension DataType {
    var valueKind: ValueKind {
        switch self {
        case .i4: .integer
        case .bool: .boolean
        case .r8: .decimal
        case .wstr: .text
        case .dbTimestamp: .timestamp
        case .image: .bytes
        }
    }
}
