// Stored row (table `deals`), in v2 naming with v1 timestamps:
//   id: Int, title: String, creator_user_id: Int, owner_id: Int, value: Number, currency: String,
//   person_id: Int?, org_id: Int?, pipeline_id: Int, stage_id: Int, status: "open"|"won"|"lost",
//   probability: Number?, lost_reason: String?, visible_to: Int (1/3/5/7),
//   add_time, update_time, stage_change_time, close_time?, won_time?, lost_time?, archive_time?:
//     "YYYY-MM-DD HH:MM:SS" (UTC),
//   expected_close_date: "YYYY-MM-DD"?, label_ids: [Int], origin: String, origin_id: String?,
//   channel: Int?, channel_id: String?, is_archived: Bool,
//   custom_fields: {<40-hex key>: v2 value} (unset fields absent).
// Deleted rows move to `store.deleted["deals"]` with is_deleted: true.
import JSONValue

enum Deals {
    static let statuses = ["open", "won", "lost"]
    static let timestamps = ["add_time", "update_time", "stage_change_time", "close_time", "won_time", "lost_time", "archive_time"]

    static let spec: EntitySpec = EntitySpec(
        table: "deals", noun: "Deal", fieldsTable: "dealFields",
        v1Writes: [
            WriteField("title", .shortText), WriteField("value", .double), WriteField("label", .intArray, key: "label_ids"),
            WriteField("currency", .string(max: 3)), WriteField("user_id", .reference("users"), key: "owner_id"),
            WriteField("person_id", .reference("persons")), WriteField("org_id", .reference("organizations")),
            WriteField("pipeline_id", .reference("pipelines")), WriteField("stage_id", .reference("stages")),
            WriteField("is_archived", .bool), WriteField("archive_time", .timestamp), WriteField("status", .choice(statuses)),
            WriteField("origin_id", .shortText), WriteField("channel", .int), WriteField("channel_id", .shortText),
            WriteField("add_time", .timestamp), WriteField("won_time", .timestamp), WriteField("lost_time", .timestamp),
            WriteField("close_time", .timestamp), WriteField("expected_close_date", .date),
            WriteField("probability", .double), WriteField("lost_reason", .shortText), WriteField("visible_to", .visibleTo),
        ],
        v2Writes: [
            WriteField("title", .shortText), WriteField("owner_id", .reference("users")),
            WriteField("person_id", .reference("persons")), WriteField("org_id", .reference("organizations")),
            WriteField("pipeline_id", .reference("pipelines")), WriteField("stage_id", .reference("stages")),
            WriteField("value", .double), WriteField("currency", .string(max: 3)), WriteField("is_archived", .bool),
            WriteField("archive_time", .timestamp), WriteField("status", .choice(statuses)),
            WriteField("probability", .double), WriteField("lost_reason", .shortText), WriteField("visible_to", .visibleTo),
            WriteField("close_time", .timestamp), WriteField("won_time", .timestamp), WriteField("lost_time", .timestamp),
            WriteField("expected_close_date", .date), WriteField("label_ids", .intArray),
        ],
        required: [("title", "Deal title must be given.")],
        v1CreateStatus: 201, v2CreateStatus: 200, timestampKeys: timestamps,
        source: { query, store, _ in listed(query, store, archived: false) },
        defaults: { id, now, userID, store in
            [
                "id": .int(id), "title": "", "creator_user_id": .int(userID), "owner_id": .int(userID), "value": 0,
                "currency": "EUR", "status": "open", "visible_to": 3, "add_time": .string(now), "label_ids": [],
                "origin": "API", "is_archived": false, "custom_fields": [:],
            ]
        },
        finish: finish,
        renderV1: renderV1, renderV2: renderV2,
        v1Filter: { query, userID, _ throws(APIError) in
            let status = query["status"] ?? "all_not_deleted"
            let allowed = statuses + ["deleted", "all_not_deleted"]
            guard allowed.contains(status) else { throw .badRequest("Parameter 'status' must be one of: \(allowed.joined(separator: ", ")).") }
            var owner = try V1Query.int(query, "user_id")
            if query["owned_by_you"] == "1" { owner = owner ?? userID }
            var filters: [(@Sendable (JSON) -> Bool)?] = [
                equals("owner_id", owner), equals("stage_id", try V1Query.int(query, "stage_id")),
                equals("pipeline_id", try V1Query.int(query, "pipeline_id")),
            ]
            if status == "deleted" {
                filters.append { row in row["is_deleted"] == true }
            } else if status != "all_not_deleted" {
                filters.append { row in row["status"]?.stringValue == status && row["is_deleted"] != true }
            }
            return allOf(filters)
        },
        v2Filter: { query, _ throws(APIError) in
            var filters = try v2CommonFilters(query)
            for key in ["person_id", "org_id", "pipeline_id", "stage_id"] { filters.append(equals(key, try V2Query.int(query, key))) }
            if let text = query["status"] {
                let wanted = text.split(separator: ",").map(String.init)
                for status in wanted where !(statuses + ["deleted"]).contains(status) {
                    throw .validation("status", "Must be one of: open, won, lost, deleted")
                }
                filters.append { row in
                    row["is_deleted"] == true ? wanted.contains("deleted") : wanted.contains(row["status"]?.stringValue ?? "")
                }
            }
            return allOf(filters)
        })

