import JSONValue

/// `/roles` CRUD. Counts and levels are computed from the users and the role tree.
enum RoleEndpoints {
    static let createSchema = BodySchema(["name": .required(.string), "parent_role_id": .optional(.int, nullable: true)])
    static let updateSchema = BodySchema(["name": .optional(.string), "parent_role_id": .optional(.int, nullable: true)])
    static let notFound = "Role not found"

    static func register(in router: inout Router) {
        router.add("GET", .v1, "/roles") { context, store throws(APIError) in
            try V1List.page(store["roles"].all.map { present($0, store, withLevel: true) }, context)
        }
        router.add("GET", .v1, "/roles/{id}") { context, store throws(APIError) in
            let role = try store.existing("roles", try context.intParam("id"), notFound)
            let settings: JSON = [
                "deal_default_visibility": 1, "lead_default_visibility": 1, "org_default_visibility": 1,
                "person_default_visibility": 1, "product_default_visibility": 1, "deal_access_level": 1,
                "org_access_level": 1, "person_access_level": 1, "product_access_level": 1,
            ]
            return Envelope.v1(present(role, store, withLevel: false), additionalData: ["settings": settings])
        }
        router.add("POST", .v1, "/roles") { context, store throws(APIError) in
            let values = try createSchema.validate(try context.body())
            try checkParent(values["parent_role_id"], of: nil, store)
            let id = store.nextID("roles")
            _ = store.tick()
            store.save("roles", ["id": .int(id), "name": values["name"]!, "parent_role_id": values["parent_role_id"] ?? nil, "active_flag": true])
            return Envelope.v1(["id": .int(id)])
        }
        router.add("PUT", .v1, "/roles/{id}") { context, store throws(APIError) in
            let id = try context.intParam("id")
            var role = try store.existing("roles", id, notFound)
            let values = try updateSchema.validate(try context.body())
            try checkParent(values["parent_role_id"], of: id, store)
            for (key, value) in values { role[key] = value }
            _ = store.tick()
            store.save("roles", role)
            return Envelope.v1(["id": .int(id)])
        }
        router.add("DELETE", .v1, "/roles/{id}") { context, store throws(APIError) in
            let id = try context.intParam("id")
            _ = try store.existing("roles", id, notFound)
            if store["roles"].all.contains(where: { $0["parent_role_id"]?.intValue == id }) {
                throw .badRequest("The role has sub-roles; delete or move them first.")
            }
            _ = store.tick()
            store.delete("roles", id)
            return Envelope.v1(["id": .int(id)])
        }
    }

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
