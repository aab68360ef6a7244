import JSONValue

/// Generates the sales part of the account: pipelines and stages, fields, organizations, persons,
/// products, deals with their products, leads, activities and notes. Deterministic from the seed; each
/// entity draws from its own random stream.
enum SalesData {
    /// Row counts at a scale: a small company at scale 1 (3,000 deals), 102,000 deals at scale 34.
    struct Size {
        var organizations, persons, products, deals, leads, activities, notes: Int

        init(scale: Int) {
            let scale = max(1, scale)
            organizations = 1_200 * scale
            persons = 3_000 * scale
            products = 150 * scale
            deals = 3_000 * scale
            leads = 400 * scale
            activities = 6_000 * scale
            notes = 3_000 * scale
        }
    }

    static func generate(into store: inout Store, _ options: GenerationOptions) {
        let size = Size(scale: options.scale)
        let owners = SalesUsers.ids(store)
        FieldData.generate(into: &store, options)
        generatePipelines(into: &store, options)
        generateLeadLabels(into: &store, options)
        let targets = FieldData.Targets(organizations: size.organizations, persons: size.persons)
        generateOrganizations(into: &store, size, targets, GeneratorKit(options, stream: "organizations", owners: owners))
        generatePersons(into: &store, size, targets, GeneratorKit(options, stream: "persons", owners: owners))
        generateProducts(into: &store, size, targets, GeneratorKit(options, stream: "products", owners: owners))
        generateDeals(into: &store, size, targets, GeneratorKit(options, stream: "deals", owners: owners))
        generateDealProducts(into: &store, size, GeneratorKit(options, stream: "dealProducts", owners: owners))
        generateLeads(into: &store, size, targets, GeneratorKit(options, stream: "leads", owners: owners))
        generateActivities(into: &store, size, targets, GeneratorKit(options, stream: "activities", owners: owners))
        generateNotes(into: &store, size, targets, GeneratorKit(options, stream: "notes", owners: owners))
        PlantedDuplicates.plant(into: &store)
    }

    /// Three pipelines with five to seven stages each.
    static func generatePipelines(into store: inout Store, _ options: GenerationOptions) {
        let time = Timestamp.v1(options.now - 1000 * 86_400)
        let pipelines: [(String, [(String, Int)])] = [
            ("Sales", [("Qualified", 10), ("Contact made", 20), ("Demo scheduled", 40), ("Proposal made", 60), ("Negotiations started", 80)]),
            ("Partnerships", [("Intro", 10), ("Evaluation", 30), ("Pilot", 50), ("Contract", 80), ("Signed", 95), ("Launched", 100)]),
            ("Vertrieb DACH 🇩🇪", [("Erstkontakt", 10), ("Bedarfsanalyse", 25), ("Angebot", 50), ("Verhandlung", 70),
                                  ("Rechtliche Prüfung", 85), ("Unterschrift", 95), ("Übergabe", 100)]),
        ]
        var stageID = 0
        for (index, (name, stages)) in pipelines.enumerated() {
            let pipelineID = index + 1
            store["pipelines"].upsert(pipelineID, [
                "id": .int(pipelineID), "name": .string(name), "order_nr": .int(pipelineID), "is_deal_probability_enabled": .bool(index != 1),
                "active": true, "add_time": .string(time), "update_time": .string(time),
            ])
            for (order, (stageName, probability)) in stages.enumerated() {
                stageID += 1
                store["stages"].upsert(stageID, [
                    "id": .int(stageID), "name": .string(stageName), "pipeline_id": .int(pipelineID), "order_nr": .int(order + 1),
                    "deal_probability": .int(probability), "is_deal_rot_enabled": .bool(order < 2),
                    "days_to_rotten": order < 2 ? .int(14 + order * 7) : .null, "add_time": .string(time), "update_time": .string(time),
                ])
            }
        }
    }

    static func generateLeadLabels(into store: inout Store, _ options: GenerationOptions) {
        var random = SeededRandom(seed: options.seed, stream: "leadLabels")
        let time = Timestamp.v1(options.now - 900 * 86_400)
        for (index, (name, color)) in [("Hot", "red"), ("Warm", "yellow"), ("Cold", "blue"), ("Webinar 🎥", "green")].enumerated() {
            store["leadLabels"].upsert(index + 1, [
                "id": .int(index + 1), "uuid": .string(LeadID.make(id: index + 1, random: &random)), "name": .string(name),
                "color": .string(color), "add_time": .string(time), "update_time": .string(time),
            ])
        }
    }

    static func stamps(_ kit: inout GeneratorKit, into row: inout [String: JSON]) -> Int {
        let added = kit.past()
        row["add_time"] = .string(Timestamp.v1(added))
        row["update_time"] = .string(Timestamp.v1(kit.after(added)))
        return added
    }

    static func labels(_ kit: inout GeneratorKit) -> JSON {
        guard kit.chance(0.25) else { return [] }
        return kit.chance(0.8) ? [.int(kit.int(1...4))] : [1, 4]
    }

