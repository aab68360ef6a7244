// Stored row (table `organizations`), in v2 naming with v1 timestamps:
//   id: Int, name: String, owner_id: Int, address: {value, route, street_number, subpremise, sublocality,
//   locality, admin_area_level_1, admin_area_level_2, country, postal_code, formatted_address}?,
//   visible_to: Int, label_ids: [Int], website, linkedin: String?, industry, annual_revenue,
//   employee_count: Int?, add_time, update_time: "YYYY-MM-DD HH:MM:SS",
//   custom_fields: {<40-hex key>: v2 value}.
import JSONValue

enum Organizations {
    static let spec: EntitySpec = EntitySpec(
        table: "organizations", noun: "Organization", fieldsTable: "organizationFields",
        v1Writes: [
            WriteField("name", .shortText), WriteField("add_time", .timestamp), WriteField("owner_id", .reference("users")),
            WriteField("label", .intArray, key: "label_ids"), WriteField("label_ids", .intArray),
            WriteField("visible_to", .visibleTo), WriteField("address", .address),
        ],
        v2Writes: [
            WriteField("name", .shortText), WriteField("owner_id", .reference("users")), WriteField("add_time", .timestamp),
            WriteField("visible_to", .visibleTo), WriteField("label_ids", .intArray), WriteField("address", .address),
            WriteField("website", .shortText), WriteField("linkedin", .shortText), WriteField("industry", .int),
            WriteField("annual_revenue", .int), WriteField("employee_count", .int),
        ],
        required: [("name", "Organization name must be given.")],
        v1CreateStatus: 201, v2CreateStatus: 200,
        defaults: { id, now, userID, _ in
            [
                "id": .int(id), "name": "", "owner_id": .int(userID), "visible_to": 3, "label_ids": [],
                "add_time": .string(now), "custom_fields": [:],
            ]
        },
        finish: { row, _, _, _, _ throws(FieldError) in
            guard let name = row["name"]?.stringValue, !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw FieldError(field: "name", reason: "must not be empty")
            }
        },
        renderV1: renderV1, renderV2: renderV2,
        v1Filter: { query, _, _ throws(APIError) in try v1OwnerAndFirstChar(query) },
        v2Filter: { query, _ throws(APIError) in allOf(try v2CommonFilters(query)) })

    static func renderV1(_ row: JSON, _ context: inout RenderContext) -> JSON {
        var out: [String: JSON] = [:]
        out.reserveCapacity(64 + context.customFields.count * 4)
        for key in ["id", "name", "add_time", "update_time", "label_ids"] { out[key] = row[key] ?? .null }
        out["company_id"] = 1
        out["owner_id"] = V1Summary.userField(row["owner_id"], &context)
        out["active_flag"] = .bool(row["is_deleted"] != true)
        out["first_char"] = .string(row["name"]?.stringValue?.prefix(1).lowercased() ?? "")
        out["visible_to"] = V1Summary.visibleTo(row["visible_to"])
        out["label"] = row["label_ids"]?[0] ?? .null
        out["picture_id"] = .null
        out["country_code"] = .null
        Address.flatten(row["address"], prefix: "address", into: &out)
        out["owner_name"] = V1Summary.userName(row["owner_id"]?.intValue, context.store)
        out["cc_email"] = .string("sandbox+org\(row["id"]?.intValue ?? 0)@pipedrivemail.com")
        context.addCounters("org_id", row["id"], into: &out)
        spec.v1CustomFields(row, context, into: &out)
        return .object(out)
    }

    static func renderV2(_ row: JSON, _ context: RenderContext) -> JSON {
        var out = spec.v2Base(
            row, context,
            keys: ["id", "name", "owner_id", "add_time", "update_time", "address", "visible_to", "label_ids"])
        out["is_deleted"] = row["is_deleted"] ?? false
        for key in ["website", "linkedin", "industry", "annual_revenue", "employee_count"] where row[key] != nil {
            out[key] = row[key]
        }
        return .object(out)
    }

    static func register(in router: inout Router) {
        EntityRoutes.register(spec, path: "/organizations", in: &router, bulkDelete: true)
        Merge.register(spec, path: "/organizations", in: &router)
        EntityRoutes.registerLinked(spec, path: "/organizations", child: "activities", in: &router) { org, context, store throws(APIError) in
            try Activities.listLinked(to: "org_id", org["id"]!, context, store)
        }
        EntityRoutes.registerLinked(spec, path: "/organizations", child: "deals", in: &router) { org, context, store throws(APIError) in
            try Deals.listLinked(to: "org_id", org["id"]!, context, store)
        }
        EntityRoutes.registerLinked(spec, path: "/organizations", child: "persons", in: &router) { org, context, store throws(APIError) in
            try EntityRoutes.respondList(Persons.spec, store["persons"].all.filter { $0["org_id"] == org["id"] }, context, store)
        }
    }
}
