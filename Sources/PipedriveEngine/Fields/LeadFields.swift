import JSONValue

/// Leads have no `*Fields` list of their own: their custom fields are the deals' (Pipedrive's leads docs), their
/// `value` is `{amount, currency}` and their `label_ids` are lead label UUIDs. These entries give the value
/// the money form and the labels their names.
enum LeadFields {
    static func builtIns(labels: [JSON]?) -> [CustomField] {
        func field(_ key: String, _ name: String, _ type: CustomFieldType, mandatory: Bool = false) -> CustomField {
            CustomField(key: key, name: name, type: type, isCustom: false, isMandatory: mandatory)
        }
        // Named as Pipedrive's leads list names them; references are searched by name in forms.
        var fields = [
            field("title", "Title", .varchar, mandatory: true), field("value", "Value", .monetary),
            field("person_id", "Person", .people), field("organization_id", "Organization", .org),
            field("owner_id", "Owner", .user), field("expected_close_date", "Expected close date", .date),
        ]
        if let labels { fields.append(labelField(labels)) }
        return fields + [
            field("visible_to", "Visible to", .visibleTo), field("source_name", "Source", .varchar),
            field("creator_id", "Creator", .user), field("was_seen", "Seen", .boolean),
            field("is_archived", "Archived", .boolean), field("next_activity_id", "Next activity", .activity),
            field("add_time", "Lead created", .date), field("update_time", "Update time", .date),
        ]
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
