import JSONValue

/// A custom field as value handling needs it, read from its `*Fields` row.
struct CustomFieldDefinition: Sendable {
    var key: String
    var name: String
    var type: String
    /// Option ids and labels of enum and set fields.
    var options: [Int: String]
    /// The option ids in order.
    var optionIDs: [Int]

    init?(row: JSON) {
        guard row["edit_flag"]?.boolValue == true, let key = row["key"]?.stringValue,
            let type = row["field_type"]?.stringValue
        else { return nil }
        self.key = key
        self.name = row["name"]?.stringValue ?? key
        self.type = type
        var options: [Int: String] = [:]
        for option in row["options"]?.arrayValue ?? [] {
            if let id = option["id"]?.intValue { options[id] = option["label"]?.stringValue ?? "" }
        }
        self.options = options
        self.optionIDs = options.keys.sorted()
    }

    /// The live custom fields of an entity's `*Fields` table, in order.
    static func all(_ store: Store, _ fieldsTable: String) -> [CustomFieldDefinition] {
        store[fieldsTable].all.compactMap(CustomFieldDefinition.init(row:))
    }

    /// The suffixed sibling keys v1 uses for composite types.
    var v1Suffixes: [String] {
        switch type {
        case "monetary": ["currency"]
        case "daterange": ["until"]
        // The time zone comes back beside a time on v1 reads, so a client may send it back.
        case "timerange": ["until", "timezone_id"]
        case "time": ["timezone_id"]
        case "address": Address.subfields
        default: []
        }
    }

    // MARK: v2 form (stored form)

    /// The stored form of a v2 value, or why it is refused. `null` clears the field.
    func validateV2(_ value: JSON, store: Store) throws(FieldError) -> JSON {
        if value == .null { return .null }
        func fail(_ reason: String) -> FieldError { FieldError(field: key, reason: reason) }
        func object(_ allowed: Set<String>) throws(FieldError) -> [String: JSON] {
            guard let members = value.objectValue else { throw fail("must be an object") }
            for name in members.keys where !allowed.contains(name) { throw fail("unknown part '\(name)'") }
            return members
        }
        func time(_ members: [String: JSON], _ name: String) throws(FieldError) -> JSON {
            guard let text = members[name]?.stringValue, let hhmm = FieldInput.normalizedTime(text) else {
                throw fail("'\(name)' must be a time HH:MM:SS")
            }
            return .string(hhmm + ":00")
        }
        func zone(_ members: [String: JSON], into result: inout [String: JSON]) throws(FieldError) {
            let id = members["timezone_id"] ?? .null
            guard id == .null || id == .int(id.intValue ?? -1) else { throw fail("'timezone_id' must be an integer") }
            let name = members["timezone_name"] ?? .null
            guard name == .null || name.stringValue != nil else { throw fail("'timezone_name' must be a string") }
            result["timezone_id"] = id
            result["timezone_name"] = name
        }
        switch type {
        case "varchar", "varchar_auto", "phone", "text", "varchar_options":
            guard let text = value.stringValue else { throw fail("must be a string") }
            if text.count > (type == "text" ? 65_535 : 255) { throw fail("is too long") }
            return value
        case "double":
            guard value.doubleValue != nil else { throw fail("must be a number") }
            return value
        case "monetary":
            let members = try object(["value", "currency"])
            guard let amount = members["value"], amount.doubleValue != nil else { throw fail("'value' must be a number") }
            guard let currency = members["currency"]?.stringValue, currency.count == 3 else {
                throw fail("'currency' must be a 3-letter currency code")
            }
            return ["value": amount, "currency": .string(currency)]
        case "date":
            guard let text = value.stringValue, Timestamp.parseDate(text) != nil else { throw fail("must be a date YYYY-MM-DD") }
            return value
        case "daterange":
            let members = try object(["value", "until"])
            for name in ["value", "until"] {
                guard let text = members[name]?.stringValue, Timestamp.parseDate(text) != nil else {
                    throw fail("'\(name)' must be a date YYYY-MM-DD")
                }
            }
            guard members["value"]!.stringValue! <= members["until"]!.stringValue! else { throw fail("'until' is before 'value'") }
            return ["value": members["value"]!, "until": members["until"]!]
        case "time":
            let members = try object(["value", "timezone_id", "timezone_name"])
            var result: [String: JSON] = ["value": try time(members, "value")]
            try zone(members, into: &result)
            return .object(result)
        case "timerange":
            let members = try object(["value", "until", "timezone_id", "timezone_name"])
            var result: [String: JSON] = ["value": try time(members, "value"), "until": try time(members, "until")]
            try zone(members, into: &result)
            return .object(result)
        case "address":
            return try FieldInput.address.coerce(value, field: key, version: .v2, store: store)
        case "enum":
            guard let id = value.intValue, value == .int(id) else { throw fail("must be an integer option id") }
            guard options[id] != nil else { throw fail("option \(id) does not exist") }
            return value
        case "set":
            guard let items = value.arrayValue else { throw fail("must be an array of integer option ids") }
            guard !items.isEmpty else { throw fail("must not be an empty array; send null to clear") }
            for item in items {
                guard let id = item.intValue, item == .int(id) else { throw fail("must be an array of integer option ids") }
                guard options[id] != nil else { throw fail("option \(id) does not exist") }
            }
            return value
        case "user", "org", "people":
            let table = ["user": "users", "org": "organizations", "people": "persons"][type]!
            return try FieldInput.reference(table).coerce(value, field: key, version: .v2, store: store)
        case "visible_to":
            return try FieldInput.visibleTo.coerce(value, field: key, version: .v2, store: store)
        default:
            throw fail("fields of type \(type) cannot be written")
        }
    }

