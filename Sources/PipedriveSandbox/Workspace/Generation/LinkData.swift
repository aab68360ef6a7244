import JSONValue

/// Generated followers, deal participants, organization relationships, subscriptions and field changes.
enum LinkData {
    static func generate(into store: inout Store, _ population: Population, seed: UInt64) {
        followers(into: &store, population, seed: seed)
        participants(into: &store, population, seed: seed)
        relationships(into: &store, population, seed: seed)
        subscriptions(into: &store, population, seed: seed)
        changes(into: &store, population, seed: seed)
    }

    static func followers(into store: inout Store, _ population: Population, seed: UInt64) {
        var random = SeededRandom(seed: seed, stream: "followers")
        let items: [(FollowedKind, [Int], Int)] = [
            (.deal, population.deals, 2), (.person, population.persons, 1), (.organization, population.organizations, 2),
            (.product, population.products, 1), (.user, store["users"].ids, 3),
        ]
        for (kind, ids, most) in items {
            for id in ids {
                let count = Int.random(in: 0...most, using: &random)
                for user in population.users.shuffled(using: &random).prefix(count) where !(kind == .user && user == id) {
                    store.save(
                        kind.table,
                        [
                            "id": .int(store.nextID(kind.table)), "user_id": .int(user), kind.itemKey: .int(id),
                            "add_time": .string(Timestamp.v1(population.time(&random))),
                        ])
                }
            }
        }
    }

    static func participants(into store: inout Store, _ population: Population, seed: UInt64) {
        guard !population.persons.isEmpty else { return }
        var random = SeededRandom(seed: seed, stream: "participants")
        for deal in population.deals {
            for person in Set((0..<Int.random(in: 0...2, using: &random)).map { _ in random.pick(population.persons) }).sorted() {
                store.save(
                    "dealParticipants",
                    [
                        "id": .int(store.nextID("dealParticipants")), "deal_id": .int(deal), "person_id": .int(person),
                        "added_by_user_id": .int(random.pick(population.users)), "add_time": .string(Timestamp.v1(population.time(&random))),
                        "active_flag": true,
                    ])
            }
        }
    }

    static func relationships(into store: inout Store, _ population: Population, seed: UInt64) {
        guard population.organizations.count >= 2 else { return }
        var random = SeededRandom(seed: seed, stream: "organizationRelationships")
        for _ in 0..<(population.organizations.count / 5) {
            let owner = random.pick(population.organizations)
            let linked = random.pick(population.organizations)
            guard owner != linked else { continue }
            let time = Timestamp.v1(population.time(&random))
            store.save(
                "organizationRelationships",
                [
                    "id": .int(store.nextID("organizationRelationships")), "type": .string(random.pick(["parent", "related"])),
                    "rel_owner_org_id": .int(owner), "rel_linked_org_id": .int(linked), "add_time": .string(time),
                    "update_time": .string(time), "active_flag": "true",
                ])
        }
    }

    static func subscriptions(into store: inout Store, _ population: Population, seed: UInt64) {
        var random = SeededRandom(seed: seed, stream: "subscriptions")
        for deal in population.deals where random.chance(0.05) {
            let recurring = random.chance(0.6)
            let added = population.time(&random)
            let start = Timestamp.date(added)
            let payments: [JSON] = recurring ? [] : (1...Int.random(in: 2...4, using: &random)).map { number in
                ["amount": .int(Int.random(in: 100...5_000, using: &random)), "description": .string("Installment \(number)"),
                 "due_at": .string(Timestamp.date(added + number * 30 * 86_400))]
            }
            let infinite = recurring && random.chance(0.3)
            var row: JSON = [
                "id": .int(store.nextID("subscriptions")), "type": .string(recurring ? "recurring" : "installment"),
                "user_id": .int(random.pick(population.users)), "deal_id": .int(deal),
                "description": recurring ? .string(SampleText.phrase(&random, words: 3, hostile: population.hostile)) : nil,
                "is_active": true, "currency": .string(random.pick(["EUR", "USD", "GBP"])),
                "cycles_count": recurring && !infinite ? .int(Int.random(in: 3...24, using: &random)) : nil,
                "cycle_amount": recurring ? .int(Int.random(in: 50...2_000, using: &random)) : nil, "infinite": .bool(infinite),
                "cadence_type": recurring ? .string(random.pick(Subscriptions.cadences)) : nil,
                "start_date": .string(start), "payments": .array(payments), "final_status": nil,
                "add_time": .string(Timestamp.v1(added)), "update_time": .string(Timestamp.v1(added)),
            ]
            Subscriptions.summarize(&row)
            store.save("subscriptions", row)
        }
    }

    /// Field changes for the flow of deals, persons and organizations.
    static func changes(into store: inout Store, _ population: Population, seed: UInt64) {
        var random = SeededRandom(seed: seed, stream: "flowChanges")
        let fields: [(FollowedKind, [Int], [String])] = [
            (.deal, population.deals, ["value", "stage_id", "status", "title", "expected_close_date"]),
            (.person, population.persons, ["name", "email", "org_id", "phone"]),
            (.organization, population.organizations, ["name", "address", "owner_id"]),
        ]
        let agents = ["Mozilla/5.0 (X11; Linux x86_64) Firefox/131.0", "pdtui/1.0", "Pipedrive mobile (Android)"]
        for (kind, ids, keys) in fields {
            for id in ids {
                for _ in 0..<Int.random(in: 0...3, using: &random) {
                    let key = random.pick(keys)
                    let (old, new) = values(for: key, &random, population.hostile)
                    let time = Timestamp.v1(population.time(&random))
                    store.save(
                        "flowChanges",
                        [
                            "id": .int(store.nextID("flowChanges")), "item_type": .string(kind.rawValue), "item_id": .int(id),
                            "user_id": .int(random.pick(population.users)), "field_key": .string(key), "old_value": old,
                            "new_value": new, "is_bulk_update_flag": nil, "log_time": .string(time),
                            "change_source": .string(random.pick(["app", "api", "mobile"])),
                            "change_source_user_agent": .string(random.pick(agents)), "additional_data": [],
                        ])
                }
            }
        }
    }

    static func values(for key: String, _ random: inout SeededRandom, _ hostile: Bool) -> (JSON, JSON) {
        switch key {
        case "value": (.int(Int.random(in: 100...50_000, using: &random)), .int(Int.random(in: 100...50_000, using: &random)))
        case "stage_id", "org_id", "owner_id": (.int(Int.random(in: 1...10, using: &random)), .int(Int.random(in: 1...10, using: &random)))
        case "status": ("open", .string(random.pick(["won", "lost"])))
        case "expected_close_date": (.string("2026-0\(Int.random(in: 1...9, using: &random))-15"), .string("2026-1\(Int.random(in: 0...2, using: &random))-01"))
        default: (.string(SampleText.phrase(&random, words: 2, hostile: hostile)), .string(SampleText.phrase(&random, words: 2, hostile: hostile)))
        }
    }
}
