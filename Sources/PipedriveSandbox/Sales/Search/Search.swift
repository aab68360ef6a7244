import JSONValue

/// `/deals|persons|organizations|products/search` (v1 and v2), `/leads/search` (v2) and `/itemSearch`
/// (v1 and v2): a case-insensitive match over each item type's searchable fields, scored, in Pipedrive's
/// `{result_score, item}` shape.
enum Search {
    /// Searchable fields per item type, and the table it reads.
    struct ItemType {
        var name: String
        var table: String
        var fields: [String]
    }

    static let types: [String: ItemType] = [
        "deal": ItemType(name: "deal", table: "deals", fields: ["custom_fields", "notes", "title"]),
        "person": ItemType(name: "person", table: "persons", fields: ["custom_fields", "email", "notes", "phone", "name"]),
        "organization": ItemType(name: "organization", table: "organizations", fields: ["address", "custom_fields", "notes", "name"]),
        "product": ItemType(name: "product", table: "products", fields: ["code", "custom_fields", "name"]),
        "lead": ItemType(name: "lead", table: "leads", fields: ["custom_fields", "notes", "email", "organization_name", "person_name", "phone", "title"]),
    ]

    /// The note key linking a note to an item of each type.
    static let noteKeys = ["deal": "deal_id", "person": "person_id", "organization": "org_id", "lead": "lead_id"]

    static func register(in router: inout Router) {
        for (path, type) in [("/deals", "deal"), ("/persons", "person"), ("/organizations", "organization"), ("/products", "product")] {
            for version in [RouteVersion.v1, .v2] {
                router.add("GET", version, "\(path)/search") { context, store throws(APIError) in
                    try respond([type], context, store)
                }
            }
        }
        router.add("GET", .v2, "/leads/search") { context, store throws(APIError) in try respond(["lead"], context, store) }
        for version in [RouteVersion.v1, .v2] {
            router.add("GET", version, "/itemSearch") { context, store throws(APIError) in
                var wanted = ["deal", "person", "organization", "product", "lead"]
                if let text = context.query["item_types"], !text.isEmpty {
                    let allowed = wanted + ["file", "mail_attachment", "project"]
                    wanted = []
                    for name in text.split(separator: ",").map(String.init) {
                        guard allowed.contains(name) else { throw fail(context, "item_types", "Unknown item type '\(name)'") }
                        if types[name] != nil { wanted.append(name) }
                    }
                }
                return try respond(wanted, context, store, maxLimit: version == .v2 ? 100 : ListPaging.maxLimit)
            }
        }
    }

    static func fail(_ context: RouteContext, _ field: String, _ reason: String) -> APIError {
        context.version == .v1 ? .badRequest("\(reason).") : .validation(field, reason)
    }

    static func respond(_ typeNames: [String], _ context: RouteContext, _ store: Store, maxLimit: Int = ListPaging.maxLimit)
        throws(APIError) -> SandboxResponse
    {
        let query = context.query
        let exact: Bool
        if context.version == .v2 {
            exact = try V2Query.bool(query, "exact_match") ?? false
        } else {
            exact = ["1", "true"].contains(query["exact_match"] ?? "")
        }
        guard let term = query["term"]?.trimmingCharacters(in: .whitespaces), term.count >= (exact ? 1 : 2) else {
            throw fail(context, "term", "The search term must be at least \(exact ? 1 : 2) characters long")
        }
        var fieldsWanted: Set<String>?
        if let text = query["fields"], !text.isEmpty {
            let names = Set(text.split(separator: ",").map(String.init))
            let known = Set(typeNames.flatMap { types[$0]!.fields })
            for name in names where !known.contains(name) { throw fail(context, "fields", "Unknown search field '\(name)'") }
            fieldsWanted = names
        }
        let filters = try searchFilters(context)
        let needle = term.lowercased()
        let wantsNotes = typeNames.contains { noteKeys[$0] != nil } && (fieldsWanted?.contains("notes") ?? true)
        let notes = wantsNotes ? notesByItem(store) : [:]
        var scored: [(score: Double, type: String, id: Int, item: JSON)] = []
        for name in typeNames {
            let type = types[name]!
            let fields = fieldsWanted.map { Set(type.fields).intersection($0) } ?? Set(type.fields)
            let customFields = FieldCatalog.tables[type.table].map { CustomFieldDefinition.all(store, $0) }?.filter {
                ["varchar", "varchar_auto", "text", "double", "monetary", "phone", "address"].contains($0.type)
            } ?? []
            let notesOfType = fields.contains("notes") ? notes[name] ?? [:] : [:]
            for row in store[type.table].all where filters(name, row) {
                if let (score, item) = match(row, type: name, fields: fields, custom: customFields, notes: notesOfType,
                                             needle: needle, exact: exact, store: store) {
                    scored.append((score, name, row["id"]?.intValue ?? 0, item))
                }
            }
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : ($0.type, $0.id) < ($1.type, $1.id) }
        let items: [JSON] = scored.map { ["result_score": .double($0.score), "item": $0.item] }
        if context.version == .v1 {
            let (page, pagination) = try ListPaging.offset(items, query: query, maxLimit: maxLimit)
            var data: JSON = ["items": .array(Array(page))]
            if typeNames.count > 1 || context.request.path.hasSuffix("itemSearch") { data["related_items"] = [] }
            return Envelope.v1(data, additionalData: ["pagination": pagination])
        }
        let (page, next) = try ListPaging.positional(items, query: query, maxLimit: maxLimit)
        return Envelope.v2(["items": .array(page)], additionalData: ["next_cursor": next.map(JSON.string) ?? .null])
    }

