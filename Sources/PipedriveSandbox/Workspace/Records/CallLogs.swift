import JSONValue

/// `/callLogs`: call logs have string ids (e.g. `CA8d…`), so the table is keyed by an internal number
/// and looked up by the `id` string.
enum CallLogs {
    static let outcomes = ["connected", "no_answer", "left_message", "left_voicemail", "wrong_number", "busy"]
    static let createSchema = BodySchema([
        "user_id": .optional(.int), "activity_id": .optional(.int), "subject": .optional(.string), "duration": .optional(.string),
        "outcome": .required(.oneOf(outcomes)), "from_phone_number": .optional(.string), "to_phone_number": .required(.string),
        "start_time": .required(.string), "end_time": .required(.string), "person_id": .optional(.int), "org_id": .optional(.int),
        "deal_id": .optional(.int), "lead_id": .optional(.string), "note": .optional(.string),
    ])
    static let notFound = "A resource required for this operation was not found."
    static let links = [("activity_id", "activities"), ("person_id", "persons"), ("org_id", "organizations"), ("deal_id", "deals")]

    /// `CA` and 28 hex digits derived from the internal key, unique and stable.
    static func callID(_ key: Int) -> String {
        var random = SeededRandom(seed: UInt64(key), stream: "callLog")
        return "CA" + String(random.hexKey().prefix(22)) + String(format6(key))
    }

    private static func format6(_ key: Int) -> String {
        let hex = String(key, radix: 16)
        return String(repeating: "0", count: max(0, 6 - hex.count)) + hex
    }

    static func row(key: Int, values: [String: JSON], userID: Int) -> JSON {
        var row: JSON = ["id": .string(callID(key)), "user_id": .int(userID), "has_recording": false, "company_id": .int(Company.id)]
        // Absent optional fields are left out: the spec declares none of them nullable.
        for (name, value) in values where value != .null { row[name] = value }
        row["user_id"] = values["user_id"] ?? .int(userID)
        row["duration"] = values["duration"] ?? "0"
        return row
    }

    static let spec: WorkspaceSpec = {
        var spec = WorkspaceSpec(table: "callLogs", noun: "Call log") { _ in
            APIError(status: 404, message: notFound, errorInfo: "Please check developers.pipedrive.com for more information about Pipedrive API.")
        }
        spec.stringIDs = true
        spec.list = .custom { context, store throws(APIError) in
            try V1List.page(store["callLogs"].all.filter { $0["user_id"]?.intValue == context.userID }, context, maxLimit: 50)
        }
        spec.create = .init(schema: createSchema) { key, values, context, _, store throws(APIError) in
            for name in ["start_time", "end_time"] {
                guard Timestamp.parseV2(values[name]!.stringValue!) != nil || Timestamp.parseV1(values[name]!.stringValue!) != nil else {
                    throw .badRequest("\"\(name)\" must be a date-time, e.g. 2024-01-31T10:00:00.000Z.")
                }
            }
            for (name, entity) in links {
                if let id = values[name]?.intValue, store[entity][id] == nil { throw .badRequest("\"\(name)\" \(id) does not exist.") }
            }
            if let user = values["user_id"]?.intValue, store["users"][user] == nil { throw .badRequest("\"user_id\" \(user) does not exist.") }
            return row(key: key, values: values, userID: context.userID)
        }
        spec.delete = .init(answer: { _ in .json(["success": true]) })
        return spec
    }()
}
