// Stored row (table `persons`), in v2 naming with v1 timestamps:
//   id: Int, name: String, first_name: String?, last_name: String?, owner_id: Int, org_id: Int?,
//   emails, phones: [{value: String, primary: Bool, label: String}], im: [same]?, visible_to: Int,
//   label_ids: [Int], marketing_status: String?, birthday: "YYYY-MM-DD"?, job_title: String?,
//   postal_address: {value, route, ...}?, notes: String?, add_time, update_time: "YYYY-MM-DD HH:MM:SS",
//   custom_fields: {<40-hex key>: v2 value}.
import JSONValue

enum Persons {
    static let marketingStatuses = ["no_consent", "unsubscribed", "subscribed", "archived"]

    static let spec: EntitySpec = EntitySpec(
        table: "persons", noun: "Person", fieldsTable: "personFields",
        v1Writes: [
            WriteField("name", .shortText), WriteField("owner_id", .reference("users")),
            WriteField("org_id", .reference("organizations")), WriteField("email", .contacts, key: "emails"),
            WriteField("phone", .contacts, key: "phones"), WriteField("label_ids", .intArray),
            WriteField("label", .intArray, key: "label_ids"), WriteField("visible_to", .visibleTo),
            WriteField("marketing_status", .choice(marketingStatuses)), WriteField("add_time", .timestamp),
        ],
        v2Writes: [
            WriteField("name", .shortText), WriteField("owner_id", .reference("users")),
            WriteField("org_id", .reference("organizations")), WriteField("add_time", .timestamp),
            WriteField("emails", .contacts), WriteField("phones", .contacts), WriteField("visible_to", .visibleTo),
            WriteField("label_ids", .intArray), WriteField("postal_address", .address), WriteField("notes", .text),
            WriteField("im", .contacts), WriteField("birthday", .date), WriteField("job_title", .shortText),
            WriteField("marketing_status", .choice(marketingStatuses)),
        ],
        required: [("name", "Person name must be given.")],
        v1CreateStatus: 201, v2CreateStatus: 200,
        defaults: { id, now, userID, _ in
            [
                "id": .int(id), "name": "", "owner_id": .int(userID), "emails": [], "phones": [], "visible_to": 3,
                "label_ids": [], "add_time": .string(now), "custom_fields": [:],
            ]
        },
        finish: { row, before, _, _, _ throws(FieldError) in
            guard let name = row["name"]?.stringValue, !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw FieldError(field: "name", reason: "must not be empty")
            }
            if row["name"] != before?["name"] {
                let parts = name.split(separator: " ", maxSplits: 1)
                row["first_name"] = .string(String(parts[0]))
                row["last_name"] = parts.count > 1 ? .string(String(parts[1])) : .null
            }
        },
        renderV1: renderV1, renderV2: renderV2,
        v1Filter: { query, _, _ throws(APIError) in try v1OwnerAndFirstChar(query) },
        v2Filter: { query, store throws(APIError) in
            var filters = try v2CommonFilters(query)
            filters.append(equals("org_id", try V2Query.int(query, "org_id")))
            if let dealID = try V2Query.int(query, "deal_id") {
                let personID = store["deals"][dealID]?["person_id"]
                filters.append { $0["id"] == personID }
            }
            return allOf(filters)
        })

    static func renderV1(_ row: JSON, _ context: inout RenderContext) -> JSON {
        var out: [String: JSON] = [:]
        out.reserveCapacity(64 + context.customFields.count * 4)
        for key in ["id", "name", "first_name", "last_name", "add_time", "update_time", "marketing_status", "label_ids"] {
            out[key] = row[key] ?? .null
        }
        out["company_id"] = 1
        out["owner_id"] = V1Summary.userField(row["owner_id"], &context)
        out["org_id"] = V1Summary.organizationField(row["org_id"], &context)
        out["active_flag"] = .bool(row["is_deleted"] != true)
        // A person without an email or phone carries one empty primary entry, as real v1 answers do.
        for (v1, stored) in [("email", "emails"), ("phone", "phones")] {
            let list = row[stored]?.arrayValue ?? []
            out[v1] = list.isEmpty ? [["value": "", "primary": true]] : .array(list)
        }
        out["primary_email"] = row["emails"]?.arrayValue?.first(where: { $0["primary"] == true })?["value"] ?? .null
        out["first_char"] = .string(row["name"]?.stringValue?.prefix(1).lowercased() ?? "")
        out["visible_to"] = V1Summary.visibleTo(row["visible_to"])
        out["label"] = row["label_ids"]?[0] ?? .null
        out["picture_id"] = .null
        out["org_name"] = row["org_id"]?.intValue.flatMap { context.store["organizations"][$0]?["name"] } ?? .null
        out["owner_name"] = V1Summary.userName(row["owner_id"]?.intValue, context.store)
        out["cc_email"] = .string("sandbox+person\(row["id"]?.intValue ?? 0)@pipedrivemail.com")
        context.addCounters("person_id", row["id"], into: &out)
        spec.v1CustomFields(row, context, into: &out)
        return .object(out)
    }

    /// A stored person in v1's shape, for other parts' responses (e.g. `/deals/{id}/persons`).
    static func v1Object(_ row: JSON, _ store: Store) -> JSON {
        var context = spec.renderContext(store)
        return renderV1(row, &context)
    }

    static func renderV2(_ row: JSON, _ context: RenderContext) -> JSON {
        var out = spec.v2Base(
            row, context,
            keys: [
                "id", "name", "first_name", "last_name", "owner_id", "org_id", "add_time", "update_time", "emails", "phones",
                "visible_to", "label_ids",
            ])
        out["is_deleted"] = row["is_deleted"] ?? false
        out["picture_id"] = .null
        for key in ["notes", "im", "birthday", "job_title", "postal_address", "marketing_status"] where row[key] != nil {
            out[key] = row[key]
        }
        return .object(out)
    }

    static func register(in router: inout Router) {
        EntityRoutes.register(spec, path: "/persons", in: &router, bulkDelete: true)
        Merge.register(spec, path: "/persons", in: &router)
        EntityRoutes.registerLinked(spec, path: "/persons", child: "activities", in: &router) { person, context, store throws(APIError) in
            try Activities.listLinked(to: "person_id", person["id"]!, context, store)
        }
        EntityRoutes.registerLinked(spec, path: "/persons", child: "deals", in: &router) { person, context, store throws(APIError) in
            try Deals.listLinked(to: "person_id", person["id"]!, context, store)
        }
        EntityRoutes.registerLinked(spec, path: "/persons", child: "products", in: &router) { person, context, store throws(APIError) in
            try DealProducts.listForPerson(person, context, store)
        }
    }
}