    /// The deals a list starts from. Archived deals are left out of every list since 2025-07-15 and have
    /// their own (`GET /api/v2/deals/archived`); `status=deleted` adds the deleted ones.
    static func listed(_ query: [String: String], _ store: Store, archived: Bool) -> ListSource {
        let wantsDeleted = (query["status"] ?? "").split(separator: ",").contains("deleted")
        let tables = wantsDeleted ? [store["deals"], store.deleted["deals"] ?? Table()] : [store["deals"]]
        return ListSource(tables, keep: { ($0["is_archived"] == true) == archived })
    }

    static func finish(_ row: inout [String: JSON], _ before: [String: JSON]?, _ sent: [String: JSON], _ store: Store, _ now: String)
        throws(FieldError)
    {
        // A stage belongs to one pipeline: derive the one from the other, or refuse a mismatch.
        let stageSent = sent["stage_id"] != nil
        let pipelineSent = sent["pipeline_id"] != nil
        if stageSent, let stageID = row["stage_id"]?.intValue, let stage = store["stages"][stageID] {
            if pipelineSent, let pipeline = row["pipeline_id"], pipeline != .null, pipeline != stage["pipeline_id"] {
                throw FieldError(field: "stage_id", reason: "stage \(stageID) is not in pipeline \(pipeline)")
            }
            row["pipeline_id"] = stage["pipeline_id"]
        } else if pipelineSent || row["stage_id"] == nil || row["stage_id"] == .null {
            let pipelineID = row["pipeline_id"]?.intValue ?? store["pipelines"].ids.first
            let first = store["stages"].all.filter { $0["pipeline_id"]?.intValue == pipelineID }
                .min { ($0["order_nr"]?.intValue ?? 0) < ($1["order_nr"]?.intValue ?? 0) }
            guard let first else { throw FieldError(field: "pipeline_id", reason: "the pipeline has no stages") }
            row["stage_id"] = first["id"]
            row["pipeline_id"] = first["pipeline_id"]
        }
        if row["stage_id"] != before?["stage_id"] { row["stage_change_time"] = .string(now) }
        if let probability = row["probability"]?.doubleValue, !(0...100).contains(probability) {
            throw FieldError(field: "probability", reason: "must be between 0 and 100")
        }
        if let currency = row["currency"]?.stringValue, currency.count != 3 {
            throw FieldError(field: "currency", reason: "must be a 3-letter currency code")
        }
        if (row["title"]?.stringValue ?? "").isEmpty { throw FieldError(field: "title", reason: "must not be empty") }
        if row["value"] == .null { row["value"] = 0 }
        // Closing stamps follow the status.
        let status = row["status"]?.stringValue ?? "open"
        if status != before?["status"]?.stringValue {
            switch status {
            case "won":
                if row["won_time"] == nil || row["won_time"] == before?["won_time"] { row["won_time"] = .string(now) }
                row["close_time"] = row["won_time"]
                row["lost_time"] = nil
            case "lost":
                if row["lost_time"] == nil || row["lost_time"] == before?["lost_time"] { row["lost_time"] = .string(now) }
                row["close_time"] = row["lost_time"]
                row["won_time"] = nil
            default:
                row["close_time"] = nil
                row["won_time"] = nil
                row["lost_time"] = nil
            }
        }
        if row["is_archived"] == true, before?["is_archived"] != true, row["archive_time"] == nil { row["archive_time"] = .string(now) }
    }

