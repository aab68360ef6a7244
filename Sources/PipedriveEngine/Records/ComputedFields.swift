/// Built-in fields Pipedrive computes (a deal's `products_count`, `weighted_value`, `add_time` on update):
/// those no Create, or no Update, request body takes in Pipedrive's specs (`CreateFields`, `UpdateFields`),
/// in either version: an activity's Free/busy is `busy_flag` in v1 and `busy` in v2.
enum ComputedFields {
    /// Whether the resource's Create (or Update) body takes no built-in field `key`; false for a resource
    /// whose body the specs do not document (the catalog's read-only marks decide there).
    static func isComputed(_ key: String, resource: String, creating: Bool) -> Bool {
        let (v1, v2) = creating ? (CreateFields.v1[resource], CreateFields.v2[resource]) : (UpdateFields.v1[resource], UpdateFields.v2[resource])
        guard v1 != nil || v2 != nil else { return false }
        let taken = v1?.contains(key) == true || v2?.contains(key) == true || v2?.contains(V2Names.v2Name(key, resource: resource)) == true
        return !taken
    }
}
