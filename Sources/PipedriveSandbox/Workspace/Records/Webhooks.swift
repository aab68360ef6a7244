import Foundation
import JSONValue

/// `/webhooks`. Their responses carry `status`, and their errors have their own shape
/// (`{"status":"error","success":false,"errors":{field:[reason]}}`), as the spec shows.
enum Webhooks {
    static let actions = ["create", "change", "delete", "*"]
    static let objects = ["activity", "deal", "lead", "note", "organization", "person", "pipeline", "product", "stage", "user", "*"]
    static let createSchema = BodySchema([
        "subscription_url": .required(.string), "event_action": .required(.oneOf(actions)),
        "event_object": .required(.oneOf(objects)), "name": .required(.string), "user_id": .optional(.int),
        "http_auth_user": .optional(.string, nullable: true), "http_auth_password": .optional(.string, nullable: true),
        "version": .optional(.oneOf(["1.0", "2.0"])),
    ])

    static func fieldError(_ field: String, _ reason: String, status: Int = 400) -> SandboxResponse {
        .json(["status": "error", "success": false, "errors": [field: [.string(reason)]]], status: status)
    }

    static func row(id: Int, values: [String: JSON], userID: Int, added: Int) -> JSON {
        [
            "id": .int(id), "company_id": .int(Company.id), "owner_id": .int(userID), "user_id": values["user_id"] ?? .int(userID),
            "event_action": values["event_action"]!, "event_object": values["event_object"]!,
            "subscription_url": values["subscription_url"]!, "version": values["version"] ?? "2.0", "is_active": 1,
            "add_time": .string(Timestamp.iso(added)), "remove_time": nil, "type": "general",
            "http_auth_user": values["http_auth_user"] ?? nil, "http_auth_password": values["http_auth_password"] ?? nil,
            "remove_reason": nil, "last_delivery_time": nil, "last_http_status": nil, "admin_id": .int(userID),
            "name": values["name"]!,
        ]
    }

    static let spec: WorkspaceSpec = {
        var spec = WorkspaceSpec(table: "webhooks", noun: "Webhook")
        spec.envelope = { data, status in .json(["status": "ok", "success": true, "data": data], status: status) }
        // Any unknown id is "not found" under `id`; a schema refusal names its parameter in quotes.
        spec.refusal = { error in
            if error.status == 404 { return fieldError("id", "not found", status: 404) }
            return fieldError(error.field ?? error.message.split(separator: "'").dropFirst().first.map(String.init) ?? "body", error.message)
        }
        spec.list = .all
        spec.get = .none
        spec.create = .init(schema: createSchema, status: 201) { key, values, context, now, store throws(APIError) in
            let url = URL(string: values["subscription_url"]!.stringValue!)
            guard let scheme = url?.scheme, ["http", "https"].contains(scheme), url?.host?.isEmpty == false else {
                throw APIError(status: 400, message: "invalid or non-reachable URL", field: "subscription_url")
            }
            if let user = values["user_id"]?.intValue, store["users"][user] == nil { throw APIError(status: 400, message: "not found", field: "user_id") }
            return row(id: key, values: values, userID: context.userID, added: now)
        }
        spec.delete = .init(answer: { _ in .json(["status": "ok", "success": true]) })
        return spec
    }()
}
