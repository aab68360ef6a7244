import JSONValue

/// `/organizationRelationships`: stored with plain organization ids, answered with organization references
/// and, relative to a base organization (`org_id`), the calculated type and related organization.
enum OrganizationRelationships {
    static let types = ["parent", "related"]
    static let createSchema = BodySchema([
        "org_id": .optional(.int), "type": .required(.oneOf(types)), "rel_owner_org_id": .required(.int),
        "rel_linked_org_id": .required(.int),
    ])

    static let spec: WorkspaceSpec = {
        var spec = WorkspaceSpec(table: "organizationRelationships", noun: "Organization relationship")
        spec.list = .custom { context, store throws(APIError) in
            guard let text = context.query["org_id"] else { throw .badRequest("Parameter 'org_id' is required.") }
            guard let org = Int(text) else { throw .badRequest("Parameter 'org_id' must be an integer.") }
            _ = try store.existing("organizations", org, "Organization not found")
            let rows = store["organizationRelationships"].all.filter {
                $0["rel_owner_org_id"]?.intValue == org || $0["rel_linked_org_id"]?.intValue == org
            }
            return try V1List.page(rows.map { present($0, base: org, store) }, context, relatedObjects: related(rows, store))
        }
        // Relative to `org_id` when given, else to the owner.
        spec.get = .custom { row, context, store in
            let base = context.query["org_id"].flatMap(Int.init) ?? row["rel_owner_org_id"]?.intValue ?? 0
            return Envelope.v1(present(row, base: base, store), relatedObjects: related([row], store))
        }
        // A written relationship is answered without a base organization.
        spec.written = { row, _, store in Envelope.v1(present(row, base: nil, store), relatedObjects: related([row], store)) }
        spec.create = .init(schema: createSchema) { key, values, _, now, store throws(APIError) in
            try check(values, store)
            let time = Timestamp.v1(now)
            return [
                "id": .int(key), "type": values["type"]!, "rel_owner_org_id": values["rel_owner_org_id"]!,
                "rel_linked_org_id": values["rel_linked_org_id"]!, "add_time": .string(time), "update_time": .string(time),
                "active_flag": "true",
            ]
        }
        spec.update = .init(schema: createSchema, requireAll: false, stamp: "update_time") { row, values, _, store throws(APIError) in
            var merged = values
            for key in ["rel_owner_org_id", "rel_linked_org_id"] where merged[key] == nil { merged[key] = row[key] }
            try check(merged, store)
            for key in ["type", "rel_owner_org_id", "rel_linked_org_id"] { if let value = values[key] { row[key] = value } }
        }
        spec.delete = .init()
        return spec
    }()

    /// 400 unless both organizations (and `org_id`, when sent) exist and differ.
    static func check(_ values: [String: JSON], _ store: Store) throws(APIError) {
        for key in ["org_id", "rel_owner_org_id", "rel_linked_org_id"] {
            if let id = values[key]?.intValue, store["organizations"][id] == nil {
                throw .badRequest("Parameter '\(key)': organization \(id) does not exist.")
            }
        }
        if values["rel_owner_org_id"] == values["rel_linked_org_id"] {
            throw .badRequest("An organization cannot be related to itself.")
        }
    }

    /// The row with organization references; with a base organization, also the calculated fields.
    static func present(_ row: JSON, base: Int?, _ store: Store) -> JSON {
        var result = row
        let owner = row["rel_owner_org_id"]?.intValue ?? 0
        let linked = row["rel_linked_org_id"]?.intValue ?? 0
        result["rel_owner_org_id"] = store.organizationReference(owner)
        result["rel_linked_org_id"] = store.organizationReference(linked)
        if let base {
            let relatedID = base == owner ? linked : owner
            let type = row["type"]?.stringValue
            result["calculated_type"] = .string(type == "related" ? "related" : base == owner ? "daughter" : "parent")
            result["calculated_related_org_id"] = .int(relatedID)
            result["related_organization_name"] = .string(store.label("organizations", relatedID) ?? "")
        }
        return result
    }

    static func related(_ rows: [JSON], _ store: Store) -> JSON {
        var organizations: [String: JSON] = [:]
        for row in rows {
            for key in ["rel_owner_org_id", "rel_linked_org_id"] {
                guard let id = row[key]?.intValue else { continue }
                var reference = store.organizationReference(id)
                reference["value"] = nil
                reference["id"] = .int(id)
                organizations[String(id)] = reference
            }
        }
        return ["organization": .object(organizations)]
    }
}
