import Foundation
import JSONValue

/// `/mailbox/mailThreads` (the token user's mailbox, by folder) and the mail messages of deals, persons and
/// organizations.
enum MailEndpoints {
    static let notFound = "Mail thread not found"
    static let updateSchema = BodySchema([
        "deal_id": .optional(.int, nullable: true), "lead_id": .optional(.string, nullable: true), "shared_flag": .optional(.flag),
        "read_flag": .optional(.flag), "archived_flag": .optional(.flag),
    ])

    static func register(in router: inout Router) {
        router.add("GET", .v1, "/mailbox/mailThreads") { context, store throws(APIError) in
            guard let folder = context.query["folder"] else { throw .badRequest("Parameter 'folder' is required.") }
            guard MailRows.folders.contains(folder) else {
                throw .badRequest("Parameter 'folder' must be one of: \(MailRows.folders.joined(separator: ", ")).")
            }
            let threads = mailbox(context, store).filter { $0["folders"]?.arrayValue?.contains(.string(folder)) == true }
            return try V1List.page(threads, context)
        }
        router.add("GET", .v1, "/mailbox/mailThreads/{id}") { context, store throws(APIError) in
            Envelope.v1(try thread(context, store))
        }
        router.add("GET", .v1, "/mailbox/mailThreads/{id}/mailMessages") { context, store throws(APIError) in
            let id = try thread(context, store)["id"]!.intValue!
            return Envelope.v1(.array(store["mailMessages"].all.filter { $0["mail_thread_id"]?.intValue == id }))
        }
        router.add("PUT", .v1, "/mailbox/mailThreads/{id}") { context, store throws(APIError) in
            var row = try thread(context, store)
            let values = try updateSchema.validate(try context.body())
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
            row["update_time"] = .string(Timestamp.iso(store.tick()))
            store.save("mailThreads", row)
            return Envelope.v1(row)
        }
        router.add("DELETE", .v1, "/mailbox/mailThreads/{id}") { context, store throws(APIError) in
            let id = try thread(context, store)["id"]!.intValue!
            _ = store.tick()
            store.delete("mailThreads", id)
            return Envelope.v1(["id": .int(id)])
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
    static func mailbox(_ context: RouteContext, _ store: Store) -> [JSON] {
        store["mailThreads"].all.filter { $0["user_id"]?.intValue == context.userID || $0["shared_flag"] == 1 }
    }

    static func thread(_ context: RouteContext, _ store: Store) throws(APIError) -> JSON {
        let thread = try store.existing("mailThreads", try context.intParam("id"), notFound)
        guard thread["user_id"]?.intValue == context.userID || thread["shared_flag"] == 1 else { throw .notFound(notFound) }
        return thread
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