    /// The v2 value with `{id, label}` in place of option ids (`include_option_labels=true`).
    func labelled(_ value: JSON) -> JSON {
        switch (type, value) {
        case ("enum", .int(let id)): return ["id": .int(id), "label": .string(options[id] ?? "")]
        case ("set", .array(let ids)):
            return .array(ids.map { ["id": $0, "label": .string(options[$0.intValue ?? -1] ?? "")] })
        default: return value
        }
    }

    // MARK: v1 form

    /// Writes the v1 form of a stored value at the top level: the value under the key, composite parts
    /// under suffixed keys, enum ids as strings, set ids comma-joined.
    func flattenV1(_ value: JSON?, into row: inout [String: JSON]) {
        let value = value ?? .null
        switch type {
        case "monetary":
            row[key] = value["value"] ?? .null
            row["\(key)_currency"] = value["currency"] ?? .null
        case "daterange", "timerange":
            row[key] = value["value"] ?? .null
            row["\(key)_until"] = value["until"] ?? .null
            if type == "timerange" {
                row["\(key)_timezone_id"] = value["timezone_id"] ?? .null
            }
        case "time":
            row[key] = value["value"] ?? .null
            row["\(key)_timezone_id"] = value["timezone_id"] ?? .null
        case "address":
            Address.flatten(value == .null ? nil : value, prefix: key, into: &row)
        case "enum":
            row[key] = value.intValue.map { .string(String($0)) } ?? .null
        case "set":
            let ids = value.arrayValue?.compactMap(\.intValue).map(String.init) ?? []
            row[key] = ids.isEmpty ? .null : .string(ids.joined(separator: ","))
        case "visible_to":
            row[key] = value.intValue.map { .string(String($0)) } ?? .null
        default:
            row[key] = value
        }
    }

    /// Reads this field from a v1 body: the hash key and its suffixed siblings, merged into the stored
    /// value. Nil when the body mentions none of them.
    func readV1(_ body: [String: JSON], current: JSON?, store: Store) throws(FieldError) -> JSON? {
        let suffixed = v1Suffixes.filter { body["\(key)_\($0)"] != nil }
        guard body[key] != nil || !suffixed.isEmpty else { return nil }
        let sent = body[key]
        if sent == .null && suffixed.isEmpty { return .null }
        func part(_ suffix: String) -> JSON? { body["\(key)_\(suffix)"] }
        func fail(_ reason: String) -> FieldError { FieldError(field: key, reason: reason) }
        func zone() throws(FieldError) -> JSON {
            guard let sent = part("timezone_id") else { return current?["timezone_id"] ?? .null }
            guard sent == .null || sent == .int(sent.intValue ?? -1) else {
                throw FieldError(field: "\(key)_timezone_id", reason: "must be an integer")
            }
            return sent
        }
        var v2: JSON
        switch type {
        case "double":
            v2 = try FieldInput.double.coerce(sent ?? .null, field: key, version: .v1, store: store)
        case "monetary":
            let amount = try FieldInput.double.coerce(sent ?? current?["value"] ?? .null, field: key, version: .v1, store: store)
            guard amount != .null else { throw fail("a monetary value needs an amount") }
            let currency = part("currency") ?? current?["currency"] ?? "EUR"
            v2 = ["value": amount, "currency": currency]
        case "daterange", "timerange":
            v2 = ["value": sent ?? current?["value"] ?? .null, "until": part("until") ?? current?["until"] ?? .null]
            if type == "timerange" { v2["timezone_id"] = try zone() }
        case "time":
            v2 = ["value": sent ?? current?["value"] ?? .null, "timezone_id": try zone()]
        case "address":
            guard let text = (sent ?? current?["value"])?.stringValue else { throw fail("an address needs a value") }
            var address = Address.fromValue(text)
            for suffix in Address.subfields { address[suffix] = part(suffix) ?? (sent == nil ? current?[suffix] : nil) ?? .null }
            v2 = address
        case "enum", "user", "org", "people", "visible_to":
            guard let sent, let id = FieldInput.lenientInt(sent) else { throw fail("must be an integer id") }
            v2 = .int(id)
        case "set":
            guard let sent else { throw fail("must be option ids") }
            let ids = try FieldInput.intArray.coerce(sent, field: key, version: .v1, store: store)
            if ids.arrayValue?.isEmpty == true { return .null }
            v2 = ids
        default:
            v2 = sent ?? .null
            if case .int(let number) = v2, type != "double" { v2 = .string(String(number)) }
        }
        return try validateV2(v2, store: store)
    }
}
