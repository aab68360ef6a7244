import JSONValue

/// `/dealFields`, `/personFields`, `/organizationFields`, `/productFields` (v1 CRUD with bulk delete),
/// `/activityFields`, `/noteFields` (v1 GET), and the v2 Fields API (GET list and `/{field_code}`).
enum FieldEndpoints {
    /// An activity's `type` field lists the account's active activity types as its options (`{id: "call",
    /// label: "Call"}`), as real `activityFields` answers do: they follow types added or deactivated.
    static func withActivityTypes(_ rows: [JSON], table: String, store: Store) -> [JSON] {
        guard table == "activityFields" else { return rows }
        let options = store["activityTypes"].all.filter { $0["active_flag"] != false }.map { type -> JSON in
            ["id": type["key_string"] ?? .null, "label": type["name"] ?? .null]
        }
        return rows.map { row in
            guard row["key"] == "type" else { return row }
            var row = row
            row["options"] = .array(options)
            return row
        }
    }

    static func register(in router: inout Router) {
        for table in ["dealFields", "personFields", "organizationFields", "productFields", "activityFields", "noteFields"] {
            let path = "/\(table)"
            let writable = table != "activityFields" && table != "noteFields"
            router.add("GET", .v1, path) { context, store throws(APIError) in
                let rows = SubfieldEntries.listing(withActivityTypes(store[table].all, table: table, store: store), table: table)
                let (page, pagination) = try ListPaging.offset(rows, query: context.query)
                return Envelope.v1(.array(Array(page)), additionalData: ["pagination": pagination])
            }
            if table == "dealFields" {
                // Leads have their own built-in fields and inherit every custom field of deals.
                router.add("GET", .v1, "/leadFields") { context, store throws(APIError) in
                    let (page, pagination) = try ListPaging.offset(leadFields(store), query: context.query)
                    return Envelope.v1(.array(Array(page)), additionalData: ["pagination": pagination])
                }
            }
            if table != "noteFields" {
                router.add("GET", .v2, path) { context, store throws(APIError) in
                    let include = try includeFields(context.query)
                    // A deal's currency is nested under its value, not a field of its own.
                    let rows = withActivityTypes(store[table].all, table: table, store: store)
                        .filter { table != "dealFields" || $0["key"] != "currency" }
                    let (page, next) = try ListPaging.cursor(rows, id: { $0["id"]?.intValue ?? 0 }, query: context.query)
                    let pipelines = store["pipelines"].ids
                    return Envelope.v2(.array(page.map { v2Object($0, include: include, pipelineIDs: pipelines) }),
                                       additionalData: ["next_cursor": next.map(JSON.string) ?? .null])
                }
                router.add("GET", .v2, "\(path)/{field_code}") { context, store throws(APIError) in
                    let include = try includeFields(context.query)
                    let code = context.pathParams["field_code"] ?? ""
                    guard let row = store[table].all.first(where: { $0["key"]?.stringValue == code }) else {
                        throw .notFound("Field not found")
                    }
                    return Envelope.v2(v2Object(row, include: include, pipelineIDs: store["pipelines"].ids))
                }
            }
            guard writable else { continue }
            router.add("GET", .v1, "\(path)/{id}") { context, store throws(APIError) in
                Envelope.v1(try existing(table, context, store))
            }
            router.add("POST", .v1, path) { context, store throws(APIError) in try create(table, context, &store) }
            router.add("PUT", .v1, "\(path)/{id}") { context, store throws(APIError) in try update(table, context, &store) }
            router.add("DELETE", .v1, "\(path)/{id}") { context, store throws(APIError) in
                let row = try existing(table, context, store)
                try requireCustom(row)
                _ = store.tick()
                store[table].remove(row["id"]!.intValue!)
                return Envelope.v1(["id": row["id"]!])
            }
            router.add("DELETE", .v1, path) { context, store throws(APIError) in
                guard let text = context.query["ids"], !text.isEmpty else { throw .badRequest("Parameter 'ids' is required.") }
                var ids: [Int] = []
                for part in text.split(separator: ",") {
                    guard let id = Int(part.trimmingCharacters(in: .whitespaces)) else {
                        throw .badRequest("Parameter 'ids' must be a comma-separated list of integers.")
                    }
                    guard let row = store[table][id] else { throw .notFound("Field not found") }
                    try requireCustom(row)
                    if !ids.contains(id) { ids.append(id) }
                }
                _ = store.tick()
                for id in ids { store[table].remove(id) }
                return Envelope.v1(["id": .array(ids.map(JSON.int))])
            }
        }
    }

    static func leadFields(_ store: Store) -> [JSON] {
        let time = store["dealFields"][1]?["add_time"]?.stringValue ?? Timestamp.v1(store.clock)
        var rows = FieldCatalog.builtIns("leadFields").enumerated().map { index, field in
            FieldCatalog.builtInRow(field, id: index + 1, time: time)
        }
        for row in store["dealFields"].all where row["edit_flag"] == true {
            var field = row
            field["id"] = .int(rows.count + 1)
            rows.append(field)
        }
        return rows
    }

