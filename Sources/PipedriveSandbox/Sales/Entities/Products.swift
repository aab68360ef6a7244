// Stored row (table `products`), in v2 naming with v1 timestamps:
//   id: Int, name: String, code: String?, description: String?, unit: String?, tax: Number,
//   category: String?, is_linkable: Bool, active_flag: Bool, visible_to: Int, owner_id: Int,
//   billing_frequency: "one-time"|"annually"|"semi-annually"|"quarterly"|"monthly"|"weekly",
//   billing_frequency_cycles: Int?, prices: [{price, currency, cost, direct_cost, notes}],
//   add_time, update_time: "YYYY-MM-DD HH:MM:SS", custom_fields: {<40-hex key>: v2 value}.
import JSONValue

enum Products {
    static let frequencies = ["one-time", "annually", "semi-annually", "quarterly", "monthly", "weekly"]

    static let spec: EntitySpec = EntitySpec(
        table: "products", noun: "Product", fieldsTable: "productFields",
        v1Writes: [
            WriteField("name", .shortText), WriteField("code", .shortText), WriteField("description", .text),
            WriteField("unit", .shortText), WriteField("tax", .double), WriteField("category", .shortText),
            WriteField("active_flag", .bool), WriteField("selectable", .bool, key: "is_linkable"),
            WriteField("visible_to", .visibleTo), WriteField("owner_id", .reference("users")), WriteField("prices", .prices),
            WriteField("billing_frequency", .choice(frequencies)), WriteField("billing_frequency_cycles", .int),
        ],
        v2Writes: [
            WriteField("name", .shortText), WriteField("code", .shortText), WriteField("description", .text),
            WriteField("unit", .shortText), WriteField("tax", .double), WriteField("category", .int),
            WriteField("owner_id", .reference("users")), WriteField("is_linkable", .bool), WriteField("visible_to", .visibleTo),
            WriteField("prices", .prices), WriteField("billing_frequency", .choice(frequencies)),
            WriteField("billing_frequency_cycles", .int),
        ],
        required: [("name", "Product name must be given.")],
        v1CreateStatus: 201, v2CreateStatus: 201, v2SortKeys: ["name"],
        defaults: { id, now, userID, _ in
            [
                "id": .int(id), "name": "", "tax": 0, "is_linkable": true, "active_flag": true, "visible_to": 3,
                "owner_id": .int(userID), "billing_frequency": "one-time", "prices": [], "add_time": .string(now),
                "custom_fields": [:],
            ]
        },
        finish: { row, _, _, _, _ throws(FieldError) in
            // v2 takes the category's option id as a number (the 2026-08-18 spec); it is answered as a string.
            if case .int(let category)? = row["category"] { row["category"] = .string(String(category)) }
            guard let name = row["name"]?.stringValue, !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw FieldError(field: "name", reason: "must not be empty")
            }
            if let cycles = row["billing_frequency_cycles"]?.intValue, cycles < 1 || cycles > 208 {
                throw FieldError(field: "billing_frequency_cycles", reason: "must be between 1 and 208")
            }
            if row["billing_frequency"] == "one-time", let cycles = row["billing_frequency_cycles"], cycles != .null {
                throw FieldError(field: "billing_frequency_cycles", reason: "must be null for one-time products")
            }
        },
        renderV1: renderV1, renderV2: renderV2,
        v1Filter: { query, _, _ throws(APIError) in try v1OwnerAndFirstChar(query) },
        v2Filter: { query, _ throws(APIError) in allOf(try v2CommonFilters(query)) })

    static func prices(_ row: JSON, v1: Bool) -> JSON {
        let productID = row["id"] ?? .null
        let prices = row["prices"]?.arrayValue ?? []
        return .array(prices.enumerated().map { index, price in
            var out: [String: JSON] = [
                "product_id": productID, "price": price["price"] ?? 0, "currency": price["currency"] ?? "EUR",
                "cost": price["cost"] ?? 0, "notes": price["notes"] ?? .null,
            ]
            if v1 {
                out["id"] = .int((productID.intValue ?? 0) * 10 + index)
                out["overhead_cost"] = price["overhead_cost"] ?? price["direct_cost"] ?? 0
            } else {
                out["direct_cost"] = price["direct_cost"] ?? price["overhead_cost"] ?? 0
            }
            return .object(out)
        })
    }

    static func renderV1(_ row: JSON, _ context: inout RenderContext) -> JSON {
        var out: [String: JSON] = [:]
        out.reserveCapacity(64 + context.customFields.count * 4)
        for key in [
            "id", "name", "code", "description", "unit", "tax", "category", "add_time", "update_time", "billing_frequency",
            "billing_frequency_cycles",
        ] { out[key] = row[key] ?? .null }
        out["active_flag"] = row["active_flag"] ?? true
        out["selectable"] = row["is_linkable"] ?? true
        out["first_char"] = .string(row["name"]?.stringValue?.prefix(1).lowercased() ?? "")
        out["visible_to"] = V1Summary.visibleTo(row["visible_to"])
        out["owner_id"] = V1Summary.userField(row["owner_id"], &context, booleanPicture: true)
        out["files_count"] = .null
        out["prices"] = prices(row, v1: true)
        spec.v1CustomFields(row, context, into: &out)
        return .object(out)
    }

    static func renderV2(_ row: JSON, _ context: RenderContext) -> JSON {
        var out = spec.v2Base(
            row, context,
            keys: [
                "id", "name", "code", "description", "unit", "tax", "category", "is_linkable", "visible_to", "owner_id",
                "add_time", "update_time", "billing_frequency", "billing_frequency_cycles",
            ])
        out["is_deleted"] = row["is_deleted"] ?? false
        out["prices"] = prices(row, v1: false)
        return .object(out)
    }

    static func register(in router: inout Router) {
        EntityRoutes.register(spec, path: "/products", in: &router)
        EntityRoutes.registerLinked(spec, path: "/products", child: "deals", in: &router) { product, context, store throws(APIError) in
            let dealIDs = Set(store["dealProducts"].all.filter { $0["product_id"] == product["id"] }.compactMap { $0["deal_id"]?.intValue })
            let filter = try Deals.spec.v1Filter(context.query, context.userID, store)
            let rows = Deals.spec.source(context.query, store, .v1).filter {
                dealIDs.contains($0["id"]?.intValue ?? -1) && (filter?($0) ?? true)
            }
            return try EntityRoutes.respondList(Deals.spec, rows, context, store)
        }
    }
}
