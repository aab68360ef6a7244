// Stored row (table `pipelines`):
//   id: Int, name: String, order_nr: Int, is_deal_probability_enabled: Bool, active: Bool,
//   add_time, update_time: "YYYY-MM-DD HH:MM:SS" (UTC)
import JSONValue

enum Pipelines {
    static let spec: EntitySpec = EntitySpec(
        table: "pipelines", noun: "Pipeline", fieldsTable: nil,
        v1Writes: [
            WriteField("name", .shortText), WriteField("order_nr", .int),
            WriteField("deal_probability", .bool, key: "is_deal_probability_enabled"), WriteField("active", .bool),
        ],
        v2Writes: [WriteField("name", .shortText), WriteField("is_deal_probability_enabled", .bool)],
        required: [("name", "Pipeline name must be given.")],
        v1CreateStatus: 200, v2CreateStatus: 200,
        defaults: { id, now, _, store in
            [
                "id": .int(id), "name": "", "order_nr": .int(store["pipelines"].count + 1),
                "is_deal_probability_enabled": true, "active": true, "add_time": .string(now),
            ]
        },
        renderV1: { row, _ in v1Object(row) },
        renderV2: { row, context in
            var out = spec.v2Base(row, context, keys: ["id", "name", "order_nr", "is_deal_probability_enabled", "add_time", "update_time"])
            out["is_deleted"] = row["is_deleted"] ?? false
            return .object(out)
        })

    static func v1Object(_ row: JSON) -> JSON {
        let name = row["name"]?.stringValue ?? ""
        return [
            "id": row["id"] ?? .null, "name": .string(name), "url_title": .string(urlTitle(name)),
            "order_nr": row["order_nr"] ?? 0, "active": row["active"] ?? true,
            "deal_probability": row["is_deal_probability_enabled"] ?? true, "add_time": row["add_time"] ?? .null,
            "update_time": row["update_time"] ?? .null, "selected": .bool(row["order_nr"] == 1),
        ]
    }

    static func urlTitle(_ name: String) -> String {
        String(name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    static func register(in router: inout Router) {
        EntityRoutes.register(spec, path: "/pipelines", in: &router, v1: true, v2: true)
        EntityRoutes.registerLinked(spec, path: "/pipelines", child: "deals", in: &router) { pipeline, context, store throws(APIError) in
            let stage = try V1Query.int(context.query, "stage_id")
            let saved = try SavedFilter.predicate(context.query, table: "deals", version: .v1, store: store)
            let rows = Deals.listed([:], store, archived: false).filter {
                $0["pipeline_id"] == pipeline["id"] && (stage == nil || $0["stage_id"]?.intValue == stage) && (saved?($0) ?? true)
            }
            return try EntityRoutes.respondList(Deals.spec, rows, context, store, flatReferences: true)
        }
    }
}
