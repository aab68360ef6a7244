import JSONValue

extension Schema {
    /// The values of a deleted record that its Create takes again in `version`: custom fields, and the
    /// keys Pipedrive's spec lists for the Create body (`CreateFields`); for a resource the spec does not
    /// cover, the catalog's writable fields. What Pipedrive computes (id, update time, counts) is left out.
    func recreationValues(_ values: [String: JSON], version: APIVersion) -> [String: JSON] {
        let accepted = (version == .v1 ? CreateFields.v1 : CreateFields.v2)[resource.name]
        return values.filter { key, value in
            let sent = version == .v2 ? V2Names.v2Name(key, resource: resource.name) : key
            // The v2 deal spec lists `is_deleted`; a re-created record is never sent as deleted.
            guard value != .null, sent != "is_deleted", field(key)?.isCreatable ?? true else { return false }
            if field(key)?.isCustom == true { return true }
            return accepted?.contains(sent) ?? (field(key) != nil)
        }
    }
}
