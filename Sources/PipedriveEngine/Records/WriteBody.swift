import JSONValue

/// The JSON bodies of Create and Update calls, from canonical record values.
///
/// v1 puts every value at the top level: a custom enum as its option id in a string, a set as
/// comma-joined ids, a monetary value as `<key>` and `<key>_currency`. v2 nests custom fields under
/// `custom_fields`: an enum as an int, a set as an int array, monetary as `{value, currency}`. Built-in
/// fields go in their documented plain forms: timestamps as each version writes them, times as `HH:MM`,
/// an address as text (v1) or `{value}` (v2).
extension Schema {
    /// The body that creates a record with these values (read-only, key and gathered fields left out).
    public func createBody(_ values: [String: JSON], version: APIVersion) -> JSON {
        body(values.filter { $0.value != .null }, version: version, creating: true)
    }

    /// The body of an Update (v1 PUT, v2 PATCH) with only the fields that differ between the two
    /// records; nil when nothing changed.
    public func updateBody(from original: Record, to edited: Record, version: APIVersion) -> JSON? {
        var changed: [String: JSON] = [:]
        for key in Set(original.values.keys).union(edited.values.keys) {
            let before = original[key] ?? .null, after = edited[key] ?? .null
            if comparable(key, before, version) != comparable(key, after, version) { changed[key] = after }
        }
        let body = body(changed, version: version, creating: false)
        if body == [:] { return nil }
        return body
    }

    private func body(_ values: [String: JSON], version: APIVersion, creating: Bool) -> JSON {
        var top: [String: JSON] = [:], custom: [String: JSON] = [:]
        for (key, value) in values where field(key).map({ creating ? $0.isCreatable : $0.isWritable }) ?? true {
            guard let definition = field(key)?.custom, definition.isCustom else {
                let name = version == .v2 ? V2Names.v2Name(key, resource: resource.name) : key
                // A built-in amount whose currency is a field of its own (a deal's `value` and `currency`)
                // goes as the number, with its currency unless that is written too.
                if field(key)?.kind == .money, field("currency") != nil, case .object(let money) = value {
                    top[name] = money["value"] ?? .null
                    if values["currency"] == nil, let currency = money["currency"], currency != .null { top["currency"] = currency }
                    continue
                }
                // A lead's value goes as `{amount, currency}`.
                if resource.name == "leads", key == "value" {
                    top[name] = LeadFields.leadValue(fromMoney: value)
                    continue
                }
                // An email or phone typed as text is the primary entry of its list (v2 takes only the list).
                if V2Names.contactLists[resource.name]?.contains(key) == true, case .string(let text) = value {
                    top[name] = text.isEmpty ? [] : [["value": .string(text), "primary": true]]
                    continue
                }
                top[name] = encoded(key, value, version)
                continue
            }
            switch version {
            case .v1: top.merge(definition.v1Entries(value)) { _, new in new }
            case .v2: custom[key] = definition.v2Value(value)
            }
        }
        if !custom.isEmpty { top["custom_fields"] = .object(custom) }
        return .object(top)
    }

    /// A value as it is compared for a change: as sent, and an email or phone list by its entries' texts (a
    /// list read back equals the one entry typed as text).
    private func comparable(_ key: String, _ value: JSON, _ version: APIVersion) -> JSON {
        guard V2Names.contactLists[resource.name]?.contains(key) == true else { return encoded(key, value, version) }
        if case .string(let text) = value { return text.isEmpty ? [] : [.string(text)] }
        return .array((value.arrayValue ?? []).compactMap { $0["value"] ?? ($0.stringValue != nil ? $0 : nil) }.filter { $0 != "" })
    }

    /// One value as the version sends it (a custom field's v1 entries folded into one object).
    private func encoded(_ key: String, _ value: JSON, _ version: APIVersion) -> JSON {
        guard let field = field(key) else { return value }
        if let custom = field.custom, custom.isCustom {
            return version == .v1 ? .object(custom.v1Entries(value)) : custom.v2Value(value)
        }
        var plain = CustomField.plainID(value, kind: field.kind)
        // Options whose ids are not numbers (a lead's label UUIDs) are picked by their place: sent as the API's ids.
        if field.options.contains(where: { $0.id < 0 }) {
            func apiID(_ item: JSON) -> JSON { item.intValue.flatMap { id in field.options.first { $0.id == id }?.value } ?? item }
            plain = plain.arrayValue.map { .array($0.map(apiID)) } ?? apiID(plain)
        }
        switch (field.kind, version, plain) {
        case (.visibility, .v1, .int(let code)): return .string(String(code))
        // Option ids read back as text (a product's `category: "2"`, v1's `label: "4,5"`) are the ids they name.
        case (.option, _, .string(let text)) where Int(text) != nil: return .int(Int(text)!)
        case (.options, _, .string(let text)):
            let ids = text.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            return ids.isEmpty ? plain : .array(ids.map(JSON.int))
        // Built-in times are `HH:MM` in both versions (v2 refuses `{"value": …}` and seconds are dropped).
        case (.time, _, _):
            guard let text = (plain["value"] ?? plain).stringValue, let time = ClockTime(text) else { return plain }
            return .string(time.shortText)
        // A built-in address: v1 takes its text, v2 an object with the text as `value`.
        case (.address, _, _):
            guard let text = (plain["value"] ?? plain).stringValue else { return plain }
            return version == .v1 ? .string(text) : ["value": .string(text)]
        case (.timestamp, _, .string(let text)):
            // v1 takes `YYYY-MM-DD HH:MM:SS` UTC, v2 RFC 3339.
            guard let seconds = Moment.seconds(parsing: text) else { return plain }
            return .string(version == .v1 ? Moment.text(seconds) : Moment.rfc3339(seconds))
        default: return plain
        }
    }
}
