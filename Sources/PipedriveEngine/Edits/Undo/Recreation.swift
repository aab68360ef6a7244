import JSONValue

extension Schema {
    /// The values of a deleted record that a Create takes again: its writable fields with a value, less
    /// those Pipedrive computes itself (ids, times it keeps, counts, names it copies from other records),
    /// which a Create refuses.
    func recreationValues(_ values: [String: JSON]) -> [String: JSON] {
        values.filter { key, value in
            value != .null && field(key)?.isWritable == true && !Self.isComputed(key)
        }
    }

    static func isComputed(_ key: String) -> Bool {
        computedKeys.contains(key) || computedPrefixes.contains(where: key.hasPrefix)
            || computedSuffixes.contains(where: key.hasSuffix)
    }

    private static let computedKeys: Set<String> = [
        "id", "update_time", "stage_change_time", "creator_user_id", "is_deleted", "active_flag", "active", "deleted",
        "company_id", "picture_id", "cc_email", "weighted_value", "weighted_value_currency", "first_won_time",
        "first_char", "org_hidden", "person_hidden", "primary_email", "source_lead_id", "origin", "stage_order_nr",
        "label",
    ]
    private static let computedPrefixes = ["formatted_", "next_activity", "last_activity", "local_", "last_incoming", "last_outgoing"]
    private static let computedSuffixes = ["_count", "_name"]
}
