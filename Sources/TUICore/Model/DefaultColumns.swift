/// Which columns a grid hides until the user chooses them in `C`: v1 leftovers (keys the v1 answers
/// carry that repeat another column: `person_name` beside Person, `formatted_value` beside Value) and
/// columns empty on every loaded row. The key and name columns always show. A column the user's saved
/// layout names keeps the user's choice (see `ColumnLayout.withDefaults`).
enum DefaultColumns {
    /// Found by comparing the v1 and v2 deal, person, organization and activity answers (`Tests/RealAnswers`).
    static let v1Leftovers: Set<String> = [
        "person_name", "org_name", "owner_name", "deal_title", "formatted_value", "formatted_weighted_value",
        "weighted_value_currency", "cc_email", "first_char", "person_hidden", "org_hidden", "deal_dropbox_bcc",
        "person_dropbox_bcc", "company_id", "stage_order_nr", "active", "active_flag",
    ]

    /// The keys of `columns` hidden by default, given the keys of those with a value on some loaded row
    /// (nil before any row: nothing is known empty yet).
    static func hidden(_ columns: [ColumnInfo], filled: Set<String>?) -> Set<String> {
        let name = ResourceInfo.nameKeys.first { key in columns.contains { $0.key == key } }
        return Set(columns.lazy.filter { column in
            !column.isKey && column.key != name && (v1Leftovers.contains(column.key) || filled?.contains(column.key) == false)
        }.map(\.key))
    }
}
