import JSONValue

/// `/deals/{id}/participants`, `/deals/{id}/persons` and `/deals/{id}/permittedUsers`. Participants are
/// stored as `{id, deal_id, person_id, added_by_user_id, add_time, active_flag}` and answered in v1's
/// expanded shape, with the person's row as the sales side stores it.
enum DealParticipants {
    static let addSchema = BodySchema(["person_id": .required(.int)])
    static let dealNotFound = "Deal not found"

    static func of(deal: Int, in store: Store) -> [JSON] {
        store["dealParticipants"].all.filter { $0["deal_id"]?.intValue == deal }
    }

    static func register(in router: inout Router) {
        router.add("GET", .v1, "/deals/{id}/participants") { context, store throws(APIError) in
            let deal = try context.intParam("id")
            _ = try store.existing("deals", deal, dealNotFound)
            let rows = of(deal: deal, in: store)
            return try V1List.page(rows.map { present($0, store) }, context, relatedObjects: related(rows, store))
        }
        router.add("POST", .v1, "/deals/{id}/participants") { context, store throws(APIError) in
            let deal = try context.intParam("id")
            _ = try store.existing("deals", deal, dealNotFound)
            let person = try addSchema.validate(try context.body())["person_id"]!.intValue!
            guard store["persons"][person] != nil else { throw .badRequest("Parameter 'person_id': person \(person) does not exist.") }
            guard !of(deal: deal, in: store).contains(where: { $0["person_id"]?.intValue == person }) else {
                throw .badRequest("Person \(person) is already a participant of deal \(deal).")
            }
            let row: JSON = [
                "id": .int(store.nextID("dealParticipants")), "deal_id": .int(deal), "person_id": .int(person),
                "added_by_user_id": .int(context.userID), "add_time": .string(Timestamp.v1(store.tick())), "active_flag": true,
            ]
            store.save("dealParticipants", row)
            return Envelope.v1(present(row, store), relatedObjects: related([row], store))
        }
        router.add("DELETE", .v1, "/deals/{id}/participants/{deal_participant_id}") { context, store throws(APIError) in
            let deal = try context.intParam("id")
            _ = try store.existing("deals", deal, dealNotFound)
            let id = try context.intParam("deal_participant_id")
            guard store["dealParticipants"][id]?["deal_id"]?.intValue == deal else { throw .notFound("Participant not found") }
            _ = store.tick()
            store.delete("dealParticipants", id)
            return Envelope.v1(["id": .int(id)])
        }
        // Deprecated in v1 (out of support since 2026-08-01) and shaped on the 2026-01-14 spec: the deal's
        // participants as full person rows.
        router.add("GET", .v1, "/deals/{id}/persons") { context, store throws(APIError) in
            let deal = try context.intParam("id")
            _ = try store.existing("deals", deal, dealNotFound)
            let persons = of(deal: deal, in: store).compactMap { $0["person_id"]?.intValue }.compactMap { store["persons"][$0] }
            return try V1List.page(persons.map { Persons.v1Object($0, store) }, context)
        }
        // Everyone in the company sees a deal at the sandbox's default visibility (entire company).
        router.add("GET", .v1, "/deals/{id}/permittedUsers") { context, store throws(APIError) in
            _ = try store.existing("deals", try context.intParam("id"), dealNotFound)
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
