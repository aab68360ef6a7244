import JSONValue

/// Which fields hold the id of another resource's record, and of which resource.
///
/// The account's `*Fields` type says it for most (`user`, `people`, `org`, `stage`, `deal`...). Built-in
/// fields typed as plain numbers (a deal's `pipeline_id` is a `double` in `dealFields`, a stage's
/// `pipeline_id` an `i4` in the seed) or absent from every `*Fields` list (a v2 activity's
/// `creator_user_id`) are known by their key.
public enum ReferenceFields {
    /// Built-in keys that hold ids, by the resource they point to.
    static let byKey: [String: String] = [
        "user_id": "users", "owner_id": "users", "creator_user_id": "users", "created_by_user_id": "users",
        "assigned_to_user_id": "users", "update_user_id": "users", "creator_id": "users", "added_by_user_id": "users",
        "organization_id": "organizations",
        "person_id": "persons", "org_id": "organizations", "deal_id": "deals", "product_id": "products",
        "stage_id": "stages", "pipeline_id": "pipelines",
    ]

    /// The resource whose ids a field of this key and kind holds, if any.
    public static func target(key: String, kind: ValueKind?) -> String? {
        switch kind {
        case .user?: "users"
        case .person?: "persons"
        case .organization?: "organizations"
        case .reference(let resource)?: resource
        default: byKey[key]
        }
    }

    /// A built-in field's kind: a reference kind for a key known to hold ids; a moment for a `*_time` the
    /// `*Fields` list types as a date (a deal's `won_time`, `add_time`: both versions take a timestamp); a
    /// date for a `*_date` declared as text (a lead's `expected_close_date`); else `declared`.
    static func kind(key: String, declared: ValueKind) -> ValueKind {
        switch declared {
        case .user, .person, .organization, .reference, .list, .object, .bytes: return declared
        case .date where key.hasSuffix("_time"): return .timestamp
        case .text where key.hasSuffix("_date"): return .date
        default: return byKey[key].map(kind(of:)) ?? declared
        }
    }

    /// The kind of a field holding ids of `resource`.
    static func kind(of resource: String) -> ValueKind {
        switch resource {
        case "users": .user
        case "persons": .person
        case "organizations": .organization
        default: .reference(resource)
        }
    }
}
