import JSONValue

extension SalesData {
    static func generateDeals(into store: inout Store, _ size: Size, _ targets: FieldData.Targets, _ kit: GeneratorKit) {
        var kit = kit
        let fields = CustomFieldDefinition.all(store, "dealFields")
        let stages = store["stages"].all
        let persons = store["persons"]
        let organizations = store["organizations"]
        var table = Table()
        for id in 1...size.deals {
            let stage = kit.chance(0.6) ? stages[kit.int(0...4)] : kit.pick(stages)
            var row: [String: JSON] = [
                "id": .int(id), "owner_id": .int(kit.owner()), "creator_user_id": .int(kit.owner()), "value": kit.amount(),
                "currency": .string(kit.currency()), "pipeline_id": stage["pipeline_id"]!, "stage_id": stage["id"]!,
                "visible_to": kit.visibleTo(), "label_ids": labels(&kit), "is_archived": false,
                "origin": .string(kit.pick(["ManuallyCreated", "ManuallyCreated", "API", "Import", "WebForms", "LeadConversion"])),
            ]
            if kit.chance(0.85) {
                let personID = kit.int(1...size.persons)
                row["person_id"] = .int(personID)
                if let org = persons[personID]?["org_id"] { row["org_id"] = org }
            }
            if row["org_id"] == nil, kit.chance(0.5) { row["org_id"] = .int(kit.int(1...size.organizations)) }
            let subject = (row["org_id"]?.intValue).flatMap { organizations[$0]?["name"]?.stringValue }
                ?? (row["person_id"]?.intValue).flatMap { persons[$0]?["name"]?.stringValue } ?? "Inbound"
            row["title"] = .string(kit.hostileText() ?? "\(subject) – \(kit.pick(TextPools.dealTopics))")
            let added = stamps(&kit, into: &row)
            let updated = Timestamp.parseV1(row["update_time"]!.stringValue!) ?? added
            row["stage_change_time"] = .string(Timestamp.v1(added + (updated - added) / 2))
            let roll = kit.int(0...99)
            let status = roll < 55 ? "open" : roll < 85 ? "won" : "lost"
            row["status"] = .string(status)
            if status != "open" {
                let closed = Timestamp.v1(updated)
                row["close_time"] = .string(closed)
                row[status == "won" ? "won_time" : "lost_time"] = .string(closed)
                if status == "lost", kit.chance(0.7) { row["lost_reason"] = .string(kit.pick(TextPools.lostReasons)) }
                if kit.chance(0.05) {
                    row["is_archived"] = true
                    row["archive_time"] = .string(closed)
                }
            }
            if kit.chance(0.6) { row["expected_close_date"] = .string(Timestamp.date(added + kit.int(7...180) * 86_400)) }
            if kit.chance(0.1) { row["probability"] = .int(kit.pick([10, 25, 50, 75, 90])) }
            row["custom_fields"] = FieldData.values(fields, fill: 0.45, targets: targets, kit: &kit)
            table.upsert(id, .object(row))
        }
        store["deals"] = table
    }

    /// Two in five deals carry one to three products.
    static func generateDealProducts(into store: inout Store, _ size: Size, _ kit: GeneratorKit) {
        var kit = kit
        let products = store["products"]
        var table = Table()
        var id = 0
        for deal in store["deals"].all where kit.chance(0.4) {
            for _ in 0..<kit.int(1...3) {
                id += 1
                let productID = kit.int(1...size.products)
                let product = products[productID]
                let price = product?["prices"]?[0]?["price"] ?? 100
                let quantity = kit.chance(0.8) ? JSON.int(kit.int(1...20)) : .double(Double(kit.int(1...40)) / 4)
                table.upsert(id, [
                    "id": .int(id), "deal_id": deal["id"]!, "product_id": .int(productID), "name": product?["name"] ?? .null,
                    "item_price": price, "quantity": quantity, "discount": .int(kit.pick([0, 0, 0, 5, 10, 15])),
                    "discount_type": "percentage", "tax": product?["tax"] ?? 0,
                    "tax_method": .string(kit.pick(["exclusive", "inclusive", "none"])), "currency": deal["currency"] ?? "EUR",
                    "comments": kit.chance(0.2) ? .string(kit.sentence()) : .null, "enabled_flag": true,
                    "billing_frequency": product?["billing_frequency"] ?? "one-time",
                    "billing_frequency_cycles": product?["billing_frequency_cycles"] ?? .null,
                    "add_time": deal["add_time"]!, "update_time": deal["update_time"]!,
                ])
            }
        }
        store["dealProducts"] = table
    }

