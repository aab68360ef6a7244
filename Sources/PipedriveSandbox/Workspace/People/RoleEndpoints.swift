import JSONValue

/// `/roles` CRUD. Counts and levels are computed from the users and the role tree.
enum RoleEndpoints {
    static let createSchema = BodySchema(["name": .required(.string), "parent_role_id": .optional(.int, nullable: true)])
    static let updateSchema = BodySchema(["name": .optional(.string), "parent_role_id": .optional(.int, nullable: true)])
    static let spec: WorkspaceSpec = {
        var spec = WorkspaceSpec(table: "roles", noun: "Role")
        spec.list = .custom { context, store throws(APIError) in
            try V1List.page(store["roles"].all.map { present($0, store, withLevel: true) }, context)
        }
        spec.get = .custom { role, _, store in
            let settings: JSON = [
                "deal_default_visibility": 1, "lead_default_visibility": 1, "org_default_visibility": 1,
                "person_default_visibility": 1, "product_default_visibility": 1, "deal_access_level": 1,
                "org_access_level": 1, "person_access_level": 1, "product_access_level": 1,
            ]
            return Envelope.v1(present(role, store, withLevel: false), additionalData: ["settings": settings])
        }
        spec.written = { row, _, _ in Envelope.v1(["id": row["id"] ?? nil]) }
        spec.create = .init(schema: createSchema) { key, values, _, _, store throws(APIError) in
            try checkParent(values["parent_role_id"], of: nil, store)
            return ["id": .int(key), "name": values["name"]!, "parent_role_id": values["parent_role_id"] ?? nil, "active_flag": true]
        }
        spec.update = .init(schema: updateSchema) { role, values, _, store throws(APIError) in
            try checkParent(values["parent_role_id"], of: role["id"]?.intValue, store)
            for (key, value) in values { role[key] = value }
        }
        spec.delete = .init(check: { id, store throws(APIError) in
            if store["roles"].all.contains(where: { $0["parent_role_id"]?.intValue == id }) {
                throw .badRequest("The role has sub-roles; delete or move them first.")
            }
        })
        return spec
    }()

    /// 400 when the parent does not exist or would make the role its own ancestor.
    static func checkParent(_ parent: JSON?, of role: Int?, _ store: Store) throws(APIError) {
        guard var ancestor = parent?.intValue else { return }
        guard store["roles"][ancestor] != nil else { throw .badRequest("Parent role \(ancestor) does not exist.") }
        while true {
            if ancestor == role { throw .badRequest("A role cannot be its own ancestor.") }
            guard let next = store["roles"][ancestor]?["parent_role_id"]?.intValue else { return }
            ancestor = next
        }
    }

    /// The row with `assignment_count` and `sub_role_count` (strings, as the spec has them) and `level`.
    static func present(_ role: JSON, _ store: Store, withLevel: Bool) -> JSON {
        var role = role
        let id = role["id"]?.intValue
        role["assignment_count"] = .string(String(store["users"].all.filter { $0["role_id"]?.intValue == id }.count))
        role["sub_role_count"] = .string(String(store["roles"].all.filter { $0["parent_role_id"]?.intValue == id }.count))
        if withLevel {
            var level = 1
            var parent = role["parent_role_id"]?.intValue
            while let current = parent, level < 100 {
                level += 1
                parent = store["roles"][current]?["parent_role_id"]?.intValue
            }
            role["level"] = .int(level)
        }
        return role
    }
}