    static func existing(_ table: String, _ context: RouteContext, _ store: Store) throws(APIError) -> JSON {
        guard let id = Int(context.pathParams["id"] ?? ""), let row = store[table][id] else {
            throw .notFound("Field not found")
        }
        return row
    }

    static func requireCustom(_ row: JSON) throws(APIError) {
        guard row["edit_flag"] == true else {
            throw .badRequest("Field '\(row["key"]?.stringValue ?? "")' is a built-in field and cannot be changed.")
        }
    }

    static func create(_ table: String, _ context: RouteContext, _ store: inout Store) throws(APIError) -> SandboxResponse {
        let body = try ReceivedBody.members(context)
        try rejectUnknown(body, allowed: ["name", "field_type", "options", "add_visible_flag"])
        guard let name = body["name"]?.stringValue, !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .badRequest("Field name must be given.")
        }
        guard let type = body["field_type"]?.stringValue, FieldCatalog.creatableTypes.contains(type) else {
            throw .badRequest("Field type must be one of: \(FieldCatalog.creatableTypes.joined(separator: ", ")).")
        }
        let labels = try optionLabels(body["options"], type: type, required: true)
        let addVisible = try flag(body["add_visible_flag"])
        // Validated: now write.
        let now = store.tick()
        let id = store.nextID(table)
        var random = SeededRandom(seed: UInt64(now), stream: "\(table)/\(id)")
        var options: [(Int, String)] = []
        for label in labels { options.append((store.nextID("fieldOptions"), label)) }
        var row = FieldCatalog.customRow(
            id: id, key: random.hexKey(), name: name, type: type, options: options, userID: context.userID,
            time: Timestamp.v1(now))
        if let addVisible { row["add_visible_flag"] = .bool(addVisible) }
        store[table].upsert(id, row)
        // Pipedrive answers 201 for a new product field and 200 for the others.
        return Envelope.v1(row, status: table == "productFields" ? 201 : 200)
    }

    static func update(_ table: String, _ context: RouteContext, _ store: inout Store) throws(APIError) -> SandboxResponse {
        var row = try existing(table, context, store)
        try requireCustom(row)
        let body = try ReceivedBody.members(context)
        try rejectUnknown(body, allowed: ["name", "options", "add_visible_flag"])
        if let name = body["name"] {
            guard let text = name.stringValue, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw .badRequest("Field name must not be empty.")
            }
        }
        let type = row["field_type"]?.stringValue ?? ""
        var options: [(id: Int?, label: String)]?
        if let sent = body["options"] {
            guard type == "enum" || type == "set" else { throw .badRequest("Only enum and set fields have options.") }
            guard let items = sent.arrayValue, !items.isEmpty else { throw .badRequest("Options must be a non-empty array.") }
            let known = Set(row["options"]?.arrayValue?.compactMap { $0["id"]?.intValue } ?? [])
            var parsed: [(id: Int?, label: String)] = []
            for item in items {
                guard let label = item["label"]?.stringValue ?? item.stringValue, !label.isEmpty else {
                    throw .badRequest("Each option needs a label.")
                }
                let id = item["id"].flatMap(FieldInput.lenientInt)
                if let id, !known.contains(id) { throw .badRequest("Option \(id) does not exist on this field.") }
                parsed.append((id, label))
            }
            options = parsed
        }
        let addVisible = try flag(body["add_visible_flag"])
        // Validated: now write.
        let now = store.tick()
        if let name = body["name"] { row["name"] = name }
        if let addVisible { row["add_visible_flag"] = .bool(addVisible) }
        if let options {
            row["options"] = .array(options.map { option in
                ["id": .int(option.id ?? store.nextID("fieldOptions")), "label": .string(option.label)]
            })
        }
        row["update_time"] = .string(Timestamp.v1(now))
        row["last_updated_by_user_id"] = .int(context.userID)
        store[table].upsert(row["id"]!.intValue!, row)
        return Envelope.v1(row)
    }

    static func rejectUnknown(_ body: [String: JSON], allowed: Set<String>) throws(APIError) {
        for key in body.keys.sorted() where !allowed.contains(key) {
            throw .badRequest("Parameter '\(key)' is not allowed for this request.")
        }
    }

    static func flag(_ value: JSON?) throws(APIError) -> Bool? {
        guard let value else { return nil }
        do { return try FieldInput.bool.coerce(value, field: "add_visible_flag", version: .v1, store: Store(clock: 0)).boolValue }
        catch { throw error.apiError(.v1) }
    }

    /// Option labels of a new field: required for enum and set, refused for other types.
    static func optionLabels(_ value: JSON?, type: String, required: Bool) throws(APIError) -> [String] {
        let hasOptions = type == "enum" || type == "set"
        guard let value, value != .null else {
            if hasOptions && required { throw .badRequest("Options must be given for \(type) fields.") }
            return []
        }
        guard hasOptions else { throw .badRequest("Only enum and set fields have options.") }
        guard let items = value.arrayValue, !items.isEmpty else { throw .badRequest("Options must be a non-empty array.") }
        var labels: [String] = []
        for item in items {
            guard let label = item["label"]?.stringValue ?? item.stringValue, !label.isEmpty else {
                throw .badRequest("Each option needs a label.")
            }
            labels.append(label)
        }
        return labels
    }

    // MARK: v2

    static func includeFields(_ query: [String: String]) throws(APIError) -> Set<String> {
        guard let text = query["include_fields"] else { return [] }
        let names = Set(text.split(separator: ",").map(String.init))
        for name in names where !["ui_visibility", "important_fields", "required_fields"].contains(name) {
            throw .validation("include_fields", "Must be one of: ui_visibility, important_fields, required_fields")
        }
        return names
    }

    /// A field in the v2 Fields API's shape.
    static func v2Object(_ row: JSON, include: Set<String>, pipelineIDs: [Int] = []) -> JSON {
        let custom = row["edit_flag"] == true
        // v1 names a deal's pipeline field `pipeline`; the v2 Fields API names it as the records do.
        let key = row["key"] == "pipeline" ? "pipeline_id" : row["key"]?.stringValue ?? ""
        let type = row["field_type"]?.stringValue ?? ""
        let name = row["name"]?.stringValue ?? ""
        var out: [String: JSON] = [
            "field_name": .string(name), "field_code": .string(key), "description": row["description"] ?? .null,
            "field_type": .string(type), "is_custom_field": .bool(custom), "is_optional_response_field": false,
        ]
        // v1's yes/no options (`true`, `false` ids) have no place in v2, whose option ids are numbers or codes.
        let options = row["options"]?.arrayValue?.filter { $0["id"]?.boolValue == nil }
        out["options"] = options.flatMap { $0.isEmpty ? nil : $0 }.map { options in
            .array(options.map { option in
                var item: [String: JSON] = ["id": option["id"] ?? .null, "label": option["label"] ?? .null]
                if custom {
                    item["color"] = option["color"] ?? .null
                    item["add_time"] = (row["add_time"]?.stringValue).map { .string(V2Time.from(v1: $0)) } ?? .null
                    item["update_time"] = (row["update_time"]?.stringValue).map { .string(V2Time.from(v1: $0)) } ?? .null
                }
                return .object(item)
            })
        } ?? .null
        out["subfields"] = subfields(type: type, key: key, name: name, custom: custom)
        if include.contains("ui_visibility") {
            out["ui_visibility"] = [
                "add_visible_flag": row["add_visible_flag"] ?? true, "details_visible_flag": row["details_visible_flag"] ?? true,
            ]
        }
        if include.contains("important_fields") {
            out["important_fields"] = ["enabled": row["important_flag"] ?? false, "stage_ids": []]
        }
        if include.contains("required_fields") {
            // A v1 condition on the status (`{"status": "=lost"}`) is v2's statuses, for every pipeline.
            let status = row["mandatory_flag"]?["status"]?.stringValue.map { String($0.drop { $0 == "=" }) }
            var statuses: [String: JSON] = [:]
            if let status { for pipeline in pipelineIDs { statuses[String(pipeline)] = [.string(status)] } }
            out["required_fields"] = ["enabled": .bool(row["mandatory_flag"] == true || status != nil), "stage_ids": [],
                                      "statuses": .object(statuses)]
        }
        return .object(out)
    }

    static func subfields(type: String, key: String, name: String, custom: Bool) -> JSON {
        func code(_ part: String) -> String { custom ? "\(key)_\(part)" : part }
        switch type {
        case "monetary":
            return [
                ["field_code": .string(custom ? key : "value"), "field_name": .string("Amount of \(name)"), "field_type": "double"],
                ["field_code": .string(code("currency")), "field_name": .string("Currency of \(name)"), "field_type": "varchar"],
            ]
        case "daterange", "timerange":
            return [
                ["field_code": .string(custom ? key : "value"), "field_name": .string("Start of \(name)"), "field_type": .string(type == "daterange" ? "date" : "time")],
                ["field_code": .string(code("until")), "field_name": .string("End of \(name)"), "field_type": .string(type == "daterange" ? "date" : "time")],
            ]
        case "address":
            return .array((["value"] + Address.subfields).map { part in
                [
                    "field_code": .string(part == "value" ? (custom ? key : "value") : code(part)),
                    "field_name": .string("\(part.replacingOccurrences(of: "_", with: " ").capitalized) of \(name)"),
                    "field_type": "varchar",
                ]
            })
        default:
            return .null
        }
    }
}