    static func renderV1(_ row: JSON, _ context: inout RenderContext) -> JSON {
        let store = context.store
        var out: [String: JSON] = [:]
        out.reserveCapacity(64 + context.customFields.count * 4)
        for key in [
            "id", "title", "value", "currency", "add_time", "update_time", "stage_change_time", "status", "probability",
            "lost_reason", "close_time", "pipeline_id", "stage_id", "won_time", "lost_time", "expected_close_date", "origin",
            "origin_id", "channel", "channel_id", "is_archived", "archive_time",
        ] { out[key] = row[key] ?? .null }
        out["creator_user_id"] = V1Summary.userField(row["creator_user_id"], &context, booleanPicture: true)
        out["user_id"] = V1Summary.userField(row["owner_id"], &context, booleanPicture: true)
        out["person_id"] = V1Summary.personField(row["person_id"], &context)
        out["org_id"] = V1Summary.organizationField(row["org_id"], &context)
        let deleted = row["is_deleted"] == true
        out["active"] = .bool(!deleted && row["status"] == "open")
        out["deleted"] = .bool(deleted)
        out["visible_to"] = V1Summary.visibleTo(row["visible_to"])
        out["first_won_time"] = row["won_time"] ?? .null
        let labels = row["label_ids"]?.arrayValue?.compactMap(\.intValue) ?? []
        out["label"] = labels.isEmpty ? .null : .string(labels.map(String.init).joined(separator: ","))
        let stage = row["stage_id"]?.intValue.flatMap { store["stages"][$0] }
        if let stageID = row["stage_id"]?.intValue { context.related.stages.insert(stageID) }
        if let pipelineID = row["pipeline_id"]?.intValue { context.related.pipelines.insert(pipelineID) }
        out["stage_order_nr"] = stage?["order_nr"] ?? .null
        out["person_name"] = row["person_id"]?.intValue.flatMap { store["persons"][$0]?["name"] } ?? .null
        out["org_name"] = row["org_id"]?.intValue.flatMap { store["organizations"][$0]?["name"] } ?? .null
        out["owner_name"] = V1Summary.userName(row["owner_id"]?.intValue, store)
        let value = row["value"]?.doubleValue ?? 0
        let currency = row["currency"]?.stringValue ?? "EUR"
        let probability = row["probability"]?.doubleValue ?? stage?["deal_probability"]?.doubleValue ?? 100
        let weighted = value * probability / 100
        out["formatted_value"] = .string(Money.format(row["value"] ?? 0, currency))
        out["weighted_value"] = FieldInput.number((weighted * 100).rounded() / 100)
        out["formatted_weighted_value"] = .string(Money.format(weighted, currency))
        out["weighted_value_currency"] = .string(currency)
        out["cc_email"] = .string("sandbox+deal\(row["id"]?.intValue ?? 0)@pipedrivemail.com")
        out["org_hidden"] = false
        out["person_hidden"] = false
        context.addCounters("deal_id", row["id"], into: &out)
        spec.v1CustomFields(row, context, into: &out)
        return .object(out)
    }

