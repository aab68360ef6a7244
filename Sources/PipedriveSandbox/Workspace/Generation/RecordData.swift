import JSONValue

/// Generated call logs, filters, goals and webhooks.
enum RecordData {
    static func generate(into store: inout Store, _ population: Population, seed: UInt64) {
        callLogs(into: &store, population, seed: seed)
        filters(into: &store, population, seed: seed)
        namedFilters(into: &store, population)
        goals(into: &store, population, seed: seed)
        webhooks(into: &store, population, seed: seed)
    }

    static func callLogs(into store: inout Store, _ population: Population, seed: UInt64) {
        var random = SeededRandom(seed: seed, stream: "callLogs")
        for index in 0..<(30 * population.scale + population.activities.count / 20) {
            let start = population.time(&random)
            let seconds = random.chance(0.2) ? 0 : Int.random(in: 15...3_600, using: &random)
            let values: [String: JSON] = [
                "user_id": .int(index % 3 == 0 ? random.pick(population.users) : 1),
                "activity_id": population.maybe(population.activities, 0.3, &random).map(JSON.int) ?? nil,
                "subject": .string(SampleText.phrase(&random, words: 3, hostile: population.hostile)),
                "duration": .string(String(seconds)), "outcome": .string(random.pick(CallLogs.outcomes)),
                "from_phone_number": .string("+372 5\(Int.random(in: 100_000...999_999, using: &random))"),
                "to_phone_number": .string("+49 30 \(Int.random(in: 1_000_000...9_999_999, using: &random))"),
                "start_time": .string(Timestamp.iso(start)), "end_time": .string(Timestamp.iso(start + seconds)),
                "person_id": population.maybe(population.persons, 0.7, &random).map(JSON.int) ?? nil,
                "org_id": population.maybe(population.organizations, 0.4, &random).map(JSON.int) ?? nil,
                "deal_id": population.maybe(population.deals, 0.5, &random).map(JSON.int) ?? nil,
                "note": random.chance(0.5) ? .string(SampleText.phrase(&random, words: 8, hostile: population.hostile)) : nil,
            ]
            let key = store.nextID("callLogs")
            store["callLogs"].upsert(key, CallLogs.row(key: key, values: values, userID: 1))
        }
    }

    static func filters(into store: inout Store, _ population: Population, seed: UInt64) {
        var random = SeededRandom(seed: seed, stream: "filters")
        let samples: [(String, String, String, String, JSON)] = [
            ("All open deals", "deals", "deal", "status", "open"), ("Won this year 🏆", "deals", "deal", "status", "won"),
            ("Big deals", "deals", "deal", "value", "10000"), ("Tallinn organizations", "org", "organization", "address", "Tallinn"),
            ("People without e-mail", "people", "person", "email", nil), ("Products on sale", "products", "product", "price", "0"),
            ("Calls this week", "activity", "activity", "type", "call"), ("Fresh leads", "leads", "lead", "add_time", "2026-01-01"),
            ("Deals im Fokus", "deals", "deal", "title", "Café"), ("重要な取引", "deals", "deal", "value", "50000"),
        ]
        for index in 0..<(samples.count * population.scale) {
            let (name, type, object, field, value) = samples[index % samples.count]
            let added = population.time(&random)
            let op = value == nil ? "IS NULL" : object == "deal" && field == "value" ? ">=" : "="
            let condition: JSON = ["object": .string(object), "field_id": .string(field), "operator": .string(op), "value": value, "extra_value": nil]
            let conditions = try? Filters.validated(["glue": "and", "conditions": [["glue": "and", "conditions": [condition]], ["glue": "or", "conditions": []]]])
            store.save(
                "filters",
                [
                    "id": .int(store.nextID("filters")),
                    "name": .string(population.hostile && index == 1 ? SampleText.hostile[1] : index < samples.count ? name : "\(name) \(index / samples.count + 1)"),
                    "filter_code": nil, "is_editable": true, "active_flag": true, "type": .string(type), "temporary_flag": nil,
                    "user_id": .int(random.pick(population.users)), "add_time": .string(Timestamp.v1(added)),
                    "update_time": .string(Timestamp.v1(min(population.now, added + Int.random(in: 0...90 * 86_400, using: &random)))),
                    "visible_to": .string(random.pick(["1", "7"])),
                    "last_used_time": random.chance(0.5) ? .string(Timestamp.v1(population.time(&random))) : nil,
                    "custom_view_id": nil, "conditions": conditions ?? nil,
                ])
        }
    }

