import JSONValue

/// `/filters`: saved filters with their condition trees. Lists leave out the conditions, as Pipedrive does.
enum Filters {
    static let types = ["deals", "leads", "org", "people", "products", "activity", "projects"]
    static let objects = ["person", "deal", "organization", "product", "activity", "lead", "project"]
    static let operators = ["IS NOT NULL", "IS NULL", "<=", ">=", "<", ">", "!=", "=", "LIKE '$%'", "LIKE '%$%'", "NOT LIKE '$%'"]
    static let createSchema = BodySchema(["name": .required(.string), "conditions": .required(.object), "type": .required(.oneOf(types))])
    static let updateSchema = BodySchema(["name": .optional(.string), "conditions": .required(.object)])

    static let spec: WorkspaceSpec = {
        var spec = WorkspaceSpec(table: "filters", noun: "Filter")
        spec.list = .custom { context, store throws(APIError) in
            var filters = store["filters"].all
            if let type = context.query["type"] {
                guard types.contains(type) else { throw .badRequest("Parameter 'type' must be one of: \(types.joined(separator: ", ")).") }
                filters = filters.filter { $0["type"]?.stringValue == type }
            }
            return Envelope.v1(.array(filters.map { var filter = $0; filter["conditions"] = nil; return filter }))
        }
        spec.create = .init(schema: createSchema) { key, values, context, now, store throws(APIError) in
            let conditions = try validated(values["conditions"]!)
            try checkFields(conditions, store)
            let time = Timestamp.v1(now)
            return [
                "id": .int(key), "name": values["name"]!, "filter_code": nil, "is_editable": true,
                "active_flag": true, "type": values["type"]!, "temporary_flag": false, "user_id": .int(context.userID),
                "add_time": .string(time), "update_time": .string(time), "visible_to": "1", "last_used_time": nil,
                "custom_view_id": nil, "conditions": conditions,
            ]
        }
        spec.update = .init(schema: updateSchema, stamp: "update_time") { filter, values, _, store throws(APIError) in
            filter["conditions"] = try validated(values["conditions"]!)
            try checkFields(filter["conditions"]!, store)
            if let name = values["name"] { filter["name"] = name }
        }
        spec.delete = .init(bulk: true)
        return spec
    }()

    /// Each condition names an existing field of its object (by id or key), and a date field's value is
    /// `YYYY-MM-DD`, as the spec asks.
    static func checkFields(_ conditions: JSON, _ store: Store) throws(APIError) {
        for group in conditions["conditions"]?.arrayValue ?? [] {
            for condition in group["conditions"]?.arrayValue ?? [] {
                let object = condition["object"]?.stringValue ?? ""
                guard let table = SavedFilter.objectTables[object].flatMap({ FieldCatalog.tables[$0] }) else { continue }
                let fieldID = condition["field_id"]?.stringValue ?? ""
                let fields = store[table].all
                guard let field = fields.first(where: { $0["id"]?.intValue == Int(fieldID) || $0["key"]?.stringValue == fieldID }) else {
                    throw .badRequest("Field '\(fieldID)' does not exist for object '\(object)'.")
                }
                let operand = condition["value"]?.stringValue ?? ""
                if field["field_type"] == "date", !operand.isEmpty, Timestamp.parseV1(operand + " 00:00:00") == nil {
                    throw .badRequest("Date values must be supplied in the YYYY-MM-DD format, got '\(operand)'.")
                }
            }
        }
    }

    /// The spec's only supported shape: one `and` group holding an `and` group and an `or` group of condition
    /// objects `{object, field_id, operator, value, extra_value}`, at most 16 in all.
    static func validated(_ conditions: JSON) throws(APIError) -> JSON {
        let shape = "Parameter 'conditions' must be {\"glue\":\"and\",\"conditions\":[{\"glue\":\"and\",\"conditions\":[...]},{\"glue\":\"or\",\"conditions\":[...]}]}."
        guard conditions["glue"] == "and", let groups = conditions["conditions"]?.arrayValue, groups.count == 2,
            groups[0]["glue"] == "and", groups[1]["glue"] == "or",
            let first = groups[0]["conditions"]?.arrayValue, let second = groups[1]["conditions"]?.arrayValue
        else { throw .badRequest(shape) }
        guard first.count + second.count <= 16 else { throw .badRequest("A filter can have at most 16 conditions.") }
        var normalized: [JSON] = []
        for group in [first, second] {
            var items: [JSON] = []
            for condition in group {
                guard let object = condition["object"]?.stringValue, objects.contains(object) else {
                    throw .badRequest("Each condition needs an 'object' of: \(objects.joined(separator: ", ")).")
                }
                guard let op = condition["operator"]?.stringValue, operators.contains(op) else {
                    throw .badRequest("Each condition needs an 'operator' of: \(operators.joined(separator: ", ")).")
                }
                guard let field = condition["field_id"], field.stringValue != nil || field.intValue != nil else {
                    throw .badRequest("Each condition needs a 'field_id'.")
                }
                items.append([
                    "object": .string(object), "field_id": .string(field.stringValue ?? String(field.intValue!)), "operator": .string(op),
                    "value": condition["value"] ?? nil, "extra_value": condition["extra_value"] ?? nil, "json_value_flag": false,
                ])
            }
            normalized.append(.array(items))
        }
        return ["glue": "and", "conditions": [["glue": "and", "conditions": normalized[0]], ["glue": "or", "conditions": normalized[1]]]]
    }
}
