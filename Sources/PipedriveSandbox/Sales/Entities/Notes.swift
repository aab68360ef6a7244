// Stored row (table `notes`; v1 only):
//   id: Int, content: String (HTML), user_id: Int, last_update_user_id: Int?, deal_id: Int?,
//   person_id: Int?, org_id: Int?, lead_id: String (UUID)?, pinned_to_deal_flag,
//   pinned_to_person_flag, pinned_to_organization_flag, pinned_to_lead_flag: Bool,
//   add_time, update_time: "YYYY-MM-DD HH:MM:SS", custom_fields: {<40-hex key>: v2 value}.
// Contract with the workspace part: `name` is not stored; notes are named by their content.
import JSONValue

enum Notes {
    static let pins = ["pinned_to_deal_flag", "pinned_to_person_flag", "pinned_to_organization_flag", "pinned_to_lead_flag"]

    static let spec: EntitySpec = EntitySpec(
        table: "notes", noun: "Note", fieldsTable: "noteFields",
        v1Writes: [
            WriteField("content", .text), WriteField("lead_id", .leadReference), WriteField("deal_id", .reference("deals")),
            WriteField("person_id", .reference("persons")), WriteField("org_id", .reference("organizations")),
            WriteField("user_id", .reference("users")), WriteField("add_time", .timestamp),
        ] + pins.map { WriteField($0, .bool) },
        v2Writes: [],
        required: [("content", "Note content must be given.")],
        v1CreateStatus: 200, v2CreateStatus: 200,
        defaults: { id, now, userID, _ in
            var row: [String: JSON] = [
                "id": .int(id), "content": "", "user_id": .int(userID), "add_time": .string(now), "custom_fields": [:],
            ]
            for pin in pins { row[pin] = false }
            return row
        },
        finish: { row, before, _, _, _ throws(FieldError) in
            let linked = ["deal_id", "person_id", "org_id", "lead_id"].contains { row[$0] != nil && row[$0] != .null }
            guard linked else {
                throw FieldError(field: "deal_id", reason: "a note must belong to a deal, person, organization or lead")
            }
            if before != nil { row["last_update_user_id"] = row["user_id"] }
        },
        renderV1: renderV1, renderV2: { row, _ in row },
        v1Filter: { query, _, _ throws(APIError) in
            var filters = [
                equals("user_id", try V1Query.int(query, "user_id")), equals("deal_id", try V1Query.int(query, "deal_id")),
                equals("person_id", try V1Query.int(query, "person_id")), equals("org_id", try V1Query.int(query, "org_id")),
            ]
            if let lead = query["lead_id"] { filters.append { $0["lead_id"]?.stringValue == lead } }
            for pin in pins {
                if let flag = try V1Query.int(query, pin) { filters.append { ($0[pin] == true) == (flag == 1) } }
            }
            if let start = query["start_date"] { filters.append { ($0["add_time"]?.stringValue ?? "") >= start } }
            if let end = query["end_date"] { filters.append { ($0["add_time"]?.stringValue ?? "").prefix(10) <= end } }
            return allOf(filters)
        })

    static func renderV1(_ row: JSON, _ context: inout RenderContext) -> JSON {
        let store = context.store
        var out = row.objectValue ?? [:]
        out["custom_fields"] = nil
        out["is_deleted"] = nil
        for key in ["deal_id", "person_id", "org_id", "lead_id", "last_update_user_id"] where out[key] == nil { out[key] = .null }
        out["active_flag"] = .bool(row["is_deleted"] != true)
        out["project_id"] = .null
        out["pinned_to_project_flag"] = false
        out["deal"] = row["deal_id"]?.intValue.flatMap { store["deals"][$0] }.map { ["title": $0["title"] ?? .null] } ?? .null
        out["person"] = row["person_id"]?.intValue.flatMap { store["persons"][$0] }.map { ["name": $0["name"] ?? .null] } ?? .null
        out["organization"] = row["org_id"]?.intValue.flatMap { store["organizations"][$0] }.map { ["name": $0["name"] ?? .null] }
            ?? .null
        out["project"] = .null
        let user = row["user_id"]?.intValue ?? 0
        let summary = V1Summary.user(user, store)
        out["user"] = [
            "email": summary["email"] ?? .null, "name": summary["name"] ?? .null,
            "icon_url": store["users"][user]?["icon_url"] ?? .null, "is_you": .bool(user == 1),
        ]
        spec.v1CustomFields(row, context, into: &out)
        return .object(out)
    }

    static func register(in router: inout Router) {
        router.add("GET", .v1, "/notes") { context, store throws(APIError) in try EntityRoutes.list(spec, context, store) }
        router.add("GET", .v1, "/notes/{id}") { context, store throws(APIError) in try EntityRoutes.get(spec, context, store) }
        router.add("POST", .v1, "/notes") { context, store throws(APIError) in try EntityRoutes.create(spec, context, &store) }
        router.add("PUT", .v1, "/notes/{id}") { context, store throws(APIError) in try EntityRoutes.update(spec, context, &store) }
        // Unlike the other entities, deleting a note answers `data: true`.
        router.add("DELETE", .v1, "/notes/{id}") { context, store throws(APIError) in
            let row = try EntityRoutes.existing(spec, context, store)
            EntityRoutes.remove(spec, [row["id"]!.intValue!], &store)
            return Envelope.v1(true)
        }
    }
}
