import JSONValue

/// v1 `PUT /persons/{id}/merge`, `/organizations/{id}/merge`, `/deals/{id}/merge` with `merge_with_id`, as
/// Pipedrive merges: the record `merge_with_id` survives and wins conflicts; its empty fields are filled from
/// record `id`, whose children (deals, persons, activities, notes, files, call logs, leads, followers,
/// participants, products) move to the survivor; record `id` is then deleted.
enum Merge {
    /// What points at a merged entity: (table, key) pairs whose value is the entity's id.
    static let children: [String: [(table: String, key: String)]] = [
        "persons": [
            ("deals", "person_id"), ("activities", "person_id"), ("notes", "person_id"), ("files", "person_id"),
            ("callLogs", "person_id"), ("leads", "person_id"), ("dealParticipants", "person_id"), ("personFollowers", "person_id"),
        ],
        "organizations": [
            ("deals", "org_id"), ("persons", "org_id"), ("activities", "org_id"), ("notes", "org_id"), ("files", "org_id"),
            ("callLogs", "org_id"), ("leads", "organization_id"), ("organizationFollowers", "org_id"),
            ("organizationRelationships", "rel_owner_org_id"), ("organizationRelationships", "rel_linked_org_id"),
        ],
        "deals": [
            ("activities", "deal_id"), ("notes", "deal_id"), ("files", "deal_id"), ("callLogs", "deal_id"),
            ("dealProducts", "deal_id"), ("dealParticipants", "deal_id"), ("dealFollowers", "deal_id"),
            ("mailMessages", "deal_id"),
        ],
    ]
    /// Link rows that must stay unique per survivor: a second follower or participant row is dropped.
    static let uniqueBy = ["personFollowers": "user_id", "organizationFollowers": "user_id", "dealFollowers": "user_id",
                           "dealParticipants": "person_id"]
    /// Lists merged as sets rather than filled when empty.
    static let unionKeys = ["emails", "phones", "im", "label_ids"]
    /// Keys that stay the survivor's.
    static let ownKeys: Set<String> = ["id", "add_time", "update_time", "creator_user_id", "is_deleted"]

    static let schema = BodySchema(["merge_with_id": .required(.int)])

    static func register(_ spec: EntitySpec, path: String, in router: inout Router) {
        router.add("PUT", .v1, "\(path)/{id}/merge") { context, store throws(APIError) in
            let merged = try EntityRoutes.existing(spec, context, store)
            let survivorID = try schema.validate(try context.body())["merge_with_id"]!.intValue!
            let mergedID = merged["id"]!.intValue!
            guard survivorID != mergedID else { throw .badRequest("Cannot merge a \(spec.noun.lowercased()) with itself.") }
            guard let survivor = store[spec.table][survivorID] else {
                throw .badRequest("Parameter 'merge_with_id': \(spec.noun.lowercased()) \(survivorID) not found.")
            }
            let now = Timestamp.v1(store.tick())
            var row = combined(survivor.objectValue ?? [:], merged.objectValue ?? [:])
            row["update_time"] = .string(now)
            store[spec.table].upsert(survivorID, .object(row))
            moveChildren(of: spec.table, from: mergedID, to: survivorID, in: &store)
            EntityRoutes.remove(spec, [mergedID], &store)
            if spec.table == "organizations" { return Envelope.v1(["id": .int(survivorID)]) }
            return EntityRoutes.single(spec, .object(row), context, store)
        }
    }

    /// The survivor's values, its empty ones filled from the other; contact lists and labels joined.
    static func combined(_ survivor: [String: JSON], _ other: [String: JSON]) -> [String: JSON] {
        var row = survivor
        for (key, value) in other where !ownKeys.contains(key) && !isEmpty(value) {
            if key == "custom_fields" {
                row[key] = .object(combined(survivor[key]?.objectValue ?? [:], value.objectValue ?? [:]))
            } else if unionKeys.contains(key), let extra = value.arrayValue {
                row[key] = .array(joined(survivor[key]?.arrayValue ?? [], extra))
            } else if isEmpty(survivor[key] ?? .null) {
                row[key] = value
            }
        }
        return row
    }

    /// The survivor's items, then the other's not already there (by `value`); the survivor's primary stays.
    static func joined(_ own: [JSON], _ extra: [JSON]) -> [JSON] {
        var items = own
        let ownPrimary = own.contains { $0["primary"] == true }
        for var item in extra where !items.contains(where: { ($0["value"] ?? $0) == (item["value"] ?? item) }) {
            if ownPrimary, item["primary"] != nil { item["primary"] = false }
            items.append(item)
        }
        return items
    }

    static func isEmpty(_ value: JSON) -> Bool {
        switch value {
        case .null: true
        case .string(let text): text.isEmpty
        case .array(let items): items.isEmpty
        case .object(let members): members.isEmpty
        default: false
        }
    }

    /// Points every child of `from` at `to`; activity participants too. A link row the survivor already has
    /// (the same follower, the same participant) is dropped.
    static func moveChildren(of table: String, from: Int, to: Int, in store: inout Store) {
        for (childTable, key) in children[table] ?? [] {
            let unique = uniqueBy[childTable]
            let kept = Set(store[childTable].all.filter { $0[key]?.intValue == to }.compactMap { row in unique.flatMap { row[$0] } })
            for id in store[childTable].ids {
                guard let row = store[childTable][id], row[key]?.intValue == from else { continue }
                if let unique, let value = row[unique], kept.contains(value) {
                    store[childTable].remove(id)
                    continue
                }
                var moved = row
                moved[key] = .int(to)
                store[childTable].upsert(id, moved)
            }
        }
        guard table == "persons" else { return }
        for id in store["activities"].ids {
            guard let row = store["activities"][id], let participants = row["participants"]?.arrayValue, participants.contains(where: { $0["person_id"]?.intValue == from })
            else { continue }
            var seen: Set<Int> = []
            var moved = row
            moved["participants"] = .array(participants.compactMap { participant in
                var item = participant
                if item["person_id"]?.intValue == from { item["person_id"] = .int(to) }
                return seen.insert(item["person_id"]?.intValue ?? -1).inserted ? item : nil
            })
            store["activities"].upsert(id, moved)
        }
    }
}
