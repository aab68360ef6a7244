// Stored row (table `activities`), in v2 naming with v1 timestamps:
//   id: Int, subject: String, type: String (an activity type's key_string), owner_id: Int,
//   creator_user_id: Int, deal_id: Int?, lead_id: String (UUID)?, person_id: Int?, org_id: Int?,
//   due_date: "YYYY-MM-DD"?, due_time: "HH:MM"? (UTC), duration: "HH:MM"?, busy: Bool, done: Bool,
//   marked_as_done_time: "YYYY-MM-DD HH:MM:SS"?, location: {value, route, ...}?,
//   participants: [{person_id: Int, primary: Bool}],
//   attendees: [{email, name, status, is_organizer: Bool, person_id, user_id}],
//   public_description, note: String?, priority: Int?, add_time, update_time: "YYYY-MM-DD HH:MM:SS",
//   custom_fields: {<40-hex key>: v2 value} (v1 shows them; v2's activity has no custom fields).
import JSONValue

enum Activities {
    /// Pipedrive's default activity types, used when the account has none.
    static let defaultTypes = ["call", "meeting", "task", "deadline", "email", "lunch"]

    static func types(_ store: Store) -> [String] {
        let keys = store["activityTypes"].all.compactMap { $0["key_string"]?.stringValue }
        return keys.isEmpty ? defaultTypes : keys
    }

    static let spec: EntitySpec = EntitySpec(
        table: "activities", noun: "Activity", fieldsTable: "activityFields",
        v1Writes: [
            WriteField("due_date", .date), WriteField("due_time", .time), WriteField("duration", .time),
            WriteField("deal_id", .reference("deals")), WriteField("lead_id", .leadReference),
            WriteField("person_id", .reference("persons")), WriteField("org_id", .reference("organizations")),
            WriteField("location", .address), WriteField("public_description", .text), WriteField("note", .text),
            WriteField("subject", .shortText), WriteField("type", .shortText), WriteField("user_id", .reference("users"), key: "owner_id"),
            WriteField("participants", .participants), WriteField("busy_flag", .bool, key: "busy"),
            WriteField("attendees", .attendees), WriteField("done", .bool),
        ],
        v2Writes: [
            WriteField("subject", .shortText), WriteField("type", .shortText), WriteField("owner_id", .reference("users")),
            WriteField("deal_id", .reference("deals")), WriteField("lead_id", .leadReference),
            WriteField("person_id", .reference("persons")), WriteField("org_id", .reference("organizations")),
            WriteField("due_date", .date), WriteField("due_time", .time), WriteField("duration", .time),
            WriteField("busy", .bool), WriteField("done", .bool), WriteField("location", .address),
            WriteField("participants", .participants), WriteField("attendees", .attendees),
            WriteField("public_description", .text), WriteField("priority", .int), WriteField("note", .text),
        ],
        required: [],
        v1CreateStatus: 201, v2CreateStatus: 200,
        timestampKeys: ["add_time", "update_time", "marked_as_done_time"], v2SortKeys: ["due_date"],
        defaults: { id, now, userID, _ in
            [
                "id": .int(id), "type": "task", "owner_id": .int(userID), "creator_user_id": .int(userID), "busy": false,
                "done": false, "participants": [], "attendees": [], "add_time": .string(now), "custom_fields": [:],
            ]
        },
        finish: { row, before, _, store, now throws(FieldError) in
            let type = row["type"]?.stringValue ?? "task"
            guard types(store).contains(type) else {
                throw FieldError(field: "type", reason: "unknown activity type '\(type)'")
            }
            if (row["subject"]?.stringValue ?? "").isEmpty {
                row["subject"] = .string(type.prefix(1).uppercased() + type.dropFirst())
            }
            if row["done"] != before?["done"] {
                row["marked_as_done_time"] = row["done"] == true ? .string(now) : nil
            }
            if row["due_time"] != nil, row["due_time"] != .null, row["due_date"] == nil || row["due_date"] == .null {
                throw FieldError(field: "due_time", reason: "needs a due_date")
            }
        },
        renderV1: renderV1, renderV2: renderV2,
        v1Filter: { query, userID, _ throws(APIError) in
            // Without user_id, v1 lists the token user's activities; user_id=0 lists everyone's.
            var filters: [(@Sendable (JSON) -> Bool)?] = []
            let user = try V1Query.int(query, "user_id") ?? userID
            if user != 0 { filters.append(equals("owner_id", user)) }
            if let done = try V1Query.int(query, "done") {
                filters.append { row in (row["done"] == true) == (done == 1) }
            }
            if let types = query["type"] {
                let wanted = Set(types.split(separator: ",").map(String.init))
                filters.append { row in wanted.contains(row["type"]?.stringValue ?? "") }
            }
            if let start = query["start_date"] {
                filters.append { row in (row["due_date"]?.stringValue ?? "") >= start }
            }
            if let end = query["end_date"] {
                filters.append { row in (row["due_date"]?.stringValue ?? "9999") <= end }
            }
            return allOf(filters)
        },
        v2Filter: { query, _ throws(APIError) in
            var filters = try v2CommonFilters(query)
            for key in ["deal_id", "person_id", "org_id"] { filters.append(equals(key, try V2Query.int(query, key))) }
            if let lead = query["lead_id"] { filters.append { $0["lead_id"]?.stringValue == lead } }
            if let done = try V2Query.bool(query, "done") { filters.append { ($0["done"] == true) == done } }
            return allOf(filters)
        })

