import Foundation
import JSONValue

/// `/deals|persons|organizations/{id}/flow`: the item's history, newest first, as `{object, timestamp, data}`.
/// Field changes are stored (table `flowChanges`); notes, activities, files, followers, participants and mail
/// are gathered from their tables when asked, so the flow shows writes made through the API. Not a `LinkSpec`:
/// it has no table of its own, only reads, and each entry's object, time and data come from a different table.
enum Flow {
    struct Subject: Sendable {
        var entity: String
        /// The key linking notes, activities and files to the item, e.g. `deal_id`.
        var key: String
        /// The stored `item_type` of its changes and the stem of its object names, e.g. `deal` → `dealChange`.
        var kind: FollowedKind
        var notFound: String
    }

    static let subjects = [
        Subject(entity: "deals", key: "deal_id", kind: .deal, notFound: "Deal not found"),
        Subject(entity: "persons", key: "person_id", kind: .person, notFound: "Person not found"),
        Subject(entity: "organizations", key: "org_id", kind: .organization, notFound: "Organization not found"),
    ]

    static func register(in router: inout Router) {
        for subject in subjects {
            router.add("GET", .v1, "/\(subject.entity)/{id}/flow") { context, store throws(APIError) in
                let id = try context.intParam("id")
                _ = try store.existing(subject.entity, id, subject.notFound)
                var entries = flow(subject, id, in: store, allChanges: context.query["all_changes"] == "1")
                if let items = context.query["items"], !items.isEmpty {
                    let wanted = Set(items.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) })
                    entries = entries.filter { entry in
                        let object = entry["object"]?.stringValue ?? ""
                        return wanted.contains(object) || (wanted.contains("change") && object.hasSuffix("Change"))
                    }
                }
                let (page, pagination) = try ListPaging.offset(entries, query: context.query)
                return Envelope.v1(
                    .array(Array(page)), additionalData: ["pagination": pagination],
                    relatedObjects: related(Array(page), subject, id, store))
            }
        }
    }

    static func flow(_ subject: Subject, _ id: Int, in store: Store, allChanges: Bool) -> [JSON] {
        var entries: [JSON] = []
        func add(_ object: String, _ timestamp: JSON?, _ data: JSON) {
            entries.append(["object": .string(object), "timestamp": timestamp ?? "", "data": data])
        }
        for change in store["flowChanges"].all
        where change["item_type"]?.stringValue == subject.kind.rawValue && change["item_id"]?.intValue == id {
            let key = change["field_key"]?.stringValue ?? ""
            if !allChanges && key.count == 40 && key.allSatisfy(\.isHexDigit) { continue }
            var data = change
            data["item_type"] = nil
            add(subject.kind.rawValue + "Change", change["log_time"], data)
        }
        for note in store["notes"].all where note[subject.key]?.intValue == id {
            add("note", note["add_time"], SalesRendering.note(note, store))
        }
        for activity in store["activities"].all where activity[subject.key]?.intValue == id {
            let done = activity["done"] == true || activity["done"] == 1
            let time = done ? activity["marked_as_done_time"] ?? activity["add_time"] : activity["add_time"]
            add(done ? "activity" : "plannedActivity", time, SalesRendering.activity(activity, store))
        }
        for file in store["files"].all where file[subject.key]?.intValue == id { add("file", file["add_time"], file) }
        for follower in Followers.of(subject.kind, id, in: store) { add(subject.kind.rawValue + "Follower", follower["add_time"], follower) }
        if subject.kind == .deal {
            for participant in DealParticipants.of(deal: id, in: store) {
                add("participant", participant["add_time"], DealParticipants.present(participant, store))
            }
        }
        for message in MailEndpoints.messages(of: subject.entity, id, in: store) {
            add("mailMessage", .string(MailEndpoints.v1Time(message["message_time"])), message)
        }
        return entries.sorted { left, right in
            let a = left["timestamp"]?.stringValue ?? ""
            let b = right["timestamp"]?.stringValue ?? ""
            if a != b { return a > b }
            return (left["object"]?.stringValue ?? "", left["data"]?["id"]?.intValue ?? 0)
                < (right["object"]?.stringValue ?? "", right["data"]?["id"]?.intValue ?? 0)
        }
    }

    static func related(_ entries: [JSON], _ subject: Subject, _ id: Int, _ store: Store) -> JSON {
        let users = entries.compactMap { $0["data"]?["user_id"]?.intValue }
        var related: JSON = ["user": store.relatedUsers(Set(users).sorted())]
        let name = store.label(subject.entity, id) ?? ""
        switch subject.kind {
        case .deal: related["deal"] = [String(id): ["id": .int(id), "title": .string(name)]]
        case .person: related["person"] = [String(id): ["id": .int(id), "name": .string(name), "active_flag": true]]
        default:
            var reference = store.organizationReference(id)
            reference["value"] = nil
            reference["id"] = .int(id)
            related["organization"] = [String(id): reference]
        }
        return related
    }
}
