import JSONValue

/// `/goals`: goal ids are 32-character hex strings, so the table is keyed by an internal number.
/// Goal responses carry the goals service's extra keys (`statusCode`, `statusText`, `service`), as the
/// spec's examples do.
enum Goals {
    static let typeNames = ["deals_won", "deals_progressed", "activities_completed", "activities_added", "deals_started"]
    static let assigneeTypes = ["person", "company", "team"]
    static let metrics = ["quantity", "sum"]
    static let intervals = ["weekly", "monthly", "quarterly", "yearly"]
    static let createSchema = BodySchema([
        "title": .optional(.string), "assignee": .required(.object), "type": .required(.object),
        "expected_outcome": .required(.object), "duration": .required(.object), "interval": .required(.oneOf(intervals)),
    ])
    static let notFound = "Goal not found"
    /// Query filters that make `/goals/find` return everyone's goals rather than only the caller's.
    static let everyoneFilters = [
        "type.name", "assignee.type", "expected_outcome.target", "expected_outcome.tracking_metric",
        "expected_outcome.currency_id", "type.params.pipeline_id", "type.params.stage_id", "type.params.activity_type_id",
    ]

    static func goalID(_ key: Int) -> String {
        var random = SeededRandom(seed: UInt64(key), stream: "goal")
        let hex = String(key, radix: 16)
        return String(random.hexKey().prefix(32 - hex.count)) + hex
    }

    static func envelope(_ data: JSON) -> SandboxResponse {
        .json(["success": true, "statusCode": 20000, "statusText": "OK", "service": "statistics-goals-api", "data": data])
    }

    static let spec: WorkspaceSpec = {
        var spec = WorkspaceSpec(table: "goals", noun: "Goal")
        spec.stringIDs = true
        spec.envelope = { data, _ in envelope(data) }
        spec.get = .none
        spec.present = { goal, _, _ in ["goal": goal] }
        spec.create = .init(schema: createSchema) { key, values, context, _, store throws(APIError) in
            var goal = try validated(values, into: [:], store)
            goal["id"] = .string(goalID(key))
            goal["owner_id"] = .int(context.userID)
            goal["title"] = values["title"] ?? ""
            goal["is_active"] = true
            goal["report_ids"] = [.string(goalID(key + 1_000_000))]
            return goal
        }
        spec.update = .init(schema: createSchema, requireAll: false) { goal, values, _, store throws(APIError) in
            goal = try validated(values, into: goal, store)
            if let title = values["title"] { goal["title"] = title }
        }
        spec.delete = .init(answer: { _ in
            .json(["success": true, "statusCode": 20000, "statusText": "OK", "service": "statistics-goals-api"])
        })
        return spec
    }()

    static func register(in router: inout Router) {
        WorkspaceRoutes.register(spec, in: &router)
        router.add("GET", .v1, "/goals/find") { context, store throws(APIError) in
            envelope(["goals": .array(try find(context, store))])
        }
    }

