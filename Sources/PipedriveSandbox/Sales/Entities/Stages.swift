// Stored row (table `stages`):
//   id: Int, name: String, pipeline_id: Int, order_nr: Int, deal_probability: Int (0-100),
//   is_deal_rot_enabled: Bool, days_to_rotten: Int?, add_time, update_time: "YYYY-MM-DD HH:MM:SS" (UTC)
import JSONValue

enum Stages {
    static let spec: EntitySpec = EntitySpec(
        table: "stages", noun: "Stage", fieldsTable: nil,
        v1Writes: [
            WriteField("name", .shortText), WriteField("pipeline_id", .reference("pipelines")),
            WriteField("deal_probability", .int), WriteField("rotten_flag", .bool, key: "is_deal_rot_enabled"),
            WriteField("rotten_days", .int, key: "days_to_rotten"), WriteField("order_nr", .int),
        ],
        v2Writes: [
            WriteField("name", .shortText), WriteField("pipeline_id", .reference("pipelines")),
            WriteField("deal_probability", .int), WriteField("is_deal_rot_enabled", .bool),
            WriteField("days_to_rotten", .int),
        ],
        required: [("name", "Stage name must be given."), ("pipeline_id", "Stage pipeline_id must be given.")],
        v1CreateStatus: 200, v2CreateStatus: 200, v2SortKeys: ["order_nr"],
        defaults: { id, now, _, _ in
            ["id": .int(id), "name": "", "deal_probability": 100, "is_deal_rot_enabled": false, "add_time": .string(now)]
        },
        finish: { row, before, _, store, _ throws(FieldError) in
            if let probability = row["deal_probability"]?.intValue, !(0...100).contains(probability) {
                throw FieldError(field: "deal_probability", reason: "must be between 0 and 100")
            }
            if row["order_nr"] == nil || row["pipeline_id"] != before?["pipeline_id"] {
                let pipeline = row["pipeline_id"]?.intValue
                let siblings = store["stages"].all.filter { $0["pipeline_id"]?.intValue == pipeline }
                row["order_nr"] = .int((siblings.compactMap { $0["order_nr"]?.intValue }.max() ?? 0) + 1)
            }
        },
        renderV1: { row, context in v1Object(row, context.store) },
        renderV2: { row, context in
            var out = spec.v2Base(
                row, context,
                keys: ["id", "order_nr", "name", "deal_probability", "pipeline_id", "is_deal_rot_enabled", "days_to_rotten",
                       "add_time", "update_time"])
            out["is_deleted"] = row["is_deleted"] ?? false
            return .object(out)
        },
        v1Filter: { query, _, _ throws(APIError) in equals("pipeline_id", try V1Query.int(query, "pipeline_id")) },
        v2Filter: { query, _ throws(APIError) in equals("pipeline_id", try V2Query.int(query, "pipeline_id")) })

    static func v1Object(_ row: JSON, _ store: Store) -> JSON {
        let pipeline = row["pipeline_id"]?.intValue.flatMap { store["pipelines"][$0] }
        return [
            "id": row["id"] ?? .null, "order_nr": row["order_nr"] ?? 0, "name": row["name"] ?? "", "active_flag": true,
            "deal_probability": row["deal_probability"] ?? 100, "pipeline_id": row["pipeline_id"] ?? .null,
            "rotten_flag": row["is_deal_rot_enabled"] ?? false, "rotten_days": row["days_to_rotten"] ?? .null,
            "add_time": row["add_time"] ?? .null, "update_time": row["update_time"] ?? .null,
            "pipeline_name": pipeline?["name"] ?? .null,
            "pipeline_deal_probability": pipeline?["is_deal_probability_enabled"] ?? true,
        ]
    }

    static func register(in router: inout Router) {
        EntityRoutes.register(spec, path: "/stages", in: &router, bulkDelete: true)
        EntityRoutes.registerLinked(spec, path: "/stages", child: "deals", in: &router) { stage, context, store throws(APIError) in
            let saved = try SavedFilter.predicate(context.query, table: "deals", version: .v1, store: store)
            let rows = Deals.listed([:], store, archived: false).filter { $0["stage_id"] == stage["id"] && (saved?($0) ?? true) }
            return try EntityRoutes.respondList(Deals.spec, rows, context, store)
        }
    }
}
