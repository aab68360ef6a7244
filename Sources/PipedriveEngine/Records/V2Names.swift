import JSONValue

/// Built-in fields that API v2 renamed (Pipedrive's v2 migration guide: a deal's or an activity's
/// `user_id` became `owner_id`, `deleted` became `is_deleted`; an activity's `busy_flag` became `busy`;
/// a person's `email` and `phone` became `emails` and `phones`). The catalog keeps the seed's v1 names; records read from v2 answers are folded
/// onto them, and v2 bodies are written with the new names.
enum V2Names {
    /// v1 name → v2 name, by resource.
    static let renamed: [String: [String: String]] = [
        "deals": ["user_id": "owner_id", "deleted": "is_deleted"],
        "activities": ["user_id": "owner_id", "deleted": "is_deleted", "busy_flag": "busy"],
        "persons": ["email": "emails", "phone": "phones"],
    ]

    /// Values under v2 names moved to the v1 names, where the v1 name is absent.
    static func folded(_ values: [String: JSON], resource: String) -> [String: JSON] {
        guard let names = renamed[resource] else { return values }
        var values = values
        for (v1, v2) in names where values[v1] == nil {
            if let value = values.removeValue(forKey: v2) { values[v1] = value }
        }
        return values
    }

    /// Fields of the v2 Fields API under the v1 names the catalog and records use (`owner_id` → `user_id`).
    static func v1Keys(_ fields: [CustomField], resource: String) -> [CustomField] {
        guard let names = renamed[resource] else { return fields }
        let v1Names = Dictionary(names.map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return fields.map { field in
            var field = field
            if !field.isCustom, let v1 = v1Names[field.key] { field.key = v1 }
            return field
        }
    }

    /// Fields holding a list of `{value, primary, label}` (a person's emails and phones), by resource.
    static let contactLists: [String: Set<String>] = ["persons": ["email", "phone"]]

    /// The name a v2 body uses for `key`.
    static func v2Name(_ key: String, resource: String) -> String { renamed[resource]?[key] ?? key }
}
