import JSONValue

/// The object v1 puts in place of an id (a deal's `user_id`, `person_id`, `org_id`), made from the
/// referenced record as a v2 list returns it, so that both versions show a reference alike.
enum ReferenceSummary {
    /// v1's reference templates, by the resource they point to.
    static let templates: [String: Template] = ["users": .user, "persons": .personRef, "organizations": .organizationRef]

    static func make(_ row: JSON, resource: String, id: Int, catalog: Catalog) -> JSON {
        var values = V2Names.folded(row.objectValue ?? [:], resource: resource)
        if values["active_flag"] == nil, let deleted = values["is_deleted"]?.boolValue { values["active_flag"] = .bool(!deleted) }
        if case .object? = values["address"] { values["address"] = values["address"]?["value"] ?? .null }
        // (A stage keeps its pipeline: a search result names a deal's stage but not its pipeline.)
        let kept = templates[resource].flatMap { catalog.definition(of: $0)?.components } ?? ["id", "name", "title", "pipeline_id"]
        var summary = values.filter { kept.contains($0.key) }
        summary["value"] = .int(id)
        return .object(summary)
    }
}