    static func renderV2(_ row: JSON, _ context: RenderContext) -> JSON {
        var out = spec.v2Base(
            row, context,
            keys: [
                "id", "title", "creator_user_id", "owner_id", "value", "person_id", "org_id", "stage_id", "pipeline_id",
                "currency", "archive_time", "add_time", "update_time", "stage_change_time", "status", "is_archived",
                "probability", "lost_reason", "visible_to", "close_time", "won_time", "lost_time", "expected_close_date",
                "label_ids", "origin", "origin_id", "channel", "channel_id",
            ])
        out["is_deleted"] = row["is_deleted"] ?? false
        out["label_ids"] = row["label_ids"] ?? []
        for (local, stamp) in [("local_won_date", "won_time"), ("local_lost_date", "lost_time"), ("local_close_date", "close_time")] {
            out[local] = (row[stamp]?.stringValue).map { JSON.string(String($0.prefix(10))) } ?? .null
        }
        out["source_lead_id"] = row["source_lead_id"] ?? .null
        // Recurring revenue from the deal's subscription products (real v2 answers carry these, null without).
        for key in ["acv", "arr", "mrr"] { out[key] = row[key] ?? .null }
        return .object(out)
    }

    static func register(in router: inout Router) {
        EntityRoutes.register(spec, path: "/deals", in: &router, bulkDelete: true)
        Merge.register(spec, path: "/deals", in: &router)
        router.add("GET", .v2, "/deals/archived") { context, store throws(APIError) in
            let saved = try SavedFilter.predicate(context.query, table: "deals", version: .v2, store: store)
            let rows = listed(context.query, store, archived: true).filtered(by: allOf([try spec.v2Filter(context.query, store), saved]))
            return try EntityRoutes.respondList(spec, rows, context, store)
        }
        EntityRoutes.registerLinked(spec, path: "/deals", child: "activities", in: &router) { deal, context, store throws(APIError) in
            try Activities.listLinked(to: "deal_id", deal["id"]!, context, store)
        }
        EntityRoutes.registerLinked(spec, path: "/deals", child: "products", in: &router) { deal, context, store throws(APIError) in
            try DealProducts.list(deal: deal, context, store)
        }
        router.add("GET", .v2, "/deals/{id}/products") { context, store throws(APIError) in
            try DealProducts.listV2(deal: try EntityRoutes.existing(spec, context, store), context, store)
        }
    }

    /// v1 `/persons/{id}/deals`, `/organizations/{id}/deals`: the linked deals, filtered by `status`.
    static func listLinked(to key: String, _ id: JSON, _ context: RouteContext, _ store: Store) throws(APIError) -> SandboxResponse {
        let filter = try spec.v1Filter(context.query, context.userID, store)
        let rows = spec.source(context.query, store, .v1).filter { $0[key] == id && (filter?($0) ?? true) }
        return try EntityRoutes.respondList(spec, rows, context, store)
    }
}

/// Money as Pipedrive formats it for display, e.g. `€5,000` or `$1,234.50`.
enum Money {
    static let symbols = ["EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥", "INR": "₹", "BRL": "R$", "SEK": "kr "]

    static func format(_ amount: Double, _ currency: String) -> String {
        format(.double(amount), currency)
    }

    /// From the amount's exact digits, so any size formats (a `.decimal` keeps every digit).
    static func format(_ amount: JSON, _ currency: String) -> String {
        let (negative, digits, cents) = JSONNumber(amount)?.rounded(places: 2) ?? (false, "0", "00")
        var whole = Substring(digits)
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole = whole.dropLast(3)
        }
        grouped = whole + grouped
        let fraction = cents == "00" ? "" : "." + cents
        let symbol = symbols[currency] ?? "\(currency) "
        return (negative ? "-" : "") + symbol + grouped + fraction
    }
}