    /// `person_id`, `organization_id` and `status` filters of the entity searches.
    static func searchFilters(_ context: RouteContext) throws(APIError) -> (String, JSON) -> Bool {
        let query = context.query
        let person = context.version == .v1 ? try V1Query.int(query, "person_id") : try V2Query.int(query, "person_id")
        let org = context.version == .v1 ? try V1Query.int(query, "organization_id") : try V2Query.int(query, "organization_id")
        let status = query["status"]
        if let status, !Deals.statuses.contains(status) { throw fail(context, "status", "Must be one of: open, won, lost") }
        return { type, row in
            if let person, type == "deal" || type == "lead", row["person_id"]?.intValue != person { return false }
            if let org {
                let key = type == "lead" ? "organization_id" : "org_id"
                if type != "organization", type != "product", row[key]?.intValue != org { return false }
            }
            if let status, type == "deal", row["status"]?.stringValue != status { return false }
            return true
        }
    }

    /// Note contents by item type and the id (a lead's UUID) of the item they belong to, in one pass.
    static func notesByItem(_ store: Store) -> [String: [JSON: [String]]] {
        var notes: [String: [JSON: [String]]] = [:]
        for note in store["notes"].all {
            let content = note["content"]?.stringValue ?? ""
            for (type, key) in noteKeys {
                if let item = note[key], item != .null { notes[type, default: [:]][item, default: []].append(content) }
            }
        }
        return notes
    }

    /// How well `text` matches: 1 for the whole text, 0.75 for a prefix, 0.5 for a word start, 0.25 inside.
    static func score(_ text: String, _ needle: String, exact: Bool) -> Double? {
        let lower = text.lowercased()
        if lower == needle { return 1 }
        if exact { return nil }
        guard let range = lower.range(of: needle) else { return nil }
        if range.lowerBound == lower.startIndex { return 0.75 }
        let before = lower[lower.index(before: range.lowerBound)]
        return before.isWhitespace || before.isPunctuation ? 0.5 : 0.25
    }

