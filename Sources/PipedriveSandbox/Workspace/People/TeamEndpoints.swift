import JSONValue

/// `/teams`: absent from today's specs (the seed still calls it); shaped on the deprecated `/legacyTeams`
/// of the v1 spec, which is also served under its own name.
enum TeamEndpoints {
    static let createSchema = BodySchema([
        "name": .required(.string), "description": .optional(.string), "manager_id": .required(.int),
        "users": .optional(.intArray),
    ])
    static let updateSchema = BodySchema([
        "name": .optional(.string), "description": .optional(.string), "manager_id": .optional(.int),
        "users": .optional(.intArray), "active_flag": .optional(.flag), "deleted_flag": .optional(.flag),
    ])
    static let orderKeys = ["id", "name", "manager_id", "active_flag"]

    static let spec: WorkspaceSpec = {
        var spec = WorkspaceSpec(table: "teams", noun: "Team", paths: ["/teams", "/legacyTeams"]) { id in
            .notFound("Team \(id) does not exist")
        }
        spec.list = .custom { context, store throws(APIError) in Envelope.v1(.array(try list(store["teams"].all, context))) }
        spec.present = { team, context, _ in present(team, context) }
        spec.written = { team, _, _ in Envelope.v1(team) }
        spec.create = .init(schema: createSchema) { key, values, context, now, store throws(APIError) in
            try checkUsers(values, store)
            return [
                "id": .int(key), "name": values["name"]!, "description": values["description"] ?? "",
                "manager_id": values["manager_id"]!, "users": .array(values["users"]?.arrayValue ?? []), "active_flag": 1,
                "deleted_flag": 0, "add_time": .string(Timestamp.v1(now)), "created_by_user_id": .int(context.userID),
            ]
        }
        spec.update = .init(schema: updateSchema) { team, values, _, store throws(APIError) in
            try checkUsers(values, store)
            for (key, value) in values { team[key] = value }
        }
        return spec
    }()

    static func register(in router: inout Router) {
        WorkspaceRoutes.register(spec, in: &router)
        for base in spec.paths {
            router.add("GET", .v1, base + "/user/{id}") { context, store throws(APIError) in
                let userID = try context.intParam("id")
                _ = try store.existing("users", userID, UserEndpoints.notFound)
                let teams = store["teams"].all.filter { $0["users"]?.arrayValue?.contains(.int(userID)) == true }
                return Envelope.v1(.array(try list(teams, context)))
            }
        }
    }

    /// 400 when the manager or a member is not a user of the company.
    static func checkUsers(_ values: [String: JSON], _ store: Store) throws(APIError) {
        let ids = (values["users"]?.arrayValue ?? []) + [values["manager_id"]].compactMap { $0 }
        if let missing = ids.compactMap(\.intValue).first(where: { store["users"][$0] == nil }) {
            throw .badRequest("User \(missing) does not exist.")
        }
    }

    /// Teams sorted by `order_by`, without member ids when `skip_users=1`.
    static func list(_ teams: [JSON], _ context: RouteContext) throws(APIError) -> [JSON] {
        let key = context.query["order_by"] ?? "id"
        guard orderKeys.contains(key) else {
            throw .badRequest("Parameter 'order_by' must be one of: \(orderKeys.joined(separator: ", ")).")
        }
        let sorted = teams.sorted { left, right in
            switch (left[key], right[key]) {
            case (.string(let a), .string(let b)): a < b
            case (let a?, let b?): (a.intValue ?? 0, left["id"]?.intValue ?? 0) < (b.intValue ?? 0, right["id"]?.intValue ?? 0)
            default: false
            }
        }
        return sorted.map { present($0, context) }
    }

    static func present(_ team: JSON, _ context: RouteContext) -> JSON {
        var team = team
        if context.query["skip_users"] == "1" { team["users"] = nil }
        return team
    }
}
