import JSONValue

/// The account's field lists: built-in fields and custom fields of every type, with 40-hex keys and
/// options; and values for custom fields.
enum FieldData {
    /// Custom fields per `*Fields` table: (name, type, option labels).
    static let customFields: [String: [(String, String, [String])]] = [
        "dealFields": [
            ("Referral code", "varchar", []), ("Campaign", "varchar_auto", []), ("Deal summary", "text", []),
            ("Seats", "double", []), ("Setup fee", "monetary", []), ("Contract start", "date", []),
            ("Pilot period", "daterange", []), ("Preferred call time", "time", []), ("Support hours", "timerange", []),
            ("Hotline", "phone", []), ("Delivery address", "address", []),
            ("Deal type", "enum", ["New business", "Upsell", "Renewal", "Partner", "Réabonnement"]),
            ("Interested modules", "set", ["CRM", "Billing", "Analytics", "API", "Mobile", "数据仓库"]),
            ("Account manager", "user", []), ("Partner organization", "org", []), ("Technical contact", "people", []),
            ("Sichtbarkeit (intern)", "visible_to", []), ("担当地域", "varchar", []),
            ("الأولوية", "enum", ["عالية", "متوسطة", "منخفضة"]),
        ],
        "personFields": [
            ("Job title", "varchar", []), ("Nickname", "varchar_auto", []), ("Bio", "text", []), ("NPS score", "double", []),
            ("Lifetime value", "monetary", []), ("Birthday", "date", []), ("Out of office", "daterange", []),
            ("Best time to call", "time", []), ("Office hours", "timerange", []), ("Assistant phone", "phone", []),
            ("Home address", "address", []), ("Lead source", "enum", ["Website", "Referral", "Trade fair", "Cold call", "LinkedIn"]),
            ("Languages", "set", ["English", "Deutsch", "Français", "Español", "日本語", "العربية"]),
            ("Relationship owner", "user", []), ("Former employer", "org", []), ("Referred by", "people", []),
            ("Контактное лицо", "varchar", []),
        ],
        "organizationFields": [
            ("VAT number", "varchar", []), ("Website", "varchar_auto", []), ("About", "text", []), ("Employees", "double", []),
            ("Annual revenue", "monetary", []), ("Customer since", "date", []), ("Contract period", "daterange", []),
            ("Opening time", "time", []), ("Business hours", "timerange", []), ("Switchboard", "phone", []),
            ("Billing address", "address", []),
            ("Industry", "enum", ["Software", "Manufacturing", "Retail", "Healthcare", "Finance", "Éducation"]),
            ("Segments", "set", ["SMB", "Mid-market", "Enterprise", "Public sector"]), ("Key account manager", "user", []),
            ("Parent company", "org", []), ("Main contact", "people", []), ("Visibility group", "visible_to", []),
        ],
        "productFields": [
            ("Manufacturer", "varchar", []), ("Supplier SKU", "varchar_auto", []), ("Specifications", "text", []),
            ("Weight (kg)", "double", []), ("Reference price", "monetary", []), ("Launch date", "date", []),
            ("Promotion period", "daterange", []), ("Delivery cut-off", "time", []), ("Support window", "timerange", []),
            ("Support line", "phone", []), ("Warehouse", "address", []),
            ("Product line", "enum", ["Hardware", "Software", "Services", "サブスクリプション"]),
            ("Regions", "set", ["EMEA", "Americas", "APAC"]), ("Product manager", "user", []), ("Vendor", "org", []),
            ("Specialist", "people", []),
        ],
        "activityFields": [
            ("Meeting room", "varchar", []), ("Outcome", "enum", ["Connected", "Voicemail", "No answer", "Rescheduled"]),
            ("Follow-up date", "date", []), ("Call rating", "double", []), ("Topics", "set", ["Pricing", "Demo", "Support", "Legal"]),
        ],
        "noteFields": [
            ("Note category", "enum", ["Meeting notes", "Call summary", "Internal"]), ("Source", "varchar", []),
        ],
    ]

