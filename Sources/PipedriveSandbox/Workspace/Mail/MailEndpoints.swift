import Foundation
import JSONValue

/// `/mailbox/mailThreads` (the token user's mailbox, by folder) and the mail messages of deals, persons and
/// organizations.
enum MailEndpoints {
    static let updateSchema = BodySchema([
        "deal_id": .optional(.int, nullable: true), "lead_id": .optional(.string, nullable: true), "shared_flag": .optional(.flag),
        "read_flag": .optional(.flag), "archived_flag": .optional(.flag),
    ])

    static let spec: WorkspaceSpec = {
        var spec = WorkspaceSpec(table: "mailThreads", noun: "Mail thread", paths: ["/mailbox/mailThreads"])
        spec.visible = { thread, context in inMailbox(thread, context) }
        spec.list = .custom { context, store throws(APIError) in
            guard let folder = context.query["folder"] else { throw .badRequest("Parameter 'folder' is required.") }
            guard MailRows.folders.contains(folder) else {
                throw .badRequest("Parameter 'folder' must be one of: \(MailRows.folders.joined(separator: ", ")).")
            }
            let threads = store["mailThreads"].all.filter {
                inMailbox($0, context) && $0["folders"]?.arrayValue?.contains(.string(folder)) == true
            }
            return try V1List.page(threads, context)
        }
        spec.update = .init(schema: updateSchema) { row, values, now, store throws(APIError) in
            if let deal = values["deal_id"]?.intValue, store["deals"][deal] == nil {
                throw .badRequest("Parameter 'deal_id': deal \(deal) does not exist.")
            }
            for (key, value) in values { row[key] = value }
            if let dealID = values["deal_id"] { row["deal_status"] = dealID == .null ? .null : "open" }
            if let archived = values["archived_flag"]?.intValue {
                let others = (row["folders"]?.arrayValue ?? []).filter { $0 != "archive" && $0 != "inbox" }
                row["folders"] = .array(others + [archived == 1 ? "archive" : "inbox"])
            }
            row["version"] = .int((row["version"]?.intValue ?? 0) + 1)
            row["update_time"] = .string(Timestamp.iso(now))
        }
        spec.delete = .init()
        return spec
    }()

    static func register(in router: inout Router) {
        WorkspaceRoutes.register(spec, in: &router)
        router.add("GET", .v1, "/mailbox/mailThreads/{id}/mailMessages") { context, store throws(APIError) in
            let id = try WorkspaceRoutes.existing(spec, context, store).key
            return Envelope.v1(.array(store["mailMessages"].all.filter { $0["mail_thread_id"]?.intValue == id }))
        }
        for (entity, notFound) in [("deals", "Deal not found"), ("persons", "Person not found"), ("organizations", "Organization not found")] {
            router.add("GET", .v1, "/\(entity)/{id}/mailMessages") { context, store throws(APIError) in
                let id = try context.intParam("id")
                _ = try store.existing(entity, id, notFound)
                let includeBody = context.query["include_body"] == "1"
                let items = messages(of: entity, id, in: store).map { message in
                    var data = message
                    if includeBody { data["body"] = .string(String(decoding: store.blobs[MailRows.bodyKey(message["id"]!.intValue!)] ?? [], as: UTF8.self)) }
                    return ["object": "mailMessage", "timestamp": .string(v1Time(message["message_time"])), "data": data] as JSON
                }
                return try V1List.page(items, context)
            }
        }
    }

    /// The token user's threads and the threads shared with everyone.
    static func inMailbox(_ thread: JSON, _ context: RouteContext) -> Bool {
        thread["user_id"]?.intValue == context.userID || thread["shared_flag"] == 1
    }

    /// The live messages of a deal (through its threads), a person (as a linked party) or an organization
    /// (through the threads' linked parties), newest first.
    static func messages(of entity: String, _ id: Int, in store: Store) -> [JSON] {
        let threads = store["mailThreads"]
        let linked: (JSON) -> Bool
        switch entity {
        case "deals":
            linked = { threads[$0["mail_thread_id"]?.intValue ?? 0]?["deal_id"]?.intValue == id }
        case "persons":
            linked = { message in
                ["from", "to", "cc", "bcc"].contains { message[$0]?.arrayValue?.contains { $0["linked_person_id"]?.intValue == id } == true }
            }
        default:
            linked = { message in
                guard let parties = threads[message["mail_thread_id"]?.intValue ?? 0]?["parties"] else { return false }
                return ["from", "to"].contains { parties[$0]?.arrayValue?.contains { $0["linked_organization_id"]?.intValue == id } == true }
            }
        }
        return store["mailMessages"].all.filter { linked($0) && threads[$0["mail_thread_id"]?.intValue ?? 0] != nil }
            .sorted { ($0["message_time"]?.stringValue ?? "") > ($1["message_time"]?.stringValue ?? "") }
    }

    /// `2019-11-14T06:02:06.000Z` as v1's `2019-11-14 06:02:06`.
    static func v1Time(_ iso: JSON?) -> String {
        let text = iso?.stringValue ?? ""
        return String(text.prefix(19)).replacingOccurrences(of: "T", with: " ")
    }
}
