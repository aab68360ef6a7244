import JSONValue

/// Reading and writing workspace rows, and the small objects v1 embeds for related users, persons and
/// organizations. Sales rows (deals, persons, organizations, products, activities) are read only by `id`
/// and `title`/`name`/`subject`.
extension Store {
    /// The live row, or 404 with Pipedrive's message for the entity.
    func existing(_ entity: String, _ id: Int, _ message: String) throws(APIError) -> JSON {
        guard let row = self[entity][id] else { throw .notFound(message) }
        return row
    }

    /// Inserts or replaces a row under its `id`.
    mutating func save(_ entity: String, _ row: JSON) {
        guard let id = row["id"]?.intValue else { preconditionFailure("a \(entity) row without an integer id") }
        self[entity].upsert(id, row)
    }

    /// Moves a row from the live table to the deleted ones, as Pipedrive keeps deleted rows for 30 days.
    @discardableResult
    mutating func delete(_ entity: String, _ id: Int) -> JSON? {
        guard let row = self[entity].remove(id) else { return nil }
        deleted[entity, default: Table()].upsert(id, row)
        return row
    }

    /// The name (or deal title, or activity subject) of a sales row, or nil when it does not exist.
    func label(_ entity: String, _ id: Int) -> String? {
        guard let row = self[entity][id] else { return nil }
        return (row["name"] ?? row["title"] ?? row["subject"])?.stringValue ?? ""
    }

    /// v1's user reference: `{id, name, email, has_pic, pic_hash, active_flag, value}`.
    func userReference(_ id: Int) -> JSON {
        let user = self["users"][id]
        return [
            "id": .int(id), "name": user?["name"] ?? "", "email": user?["email"] ?? "", "has_pic": 0,
            "pic_hash": nil, "active_flag": user?["active_flag"] ?? false, "value": .int(id),
        ]
    }

    /// `related_objects.user` for these user ids.
    func relatedUsers(_ ids: some Sequence<Int>) -> JSON {
        var users: [String: JSON] = [:]
        for id in ids where self["users"][id] != nil {
            var reference = userReference(id)
            reference["value"] = nil
            users[String(id)] = reference
        }
        return .object(users)
    }

    /// v1's person reference, built from the person's name; contact lists come from the row when present.
    func personReference(_ id: Int) -> JSON {
        let person = self["persons"][id]
        return [
            "active_flag": true, "name": .string(label("persons", id) ?? ""),
            "email": (person?["emails"] ?? person?["email"])?.arrayValue.map(JSON.array) ?? [],
            "phone": (person?["phones"] ?? person?["phone"])?.arrayValue.map(JSON.array) ?? [], "value": .int(id),
        ]
    }

    /// v1's organization reference, built from the organization's name.
    func organizationReference(_ id: Int) -> JSON {
        [
            "name": .string(label("organizations", id) ?? ""), "people_count": 0, "owner_id": 1, "address": nil,
            "active_flag": true, "cc_email": nil, "value": .int(id),
        ]
    }
}

/// Query and path values shared by many endpoints.
extension RouteContext {
    /// `ids=1,2,3` of a bulk delete; 400 when missing or not a list of integers.
    func idList() throws(APIError) -> [Int] {
        guard let text = query["ids"], !text.isEmpty else { throw .badRequest("Parameter 'ids' is required.") }
        var ids: [Int] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let id = Int(part.trimmingCharacters(in: .whitespaces)) else {
                throw .badRequest("Parameter 'ids' must be a comma-separated list of integers.")
            }
            ids.append(id)
        }
        return ids
    }

    /// The parsed request body.
    func body() throws(APIError) -> ReceivedBody { try ReceivedBody.parse(request) }
}

/// v1 list responses.
enum V1List {
    /// A page of `rows` in the v1 envelope with `additional_data.pagination`.
    static func page(
        _ rows: [JSON], _ context: RouteContext, maxLimit: Int = ListPaging.maxLimit, relatedObjects: JSON? = nil
    ) throws(APIError) -> SandboxResponse {
        let (page, pagination) = try ListPaging.offset(rows, query: context.query, maxLimit: maxLimit)
        return Envelope.v1(.array(Array(page)), additionalData: ["pagination": pagination], relatedObjects: relatedObjects)
    }
}
