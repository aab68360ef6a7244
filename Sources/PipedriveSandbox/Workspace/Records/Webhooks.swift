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

    static func register(in router: inout Router) {
        router.add("GET", .v1, "/webhooks") { _, store throws(APIError) in
            .json(["status": "ok", "success": true, "data": .array(store["webhooks"].all)])
        }
        router.add("POST", .v1, "/webhooks") { context, store throws(APIError) in
            let values: [String: JSON]
            do throws(APIError) {
                values = try createSchema.validate(try context.body())
            } catch {
                let field = error.message.split(separator: "'").dropFirst().first.map(String.init) ?? "body"
                return fieldError(field, error.message)
            }
            let url = URL(string: values["subscription_url"]!.stringValue!)
            guard let scheme = url?.scheme, ["http", "https"].contains(scheme), url?.host?.isEmpty == false else {
                return fieldError("subscription_url", "invalid or non-reachable URL")
            }
            if let user = values["user_id"]?.intValue, store["users"][user] == nil { return fieldError("user_id", "not found") }
            let hook = row(id: store.nextID("webhooks"), values: values, userID: context.userID, added: store.tick())
            store.save("webhooks", hook)
            return .json(["status": "ok", "success": true, "data": hook], status: 201)
        }
        router.add("DELETE", .v1, "/webhooks/{id}") { context, store throws(APIError) in
            guard let id = Int(context.pathParams["id"] ?? ""), store["webhooks"][id] != nil else {
                return fieldError("id", "not found", status: 404)
            }
            _ = store.tick()
            store.delete("webhooks", id)
            return .json(["status": "ok", "success": true])
        }
    }
}