    static func match(_ row: JSON, type: String, fields: Set<String>, custom: [CustomFieldDefinition], notes: [JSON: [String]],
                      needle: String, exact: Bool, store: Store) -> (Double, JSON)? {
        var best: Double = 0
        func consider(_ text: String?, weight: Double = 1) -> Bool {
            guard let text, let value = score(text, needle, exact: exact) else { return false }
            best = max(best, value * weight)
            return true
        }
        let nameKey = type == "deal" || type == "lead" ? "title" : "name"
        if fields.contains(nameKey) || (type == "deal" && fields.contains("title")) { _ = consider(row[nameKey]?.stringValue) }
        if type == "product", fields.contains("code") { _ = consider(row["code"]?.stringValue) }
        let emails = row["emails"]?.arrayValue?.compactMap { $0["value"]?.stringValue } ?? []
        let phones = row["phones"]?.arrayValue?.compactMap { $0["value"]?.stringValue } ?? []
        if fields.contains("email") { for email in emails { _ = consider(email, weight: 0.9) } }
        if fields.contains("phone") { for phone in phones { _ = consider(phone, weight: 0.9) } }
        if type == "organization", fields.contains("address") { _ = consider(row["address"]?["value"]?.stringValue, weight: 0.8) }
        var matchedCustom: [JSON] = []
        if fields.contains("custom_fields") {
            let stored = row["custom_fields"]?.objectValue ?? [:]
            for field in custom {
                guard let value = stored[field.key] else { continue }
                let text = value.stringValue ?? value["value"].map { $0.stringValue ?? $0.description } ?? value.description
                if consider(text, weight: 0.6) { matchedCustom.append(.string(text)) }
            }
        }
        var matchedNotes: [JSON] = []
        if fields.contains("notes"), let key = type == "lead" ? row["uuid"] : row["id"] {
            for note in notes[key] ?? [] where consider(note, weight: 0.3) { matchedNotes.append(.string(note)) }
        }
        guard best > 0 else { return nil }
        return ((best * 100_000).rounded() / 100_000, item(row, type: type, custom: matchedCustom, notes: matchedNotes,
                                                            emails: emails, phones: phones, store: store))
    }

    /// The item shapes of search results.
    static func item(_ row: JSON, type: String, custom: [JSON], notes: [JSON], emails: [String], phones: [String], store: Store)
        -> JSON
    {
        func reference(_ table: String, _ id: JSON?, _ nameKey: String = "name", address: Bool = false) -> JSON {
            guard let id = id?.intValue, let target = store[table][id] else { return .null }
            var out: JSON = ["id": .int(id), .init(stringLiteral: nameKey): target[nameKey] ?? .null]
            if address { out["address"] = target["address"]?["value"] ?? .null }
            return out
        }
        let owner: JSON = ["id": row["owner_id"] ?? .null]
        switch type {
        case "deal":
            let stage = row["stage_id"]?.intValue.flatMap { store["stages"][$0] }
            return [
                "id": row["id"] ?? .null, "type": "deal", "title": row["title"] ?? .null, "value": row["value"] ?? 0,
                "currency": row["currency"] ?? .null, "status": row["status"] ?? .null, "visible_to": row["visible_to"] ?? 3,
                "owner": owner, "stage": stage.map { ["id": $0["id"] ?? .null, "name": $0["name"] ?? .null] } ?? .null,
                "person": reference("persons", row["person_id"]),
                "organization": reference("organizations", row["org_id"], address: true),
                "custom_fields": .array(custom), "notes": .array(notes), "is_archived": row["is_archived"] ?? false,
            ]
        case "person":
            return [
                "id": row["id"] ?? .null, "type": "person", "name": row["name"] ?? .null,
                "phones": .array(phones.map(JSON.string)), "emails": .array(emails.map(JSON.string)),
                "visible_to": row["visible_to"] ?? 3, "owner": owner,
                "organization": reference("organizations", row["org_id"], address: true),
                "custom_fields": .array(custom), "notes": .array(notes),
            ]
        case "organization":
            return [
                "id": row["id"] ?? .null, "type": "organization", "name": row["name"] ?? .null,
                "address": row["address"]?["value"] ?? .null, "visible_to": row["visible_to"] ?? 3, "owner": owner,
                "custom_fields": .array(custom), "notes": .array(notes),
            ]
        case "product":
            return [
                "id": row["id"] ?? .null, "type": "product", "name": row["name"] ?? .null, "code": row["code"] ?? .null,
                "visible_to": row["visible_to"] ?? 3, "owner": owner, "custom_fields": .array(custom),
            ]
        default:
            let person = row["person_id"]?.intValue.flatMap { store["persons"][$0] }
            return [
                "id": row["uuid"] ?? .null, "type": "lead", "title": row["title"] ?? .null, "owner": owner,
                "person": reference("persons", row["person_id"]), "organization": reference("organizations", row["organization_id"]),
                "phones": .array((person?["phones"]?.arrayValue ?? []).compactMap { $0["value"] }),
                "emails": .array((person?["emails"]?.arrayValue ?? []).compactMap { $0["value"] }),
                "custom_fields": .array(custom), "notes": .array(notes), "value": row["value"]?["amount"] ?? .null,
                "currency": row["value"]?["currency"] ?? .null, "visible_to": row["visible_to"] ?? 3,
                "is_archived": row["is_archived"] ?? false,
            ]
        }
    }
}
