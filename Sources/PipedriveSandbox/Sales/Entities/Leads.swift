// Stored row (table `leads`; v1 only). The table id is an integer; the API id is the UUID.
//   id: Int, uuid: String, title: String, owner_id: Int, creator_id: Int, label_ids: [String (lead
//   label UUID)], person_id: Int?, organization_id: Int?, value: {amount: Number, currency: String}?,
//   expected_close_date: "YYYY-MM-DD"?, is_archived: Bool, was_seen: Bool, origin: String,
//   source_name: String, channel: Int?, channel_id: String?, visible_to: Int,
//   add_time, update_time: "YYYY-MM-DD HH:MM:SS" (shown as ISO 8601 with milliseconds, as Pipedrive does),
//   custom_fields: {<40-hex key of a deal field>: v2 value} (leads inherit the deal custom fields).
// Archived leads (is_archived) leave GET /leads for GET /leads/archived, as archived deals leave the deal lists.
// Table `leadLabels`: id: Int, uuid: String, name: String, color: String, add_time, update_time.
import JSONValue

enum Leads {
    static let writes: [WriteField] = [
        WriteField("title", .shortText), WriteField("owner_id", .reference("users")), WriteField("label_ids", .stringArray),
        WriteField("person_id", .reference("persons")), WriteField("organization_id", .reference("organizations")),
        WriteField("value", .leadValue), WriteField("expected_close_date", .date), WriteField("visible_to", .visibleTo),
        WriteField("was_seen", .bool), WriteField("origin_id", .shortText), WriteField("channel", .int),
        WriteField("channel_id", .shortText), WriteField("is_archived", .bool),
    ]

    static let spec: EntitySpec = EntitySpec(
        table: "leads", noun: "Lead", fieldsTable: "dealFields", v1Writes: writes, v2Writes: [],
        required: [("title", "Lead title must be given.")],
        v1CreateStatus: 201, v2CreateStatus: 201,
        // Archived leads have their own list.
        source: { _, store, _ in ListSource([store["leads"]], keep: { $0["is_archived"] != true }) },
        defaults: { id, now, userID, _ in
            var random = SeededRandom(seed: UInt64(id), stream: "lead-id")
            return [
                "id": .int(id), "uuid": .string(LeadID.make(id: id, random: &random)), "title": "", "owner_id": .int(userID),
                "creator_id": .int(userID), "label_ids": [], "is_archived": false, "was_seen": false, "origin": "API",
                "source_name": "API", "visible_to": 3, "add_time": .string(now), "custom_fields": [:],
            ]
        },
        finish: { row, _, _, store, _ throws(FieldError) in
            let person = row["person_id"] ?? .null
            let org = row["organization_id"] ?? .null
            guard person != .null || org != .null else {
                throw FieldError(field: "person_id", reason: "a lead must be linked to a person or an organization")
            }
            let labels = Set(store["leadLabels"].all.compactMap { $0["uuid"]?.stringValue })
            for label in row["label_ids"]?.arrayValue ?? [] where !labels.contains(label.stringValue ?? "") {
                throw FieldError(field: "label_ids", reason: "no lead label with id \(label.stringValue ?? "")")
            }
        },
        renderV1: { row, context in render(row, context) }, renderV2: { row, context in render(row, context) },
        v1Filter: { query, _, _ throws(APIError) in
            var filters: [(@Sendable (JSON) -> Bool)?] = [
                equals("owner_id", try V1Query.int(query, "owner_id")), equals("person_id", try V1Query.int(query, "person_id")),
                equals("organization_id", try V1Query.int(query, "organization_id")),
            ]
            if let text = query["updated_since"] {
                guard let seconds = Timestamp.parseV2(text) ?? Timestamp.parseV1(text) else {
                    throw .badRequest("Parameter 'updated_since' must be an RFC 3339 date-time.")
                }
                let since = Timestamp.v1(seconds)
                filters.append { row in (row["update_time"]?.stringValue ?? "") >= since }
            }
            return allOf(filters)
        })

    /// A lead in v1's shape, with the deal custom fields it inherits at the top level.
    static func render(_ row: JSON, _ context: RenderContext) -> JSON {
        var out: [String: JSON] = [:]
        for key in [
            "title", "owner_id", "creator_id", "label_ids", "person_id", "organization_id", "source_name", "origin", "origin_id",
            "channel", "channel_id", "is_archived", "was_seen", "value", "expected_close_date",
        ] { out[key] = row[key] ?? .null }
        out["id"] = row["uuid"] ?? .null
        out["visible_to"] = V1Summary.visibleTo(row["visible_to"])
        out["next_activity_id"] = .null
        for key in ["add_time", "update_time"] {
            out[key] = (row[key]?.stringValue).map { .string(V2Time.from(v1: $0).dropLast() + ".000Z") } ?? .null
        }
        out["cc_email"] = .string("sandbox+lead\(row["id"]?.intValue ?? 0)@pipedrivemail.com")
        spec.v1CustomFields(row, context, into: &out)
        // A real lead carries only the keys that have values.
        return .object(out.filter { $0.value != .null })
    }

    static func existing(_ context: RouteContext, _ store: Store) throws(APIError) -> JSON {
        guard let row = LeadID.row(context.pathParams["id"] ?? "", in: store) else {
            throw APIError(status: 404, message: "requested lead not found", errorInfo: "Object was not found.")
        }
        return row
    }

    static func register(in router: inout Router) {
        router.add("GET", .v1, "/leads") { context, store throws(APIError) in try EntityRoutes.list(spec, context, store) }
        router.add("GET", .v1, "/leads/archived") { context, store throws(APIError) in
            var rows = store["leads"].all.filter { $0["is_archived"] == true }
            let saved = try SavedFilter.predicate(context.query, table: "leads", version: .v1, store: store)
            if let filter = allOf([try spec.v1Filter(context.query, context.userID, store), saved]) { rows = rows.filter(filter) }
            return try EntityRoutes.respondList(spec, rows, context, store)
        }
        router.add("POST", .v1, "/leads") { context, store throws(APIError) in try EntityRoutes.create(spec, context, &store) }
        router.add("GET", .v1, "/leads/{id}") { context, store throws(APIError) in
            Envelope.v1(render(try existing(context, store), spec.renderContext(store)))
        }
        router.add("PATCH", .v1, "/leads/{id}") { context, store throws(APIError) in
            var routed = context
            routed.pathParams["id"] = String(try existing(context, store)["id"]!.intValue!)
            return try EntityRoutes.update(spec, routed, &store)
        }
        router.add("DELETE", .v1, "/leads/{id}") { context, store throws(APIError) in
            let row = try existing(context, store)
            EntityRoutes.remove(spec, [row["id"]!.intValue!], &store)
            return Envelope.v1(["id": row["uuid"]!])
        }
        router.add("GET", .v1, "/leadLabels") { _, store throws(APIError) in
            Envelope.v1(.array(store["leadLabels"].all.map { label in
                [
                    "id": label["uuid"] ?? .null, "name": label["name"] ?? .null, "color": label["color"] ?? .null,
                    "add_time": (label["add_time"]?.stringValue).map { .string(V2Time.from(v1: $0)) } ?? .null,
                    "update_time": (label["update_time"]?.stringValue).map { .string(V2Time.from(v1: $0)) } ?? .null,
                ]
            }))
        }
    }
}