    static func generateLeads(into store: inout Store, _ size: Size, _ targets: FieldData.Targets, _ kit: GeneratorKit) {
        var kit = kit
        let fields = CustomFieldDefinition.all(store, "dealFields")
        let labels = store["leadLabels"].all.compactMap { $0["uuid"] }
        let persons = store["persons"]
        var table = Table()
        for id in 1...size.leads {
            var row: [String: JSON] = [
                "id": .int(id), "uuid": .string(LeadID.make(id: id, random: &kit.random)), "owner_id": .int(kit.owner()),
                "creator_id": .int(kit.owner()), "is_archived": .bool(kit.chance(0.1)), "was_seen": .bool(kit.chance(0.6)),
                "origin": "ManuallyCreated", "source_name": .string(kit.pick(["Manually created", "Web forms", "Prospector", "Import"])),
                "visible_to": kit.visibleTo(),
                "label_ids": .array(labels.filter { _ in kit.chance(0.25) }),
            ]
            if kit.chance(0.75) {
                let personID = kit.int(1...size.persons)
                row["person_id"] = .int(personID)
                row["organization_id"] = persons[personID]?["org_id"] ?? .null
            } else {
                row["organization_id"] = .int(kit.int(1...size.organizations))
            }
            let who = (row["person_id"]?.intValue).flatMap { persons[$0]?["name"]?.stringValue } ?? "Company"
            row["title"] = .string(kit.hostileText() ?? "\(who) lead")
            if kit.chance(0.6) { row["value"] = ["amount": kit.amount(max: 100_000), "currency": .string(kit.currency())] }
            let added = stamps(&kit, into: &row)
            if kit.chance(0.4) { row["expected_close_date"] = .string(Timestamp.date(added + kit.int(14...200) * 86_400)) }
            row["custom_fields"] = FieldData.values(fields, fill: 0.15, targets: targets, kit: &kit)
            table.upsert(id, .object(row))
        }
        store["leads"] = table
    }