    static func renderV1(_ row: JSON, _ context: inout RenderContext) -> JSON {
        let store = context.store
        var out: [String: JSON] = [:]
        out.reserveCapacity(64 + context.customFields.count * 4)
        for key in [
            "id", "subject", "type", "done", "due_date", "due_time", "duration", "add_time", "update_time", "marked_as_done_time",
            "public_description", "org_id", "person_id", "deal_id", "lead_id", "note", "created_by_user_id",
        ] { out[key] = row[key] ?? .null }
        // Real v1 answers leave unset times as empty strings, not null.
        for key in ["due_time", "duration", "marked_as_done_time"] where out[key] == .null { out[key] = "" }
        out["company_id"] = 1
        out["user_id"] = row["owner_id"] ?? .null
        out["assigned_to_user_id"] = row["owner_id"] ?? .null
        out["created_by_user_id"] = row["creator_user_id"] ?? .null
        out["update_user_id"] = row["owner_id"] ?? .null
        out["busy_flag"] = row["busy"] ?? false
        out["active_flag"] = .bool(row["is_deleted"] != true)
        out["project_id"] = .null
        Address.flatten(row["location"], prefix: "location", into: &out)
        out["participants"] = .array((row["participants"]?.arrayValue ?? []).map {
            ["person_id": $0["person_id"] ?? .null, "primary_flag": $0["primary"] ?? false]
        })
        out["attendees"] = .array((row["attendees"]?.arrayValue ?? []).map {
            [
                "email_address": $0["email"] ?? .null, "is_organizer": .int($0["is_organizer"] == true ? 1 : 0),
                "name": $0["name"] ?? .null, "person_id": $0["person_id"] ?? .null, "status": $0["status"] ?? .null,
                "user_id": $0["user_id"] ?? .null,
            ]
        })
        out["org_name"] = row["org_id"]?.intValue.flatMap { store["organizations"][$0]?["name"] } ?? .null
        out["person_name"] = row["person_id"]?.intValue.flatMap { store["persons"][$0]?["name"] } ?? .null
        out["deal_title"] = row["deal_id"]?.intValue.flatMap { store["deals"][$0]?["title"] } ?? .null
        out["owner_name"] = V1Summary.userName(row["owner_id"]?.intValue, store)
        if let user = row["owner_id"]?.intValue { context.related.users.insert(user) }
        if let person = row["person_id"]?.intValue, store["persons"][person] != nil { context.related.persons.insert(person) }
        if let org = row["org_id"]?.intValue, store["organizations"][org] != nil { context.related.organizations.insert(org) }
        spec.v1CustomFields(row, context, into: &out)
        return .object(out)
    }

    static func renderV2(_ row: JSON, _ context: RenderContext) -> JSON {
        var out: [String: JSON] = [:]
        out.reserveCapacity(64 + context.customFields.count * 4)
        for key in [
            "id", "subject", "type", "owner_id", "creator_user_id", "deal_id", "lead_id", "person_id", "org_id", "due_date",
            "due_time", "duration", "busy", "done", "location", "participants", "attendees", "public_description", "priority",
            "note",
        ] { out[key] = row[key] ?? .null }
        for key in spec.timestampKeys { out[key] = (row[key]?.stringValue).map { .string(V2Time.from(v1: $0)) } ?? .null }
        out["is_deleted"] = row["is_deleted"] ?? false
        out["project_id"] = .null
        out["conference_meeting_client"] = .null
        out["conference_meeting_url"] = .null
        out["conference_meeting_id"] = .null
        return .object(out)
    }

    /// v1 `/deals|persons|organizations/{id}/activities`: the linked activities, `done=0|1` optional.
    static func listLinked(to key: String, _ id: JSON, _ context: RouteContext, _ store: Store) throws(APIError) -> SandboxResponse {
        let done = try V1Query.int(context.query, "done")
        let rows = store["activities"].all.filter {
            $0[key] == id && (done == nil || ($0["done"] == true) == (done == 1))
        }
        return try EntityRoutes.respondList(spec, rows, context, store)
    }

    static func register(in router: inout Router) {
        EntityRoutes.register(spec, path: "/activities", in: &router, bulkDelete: true)
    }
}