    static func generateOrganizations(into store: inout Store, _ size: Size, _ targets: FieldData.Targets, _ kit: GeneratorKit) {
        var kit = kit
        let fields = CustomFieldDefinition.all(store, "organizationFields")
        var table = Table()
        for id in 1...size.organizations {
            let culture = kit.culture()
            var row: [String: JSON] = [
                "id": .int(id), "name": .string(kit.companyName(culture, serial: id)), "owner_id": .int(kit.owner()),
                "visible_to": kit.visibleTo(), "label_ids": labels(&kit),
            ]
            _ = stamps(&kit, into: &row)
            if kit.chance(0.7) { row["address"] = kit.address() }
            if kit.chance(0.5) { row["website"] = .string("https://www.example-\(id).\(culture.domain)") }
            if kit.chance(0.3) { row["employee_count"] = .int(kit.int(1...20_000)) }
            row["custom_fields"] = FieldData.values(fields, fill: 0.4, targets: targets, kit: &kit)
            table.upsert(id, .object(row))
        }
        store["organizations"] = table
    }

    static func generatePersons(into store: inout Store, _ size: Size, _ targets: FieldData.Targets, _ kit: GeneratorKit) {
        var kit = kit
        let fields = CustomFieldDefinition.all(store, "personFields")
        var table = Table()
        for id in 1...size.persons {
            let culture = kit.culture()
            let name = kit.personName(culture)
            var row: [String: JSON] = [
                "id": .int(id), "name": .string(name), "owner_id": .int(kit.owner()), "visible_to": kit.visibleTo(),
                "label_ids": labels(&kit),
            ]
            let parts = name.split(separator: " ", maxSplits: 1)
            row["first_name"] = parts.first.map { .string(String($0)) } ?? .null
            row["last_name"] = parts.count > 1 ? .string(String(parts[1])) : .null
            if kit.chance(0.8) { row["org_id"] = .int(kit.int(1...size.organizations)) }
            let emailCount = kit.chance(0.1) ? 0 : kit.int(1...3)
            row["emails"] = .array((0..<emailCount).map { index in
                ["value": .string(kit.email(name, culture.domain)), "primary": .bool(index == 0), "label": .string(kit.pick(["work", "home", "other"]))]
            })
            let phoneCount = kit.chance(0.2) ? 0 : kit.int(1...2)
            row["phones"] = .array((0..<phoneCount).map { index in
                ["value": .string(kit.phone(culture.phonePrefix)), "primary": .bool(index == 0), "label": .string(kit.pick(["work", "mobile", "home"]))]
            })
            if kit.chance(0.3) { row["marketing_status"] = .string(kit.pick(Persons.marketingStatuses)) }
            if kit.chance(0.2) { row["job_title"] = .string(kit.pick(["CEO", "CTO", "Head of Sales", "Einkäufer", "営業部長", "مدير المشتريات"])) }
            _ = stamps(&kit, into: &row)
            row["custom_fields"] = FieldData.values(fields, fill: 0.4, targets: targets, kit: &kit)
            table.upsert(id, .object(row))
        }
        store["persons"] = table
    }

    static func generateProducts(into store: inout Store, _ size: Size, _ targets: FieldData.Targets, _ kit: GeneratorKit) {
        var kit = kit
        let fields = CustomFieldDefinition.all(store, "productFields")
        var table = Table()
        for id in 1...size.products {
            let base = kit.hostileText() ?? kit.pick(TextPools.productWords)
            var row: [String: JSON] = [
                "id": .int(id), "name": .string(id <= TextPools.productWords.count ? base : "\(base) \(id)"),
                "owner_id": .int(kit.owner()), "visible_to": kit.visibleTo(), "is_linkable": .bool(kit.chance(0.95)),
                "active_flag": .bool(kit.chance(0.9)), "tax": .int(kit.pick([0, 0, 7, 19, 20, 21])),
                "unit": .string(kit.pick(TextPools.units)),
            ]
            row["code"] = kit.chance(0.8) ? .string("SKU-\(10_000 + id)") : .null
            row["description"] = kit.chance(0.5) ? .string(kit.sentence()) : .null
            row["category"] = kit.chance(0.4) ? .string(kit.pick(FieldCatalog.productCategories)) : .null
            let frequency = kit.chance(0.6) ? "one-time" : kit.pick(Products.frequencies)
            row["billing_frequency"] = .string(frequency)
            row["billing_frequency_cycles"] = frequency == "one-time" || kit.chance(0.5) ? .null : .int(kit.int(1...36))
            var currencies = ["EUR"]
            if kit.chance(0.5) { currencies.append("USD") }
            if kit.chance(0.2) { currencies.append(kit.pick(["GBP", "JPY", "SEK"])) }
            row["prices"] = .array(currencies.map { currency in
                let price = kit.amount(max: 20_000)
                return [
                    "price": price, "currency": .string(currency), "cost": .int(Int((price.doubleValue ?? 0) * 0.6)),
                    "direct_cost": 0, "notes": kit.chance(0.1) ? .string(kit.sentence()) : .null,
                ]
            })
            _ = stamps(&kit, into: &row)
            row["custom_fields"] = FieldData.values(fields, fill: 0.4, targets: targets, kit: &kit)
            table.upsert(id, .object(row))
        }
        store["products"] = table
    }
}