    /// Writes every `*Fields` table. Option ids are account-wide, from 1.
    static func generate(into store: inout Store, _ options: GenerationOptions) {
        var random = SeededRandom(seed: options.seed, stream: "fields")
        let time = Timestamp.v1(options.now - 900 * 86_400)
        var optionID = 0
        for table in FieldCatalog.tables.values.sorted() {
            var id = 0
            for builtIn in FieldCatalog.builtIns(table) {
                id += 1
                var row = FieldCatalog.builtInRow(builtIn, id: id, time: time)
                if builtIn.key == "label" || builtIn.key == "label_ids" {
                    row["options"] = .array(["Hot", "Warm", "Cold", "VIP"].enumerated().map { index, label in
                        ["id": .int(index + 1), "label": .string(label), "color": .string(["red", "yellow", "blue", "purple"][index])]
                    })
                }
                store[table].upsert(id, row)
            }
            for (name, type, labels) in customFields[table] ?? [] {
                id += 1
                let options = labels.map { label -> (Int, String) in
                    optionID += 1
                    return (optionID, label)
                }
                let row = FieldCatalog.customRow(id: id, key: random.hexKey(), name: name, type: type, options: options, userID: 1, time: time)
                store[table].upsert(id, row)
            }
        }
        store.lastIDs["fieldOptions"] = optionID
    }

    /// Counts of the rows custom field values may refer to (ids are 1...count).
    struct Targets {
        var organizations: Int
        var persons: Int
    }

    /// Values for some of an entity's custom fields, in the stored (v2) form.
    static func values(_ fields: [CustomFieldDefinition], fill: Double, targets: Targets, kit: inout GeneratorKit) -> JSON {
        var values: [String: JSON] = [:]
        for field in fields where kit.chance(fill) {
            if let value = value(field, targets: targets, kit: &kit) { values[field.key] = value }
        }
        return .object(values)
    }

    static func value(_ field: CustomFieldDefinition, targets: Targets, kit: inout GeneratorKit) -> JSON? {
        func date(_ offsetDays: ClosedRange<Int>) -> String { Timestamp.date(kit.options.now + kit.int(offsetDays) * 86_400) }
        func time() -> String { "\(String(format2: kit.int(7...18))):\(kit.pick(["00", "15", "30", "45"])):00" }
        let zone = kit.pick(TextPools.timezones)
        switch field.type {
        case "varchar", "varchar_auto":
            if let hostile = kit.hostileText() { return .string(String(hostile.prefix(255))) }
            return .string(kit.chance(0.5) ? "\(kit.pick(["REF", "CMP", "EU", "中"]))-\(kit.int(1000...99_999))" : kit.pick(TextPools.dealTopics))
        case "text": return .string(kit.hostileText() ?? kit.sentence())
        case "phone": return .string(kit.phone(kit.culture().phonePrefix))
        case "double": return kit.options.hostile && kit.chance(0.05) ? kit.pick(TextPools.oddNumbers) : .int(kit.int(1...500))
        case "monetary": return ["value": kit.amount(max: 50_000), "currency": .string(kit.currency())]
        case "date": return .string(date(-700...200))
        case "daterange":
            let start = kit.int(-400...100)
            return ["value": .string(date(start...start)), "until": .string(date((start + 1)...(start + 120)))]
        case "time": return ["value": .string(time()), "timezone_id": .int(zone.id), "timezone_name": .string(zone.name)]
        case "timerange":
            let from = kit.int(7...12)
            return [
                "value": .string("\(String(format2: from)):00:00"), "until": .string("\(String(format2: from + kit.int(2...8))):00:00"),
                "timezone_id": .int(zone.id), "timezone_name": .string(zone.name),
            ]
        case "address": return kit.address()
        case "enum": return field.optionIDs.randomElement(using: &kit.random).map(JSON.int)
        case "set":
            let ids = field.optionIDs.filter { _ in kit.chance(0.4) }
            return ids.isEmpty ? nil : .array(ids.map(JSON.int))
        case "user": return .int(kit.owner())
        case "org": return kit.id(upTo: targets.organizations).map(JSON.int)
        case "people": return kit.id(upTo: targets.persons).map(JSON.int)
        case "visible_to": return kit.visibleTo()
        default: return nil
        }
    }
}

extension String {
    /// Two digits, zero-padded.
    init(format2 value: Int) { self = value < 10 ? "0\(value)" : String(value) }
}
