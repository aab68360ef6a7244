import JSONValue

/// The generic list, add and delete handlers of the relations between records (`LinkSpec`), v1 and v2.
/// Every write checks the owner, the body and the linked record before it changes the store.
enum LinkRoutes {
    /// The owner's relation rows, oldest first.
    static func rows(_ spec: LinkSpec, of owner: Int, in store: Store) -> [JSON] {
        store[spec.table].all.filter { $0[spec.ownerKey]?.intValue == owner }
    }

    /// Registers the routes `spec` has.
    static func register(_ spec: LinkSpec, in router: inout Router) {
        let base = "/\(spec.owner)/{id}/\(spec.path)"
        if let v1 = spec.v1 {
            router.add("GET", .v1, base) { context, store throws(APIError) in
                let rows = rows(spec, of: try owner(spec, context, store), in: store)
                switch v1.listing {
                case .linkedIDs: return Envelope.v1(.array(rows.compactMap { $0[spec.linkedKey] }))
                case .rows:
                    return try V1List.page(rows.map { v1.present($0, store) }, context, relatedObjects: v1.related?(rows, store))
                }
            }
            if v1.writes {
                let schema = BodySchema([spec.linkedKey: .required(.int)])
                router.add("POST", .v1, base) { context, store throws(APIError) in
                    let owner = try owner(spec, context, store)
                    let linked = try schema.validate(try context.body())[spec.linkedKey]!.intValue!
                    let row = try add(spec, owner, linked, context, &store)
                    return Envelope.v1(v1.present(row, store), relatedObjects: v1.related?([row], store), status: v1.addStatus)
                }
                router.add("DELETE", .v1, base + "/{relation_id}") { context, store throws(APIError) in
                    let owner = try owner(spec, context, store)
                    let relation = try context.intParam("relation_id")
                    guard store[spec.table][relation]?[spec.ownerKey]?.intValue == owner else { throw .notFound(spec.relationNotFound) }
                    remove(spec, relation, from: &store)
                    return Envelope.v1(["id": .int(relation)])
                }
            }
        }
        if let v2 = spec.v2 {
            router.add("GET", .v2, base) { context, store throws(APIError) in
                let rows = rows(spec, of: try owner(spec, context, store), in: store)
                let (page, next) = try ListPaging.cursor(rows, id: { $0["id"]?.intValue ?? 0 }, query: context.query)
                return Envelope.v2(.array(page.map { presentV2(spec, $0) }), additionalData: ["next_cursor": next.map(JSON.string) ?? nil])
            }
            if v2.writes {
                router.add("POST", .v2, base) { context, store throws(APIError) in
                    let owner = try owner(spec, context, store)
                    let body = try context.body()
                    if let unknown = body.values.keys.sorted().first(where: { $0 != spec.linkedKey }) {
                        throw .validation(unknown, "Parameter '\(unknown)' is not allowed for this request")
                    }
                    guard case .int(let linked) = body.values[spec.linkedKey] else {
                        throw .validation(spec.linkedKey, "is required and must be an integer")
                    }
                    return Envelope.v2(presentV2(spec, try add(spec, owner, linked, context, &store)), status: 201)
                }
                router.add("DELETE", .v2, base + "/{linked_id}") { context, store throws(APIError) in
                    let owner = try owner(spec, context, store)
                    let linked = try context.intParam("linked_id")
                    guard let relation = rows(spec, of: owner, in: store).first(where: { $0[spec.linkedKey]?.intValue == linked }),
                        let id = relation["id"]?.intValue
                    else { throw .notFound(spec.relationNotFound) }
                    remove(spec, id, from: &store)
                    return Envelope.v2([spec.linkedKey: .int(linked)])
                }
            }
        }
    }

    /// The owner the path's `id` names; the owner's 404 when there is none.
    static func owner(_ spec: LinkSpec, _ context: RouteContext, _ store: Store) throws(APIError) -> Int {
        let id = try context.intParam("id")
        _ = try store.existing(spec.owner, id, spec.ownerNotFound)
        return id
    }

    /// Links `linked` to `owner`, now; 400 when the linked record does not exist or is linked already.
    static func add(_ spec: LinkSpec, _ owner: Int, _ linked: Int, _ context: RouteContext, _ store: inout Store) throws(APIError) -> JSON {
        guard store[spec.linked][linked] != nil else { throw .badRequest(spec.linkedMissing(linked)) }
        guard !rows(spec, of: owner, in: store).contains(where: { $0[spec.linkedKey]?.intValue == linked }) else {
            throw .badRequest(spec.linkedTwice(linked, owner))
        }
        var row: JSON = [
            "id": .int(store.nextID(spec.table)), spec.ownerKey: .int(owner), spec.linkedKey: .int(linked),
            "add_time": .string(Timestamp.v1(store.tick())),
        ]
        for (key, value) in spec.extra(context) { row[key] = value }
        store.save(spec.table, row)
        return row
    }

    static func remove(_ spec: LinkSpec, _ relation: Int, from store: inout Store) {
        _ = store.tick()
        store.delete(spec.table, relation)
    }

    /// v2's item: the linked id and when it was linked, RFC 3339.
    static func presentV2(_ spec: LinkSpec, _ row: JSON) -> JSON {
        let added = Timestamp.parseV1(row["add_time"]?.stringValue ?? "") ?? 0
        return [spec.linkedKey: row[spec.linkedKey] ?? nil, "add_time": .string(Timestamp.v2(added))]
    }
}