    static func generateActivities(into store: inout Store, _ size: Size, _ targets: FieldData.Targets, _ kit: GeneratorKit) {
        var kit = kit
        let fields = CustomFieldDefinition.all(store, "activityFields")
        let types = Activities.types(store)
        let deals = store["deals"]
        let persons = store["persons"]
        let leads = store["leads"]
        var table = Table()
        for id in 1...size.activities {
            let type = kit.pick(types)
            let owner = kit.owner()
            var row: [String: JSON] = [
                "id": .int(id), "type": .string(type), "owner_id": .int(owner), "creator_user_id": .int(kit.chance(0.8) ? owner : kit.owner()),
                "busy": .bool(kit.chance(0.3)),
            ]
            row["subject"] = .string(kit.hostileText() ?? kit.pick(TextPools.activitySubjects[type] ?? ["Follow-up"]))
            if kit.chance(0.55), let dealID = kit.id(upTo: size.deals), let deal = deals[dealID] {
                row["deal_id"] = .int(dealID)
                row["person_id"] = deal["person_id"] ?? .null
                row["org_id"] = deal["org_id"] ?? .null
            } else if kit.chance(0.1), let leadID = kit.id(upTo: size.leads) {
                row["lead_id"] = leads[leadID]?["uuid"] ?? .null
            } else if kit.chance(0.7) {
                let personID = kit.int(1...size.persons)
                row["person_id"] = .int(personID)
                row["org_id"] = persons[personID]?["org_id"] ?? .null
            }
            let added = stamps(&kit, into: &row)
            let due = added + kit.int(-5...60) * 86_400
            row["due_date"] = .string(Timestamp.date(due))
            if kit.chance(0.7) { row["due_time"] = .string("\(String(format2: kit.int(6...18))):\(kit.pick(["00", "15", "30", "45"]))") }
            if kit.chance(0.6) { row["duration"] = .string(kit.pick(["00:15", "00:30", "01:00", "01:30", "02:00"])) }
            let done = due < kit.options.now && kit.chance(0.8)
            row["done"] = .bool(done)
            if done { row["marked_as_done_time"] = row["update_time"] }
            var participants: [JSON] = []
            if let person = row["person_id"]?.intValue {
                participants.append(["person_id": .int(person), "primary": true])
                for _ in 0..<(kit.chance(0.2) ? kit.int(1...2) : 0) {
                    participants.append(["person_id": .int(kit.int(1...size.persons)), "primary": false])
                }
            }
            row["participants"] = .array(participants)
            var attendees: [JSON] = []
            if type == "meeting", kit.chance(0.6) {
                for index in 0..<kit.int(1...3) {
                    let culture = kit.culture()
                    let name = kit.personName(culture)
                    attendees.append([
                        "email": .string(kit.email(name, culture.domain)), "name": .string(name),
                        "status": .string(kit.pick(["accepted", "tentative", "declined", "noreply"])),
                        "is_organizer": .bool(index == 0), "person_id": kit.chance(0.3) ? .int(kit.int(1...size.persons)) : .null,
                        "user_id": index == 0 ? .int(owner) : .null,
                    ])
                }
            }
            row["attendees"] = .array(attendees)
            if type == "meeting" || type == "lunch", kit.chance(0.4) { row["location"] = kit.address() }
            if kit.chance(0.3) { row["note"] = .string(kit.noteContent()) }
            if kit.chance(0.1) { row["public_description"] = .string(kit.sentence()) }
            row["custom_fields"] = FieldData.values(fields, fill: 0.2, targets: targets, kit: &kit)
            table.upsert(id, .object(row))
        }
        store["activities"] = table
    }

    static func generateNotes(into store: inout Store, _ size: Size, _ targets: FieldData.Targets, _ kit: GeneratorKit) {
        var kit = kit
        let fields = CustomFieldDefinition.all(store, "noteFields")
        let deals = store["deals"]
        let leads = store["leads"]
        var table = Table()
        for id in 1...size.notes {
            var row: [String: JSON] = [
                "id": .int(id), "content": .string(kit.noteContent()), "user_id": .int(kit.owner()),
                "pinned_to_deal_flag": false, "pinned_to_person_flag": false, "pinned_to_organization_flag": false,
                "pinned_to_lead_flag": false,
            ]
            let roll = kit.int(0...99)
            if roll < 50, let dealID = kit.id(upTo: size.deals) {
                row["deal_id"] = .int(dealID)
                row["person_id"] = deals[dealID]?["person_id"] ?? .null
                row["org_id"] = deals[dealID]?["org_id"] ?? .null
                if kit.chance(0.05) { row["pinned_to_deal_flag"] = true }
            } else if roll < 80 {
                row["person_id"] = .int(kit.int(1...size.persons))
                if kit.chance(0.05) { row["pinned_to_person_flag"] = true }
            } else if roll < 95 {
                row["org_id"] = .int(kit.int(1...size.organizations))
                if kit.chance(0.05) { row["pinned_to_organization_flag"] = true }
            } else {
                row["lead_id"] = leads[kit.int(1...size.leads)]?["uuid"] ?? .null
            }
            _ = stamps(&kit, into: &row)
            if kit.chance(0.1) { row["last_update_user_id"] = .int(kit.owner()) }
            row["custom_fields"] = FieldData.values(fields, fill: 0.2, targets: targets, kit: &kit)
            table.upsert(id, .object(row))
        }
        store["notes"] = table
    }
}