    /// Saved filters worth trying, once per account: (name, type, `and` conditions, `or` conditions), each
    /// condition (object, field key, operator, value). Fields are named by their ids, as Pipedrive's app saves them.
    static let namedFilters: [(String, String, [(String, String, String, JSON)], [(String, String, String, JSON)])] = [
        ("My open deals", "deals", [("deal", "status", "=", "open"), ("deal", "user_id", "=", "1")], []),
        ("Big or won deals", "deals", [], [("deal", "value", ">=", "50000"), ("deal", "status", "=", "won")]),
        ("Open deals of Tallinn organizations", "deals", [("deal", "status", "=", "open"), ("organization", "address", "LIKE '%$%'", "Tallinn")], []),
        ("People without a phone", "people", [("person", "phone", "IS NULL", nil)], []),
        ("Organizations named A…", "org", [("organization", "name", "LIKE '$%'", "A")], []),
        ("My open calls", "activity", [("activity", "type", "=", "call"), ("activity", "done", "=", "0"), ("activity", "user_id", "=", "1")], []),
        ("Products with a code", "products", [("product", "code", "IS NOT NULL", nil)], []),
    ]

    static func namedFilters(into store: inout Store, _ population: Population) {
        func leaves(_ conditions: [(String, String, String, JSON)]) -> JSON {
            .array(conditions.map { object, key, op, value in
                let fields = SavedFilter.objectTables[object].flatMap { FieldCatalog.tables[$0] } ?? ""
                let id = store[fields].all.first { $0["key"]?.stringValue == key }?["id"]?.intValue
                return ["object": .string(object), "field_id": .string(id.map(String.init) ?? key), "operator": .string(op), "value": value, "extra_value": nil]
            })
        }
        let time = Timestamp.v1(population.now - 30 * 86_400)
        for (name, type, all, any) in namedFilters {
            let conditions: JSON = ["glue": "and", "conditions": [["glue": "and", "conditions": leaves(all)], ["glue": "or", "conditions": leaves(any)]]]
            store.save("filters", [
                "id": .int(store.nextID("filters")), "name": .string(name), "filter_code": nil, "is_editable": true, "active_flag": true,
                "type": .string(type), "temporary_flag": nil, "user_id": 1, "add_time": .string(time), "update_time": .string(time),
                "visible_to": "7", "last_used_time": nil, "custom_view_id": nil, "conditions": (try? Filters.validated(conditions)) ?? nil,
            ])
        }
    }

    static func goals(into store: inout Store, _ population: Population, seed: UInt64) {
        var random = SeededRandom(seed: seed, stream: "goals")
        let year = Timestamp.date(population.now).prefix(4)
        for index in 0..<(6 * population.scale) {
            let typeName = Goals.typeNames[index % Goals.typeNames.count]
            let sum = typeName == "deals_won" && random.chance(0.5)
            let assignee: JSON = index % 3 == 2 ? ["id": .int(store["teams"].ids.first ?? 1), "type": "team"]
                : ["id": .int(index % 3 == 0 ? 1 : random.pick(population.users)), "type": "person"]
            var outcome: JSON = ["target": .int(sum ? 50_000 : Int.random(in: 5...100, using: &random)), "tracking_metric": sum ? "sum" : "quantity"]
            if sum { outcome["currency_id"] = 1 }
            let key = store.nextID("goals")
            let goal: JSON = [
                "id": .string(Goals.goalID(key)), "owner_id": 1,
                "title": .string(SampleText.phrase(&random, words: 3, hostile: population.hostile)),
                "type": ["name": .string(typeName), "params": [:]], "assignee": assignee,
                "interval": .string(random.pick(Goals.intervals)), "duration": ["start": .string("\(year)-01-01"), "end": .string("\(year)-12-31")],
                "expected_outcome": outcome, "is_active": .bool(index % 6 != 5), "report_ids": [.string(Goals.goalID(key + 1_000_000))],
            ]
            store["goals"].upsert(key, goal)
        }
    }

    static func webhooks(into store: inout Store, _ population: Population, seed: UInt64) {
        var random = SeededRandom(seed: seed, stream: "webhooks")
        for (index, object) in ["deal", "person", "activity", "*"].enumerated() {
            let values: [String: JSON] = [
                "subscription_url": .string("https://hooks.example.com/pipedrive/\(object == "*" ? "all" : object)"),
                "event_action": .string(index == 3 ? "*" : random.pick(["create", "change", "delete"])), "event_object": .string(object),
                "name": .string("Sync \(object == "*" ? "everything" : object + "s")"), "version": "2.0",
            ]
            store.save("webhooks", Webhooks.row(id: store.nextID("webhooks"), values: values, userID: 1, added: population.time(&random)))
        }
    }
}