    /// Checks the nested objects of a create or update body and writes them into `goal`.
    static func validated(_ values: [String: JSON], into goal: JSON, _ store: Store) throws(APIError) -> JSON {
        var goal = goal.objectValue == nil ? JSON.object([:]) : goal
        if let assignee = values["assignee"] {
            guard let type = assignee["type"]?.stringValue, assigneeTypes.contains(type), let id = assignee["id"]?.intValue else {
                throw .badRequest("Parameter 'assignee' must be {id, type} with type one of: \(assigneeTypes.joined(separator: ", ")).")
            }
            if type == "person", store["users"][id] == nil { throw .badRequest("Assignee user \(id) does not exist.") }
            if type == "team", store["teams"][id] == nil { throw .badRequest("Assignee team \(id) does not exist.") }
            goal["assignee"] = ["id": .int(id), "type": .string(type)]
        }
        if let type = values["type"] {
            guard let name = type["name"]?.stringValue, typeNames.contains(name) else {
                throw .badRequest("Parameter 'type.name' must be one of: \(typeNames.joined(separator: ", ")).")
            }
            let params = type["params"] ?? [:]
            guard params.objectValue != nil else { throw .badRequest("Parameter 'type.params' must be an object.") }
            goal["type"] = ["name": .string(name), "params": params]
        }
        if let outcome = values["expected_outcome"] {
            guard outcome["target"]?.doubleValue != nil, let metric = outcome["tracking_metric"]?.stringValue, metrics.contains(metric)
            else { throw .badRequest("Parameter 'expected_outcome' must be {target, tracking_metric} with tracking_metric quantity or sum.") }
            var result: JSON = ["target": outcome["target"]!, "tracking_metric": .string(metric)]
            if metric == "sum" {
                guard let currency = outcome["currency_id"]?.intValue, store["currencies"][currency] != nil else {
                    throw .badRequest("Parameter 'expected_outcome.currency_id' must name a currency for a sum goal.")
                }
                result["currency_id"] = .int(currency)
            }
            goal["expected_outcome"] = result
        }
        if let duration = values["duration"] {
            guard let start = duration["start"]?.stringValue, Timestamp.parseDate(start) != nil else {
                throw .badRequest("Parameter 'duration.start' must be a date in the format YYYY-MM-DD.")
            }
            let end = duration["end"]?.stringValue
            if let end, Timestamp.parseDate(end) == nil || end < start {
                throw .badRequest("Parameter 'duration.end' must be a date in the format YYYY-MM-DD, not before the start.")
            }
            goal["duration"] = ["start": .string(start), "end": end.map(JSON.string) ?? nil]
        }
        if let interval = values["interval"] { goal["interval"] = interval }
        return goal
    }

    /// The goals matching the query; without an assignee or an "everyone" filter, the caller's own goals.
    static func find(_ context: RouteContext, _ store: Store) throws(APIError) -> [JSON] {
        let query = context.query
        var goals = store["goals"].all
        let active = query["is_active"].map { $0 == "true" || $0 == "1" } ?? true
        goals = goals.filter { $0["is_active"]?.boolValue == active }
        if let assignee = query["assignee.id"] {
            goals = goals.filter { $0["assignee"]?["id"]?.intValue == Int(assignee) }
        } else if !everyoneFilters.contains(where: { query[$0] != nil }) {
            goals = goals.filter { $0["assignee"]?["type"] == "person" && $0["assignee"]?["id"]?.intValue == context.userID }
        }
        let match: [(String, (JSON) -> JSON?)] = [
            ("type.name", { $0["type"]?["name"] }), ("assignee.type", { $0["assignee"]?["type"] }), ("title", { $0["title"] }),
            ("expected_outcome.tracking_metric", { $0["expected_outcome"]?["tracking_metric"] }),
        ]
        for (name, value) in match {
            if let wanted = query[name] { goals = goals.filter { value($0)?.stringValue == wanted } }
        }
        if let target = query["expected_outcome.target"].flatMap(Double.init) {
            goals = goals.filter { $0["expected_outcome"]?["target"]?.doubleValue == target }
        }
        if let currency = query["expected_outcome.currency_id"].flatMap(Int.init) {
            goals = goals.filter { $0["expected_outcome"]?["currency_id"]?.intValue == currency }
        }
        if let start = query["period.start"] {
            guard let end = query["period.end"], Timestamp.parseDate(start) != nil, Timestamp.parseDate(end) != nil else {
                throw .badRequest("Parameters 'period.start' and 'period.end' must both be dates in the format YYYY-MM-DD.")
            }
            goals = goals.filter { goal in
                let goalStart = goal["duration"]?["start"]?.stringValue ?? ""
                let goalEnd = goal["duration"]?["end"]?.stringValue ?? "9999-12-31"
                return goalStart <= end && goalEnd >= start
            }
        }
        return goals
    }
}
