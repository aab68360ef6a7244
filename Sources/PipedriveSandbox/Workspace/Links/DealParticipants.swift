import JSONValue

/// `/deals/{id}/participants` (a `LinkSpec`), `/deals/{id}/persons` and `/deals/{id}/permittedUsers`.
/// Participants are stored as `{id, deal_id, person_id, added_by_user_id, add_time, active_flag}` and
/// answered in v1's expanded shape, with the person's row as the sales side stores it.
enum DealParticipants {
    static let dealNotFound = "Deal not found"

    /// `/deals/{id}/participants` (v1 only): pages with the related users and persons, an add that answers
    /// the new participant the same way, a delete by the participant's id.
    static let spec = LinkSpec(
        table: "dealParticipants", owner: "deals", ownerNotFound: dealNotFound, ownerKey: "deal_id", linked: "persons",
        linkedKey: "person_id", path: "participants", relationNotFound: "Participant not found",
        linkedMissing: { "Parameter 'person_id': person \($0) does not exist." },
        linkedTwice: { person, deal in "Person \(person) is already a participant of deal \(deal)." },
        extra: { context in ["added_by_user_id": .int(context.userID), "active_flag": true] },
        v1: .init(present: present, related: related))

    static func of(deal: Int, in store: Store) -> [JSON] { LinkRoutes.rows(spec, of: deal, in: store) }

    static func register(in router: inout Router) {
        LinkRoutes.register(spec, in: &router)
        // Deprecated in v1 (out of support since 2026-08-01) and shaped on the 2026-01-14 spec: the deal's
        // participants as full person rows.
        router.add("GET", .v1, "/deals/{id}/persons") { context, store throws(APIError) in
            let deal = try LinkRoutes.owner(spec, context, store)
            let persons = of(deal: deal, in: store).compactMap { $0["person_id"]?.intValue }.compactMap { store["persons"][$0] }
            return try V1List.page(persons.map { Persons.v1Object($0, store) }, context)
        }
        // Everyone in the company sees a deal at the sandbox's default visibility (entire company).
        router.add("GET", .v1, "/deals/{id}/permittedUsers") { context, store throws(APIError) in
            _ = try LinkRoutes.owner(spec, context, store)
            let users = store["users"].all.filter { $0["active_flag"] == true }.compactMap { $0["id"] }
            return Envelope.v1(.array(users))
        }
    }

    static func present(_ row: JSON, _ store: Store) -> JSON {
        let deal = row["deal_id"]?.intValue ?? 0
        let person = row["person_id"]?.intValue ?? 0
        return [
            "id": row["id"] ?? nil, "person_id": store.personReference(person), "add_time": row["add_time"] ?? nil,
            "active_flag": row["active_flag"] ?? true,
            "related_item_data": ["deal_id": .int(deal), "title": .string(store.label("deals", deal) ?? "")],
            "person": store["persons"][person].map { Persons.v1Object($0, store) } ?? nil, "added_by_user_id": store.userReference(row["added_by_user_id"]?.intValue ?? 0),
            "related_item_type": "deal", "related_item_id": .int(deal),
        ]
    }

    static func related(_ rows: [JSON], _ store: Store) -> JSON {
        var persons: [String: JSON] = [:]
        for id in rows.compactMap({ $0["person_id"]?.intValue }) {
            var reference = store.personReference(id)
            reference["value"] = nil
            reference["id"] = .int(id)
            persons[String(id)] = reference
        }
        return ["user": store.relatedUsers(rows.compactMap { $0["added_by_user_id"]?.intValue }), "person": .object(persons), "organization": [:]]
    }
}
