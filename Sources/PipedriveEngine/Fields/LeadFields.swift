import JSONValue

/// Leads have no `*Fields` list of their own: their custom fields are the deals' (Pipedrive's leads docs), their
/// `value` is `{amount, currency}` and their `label_ids` are lead label UUIDs. These entries give the value
/// the money form and the labels their names.
enum LeadFields {
    static func builtIns(labels: [JSON]?) -> [CustomField] {
        var fields = [CustomField(key: "value", name: "Value", type: .monetary, isCustom: false)]
        if let labels { fields.append(labelField(labels)) }
        return fields
    }

    /// `label_ids` as a set field whose options are the account's lead labels (`{id: UUID, name}`).
    static func labelField(_ labels: [JSON]) -> CustomField {
        let options = labels.enumerated().compactMap { index, label -> FieldOption? in
            guard let id = label["id"], id != .null else { return nil }
            return FieldOption(id: -(index + 1), label: label["name"]?.stringValue ?? id.serializedString, value: id)
        }
        return CustomField(key: "label_ids", name: "Labels", type: .set, options: options, isCustom: false)
    }

    /// A lead's `{amount, currency}` as the `{value, currency}` money values are read as, and back.
    static func money(fromLead value: JSON) -> JSON {
        guard case .object(let members) = value, let amount = members["amount"] else { return value }
        return ["value": amount, "currency": members["currency"] ?? .null]
    }

    static func leadValue(fromMoney value: JSON) -> JSON {
        guard case .object(let members) = value, let amount = members["value"] else { return value }
        return ["amount": amount, "currency": members["currency"] ?? .null]
    }
}
