import JSONValue

/// What users can follow. Each kind keeps its follower relations in its own table, as v1 rows
/// `{id, user_id, <item>_id, add_time}` where `id` is the relation's id.
enum FollowedKind: String, CaseIterable, Sendable {
    case deal, person, organization, product, user

    var table: String { rawValue + "Followers" }
    /// The followed entity's table.
    var entity: String { rawValue + "s" }
    /// The key naming the followed item in a v1 follower row (`user_id` names the follower).
    var itemKey: String {
        switch self {
        case .organization: "org_id"
        case .user: "followed_user_id"
        default: rawValue + "_id"
        }
    }
    var notFound: String {
        self == .user ? UserEndpoints.notFound : "\(rawValue.capitalizedFirst) not found"
    }
}

enum Followers {
    /// The follower relations of one item, oldest first.
    static func of(_ kind: FollowedKind, _ id: Int, in store: Store) -> [JSON] {
        store[kind.table].all.filter { $0[kind.itemKey]?.intValue == id }
    }

    /// Adds `userID` as a follower, at `time` or now; 400 when the user does not exist or already follows the item.
    static func add(_ kind: FollowedKind, _ id: Int, userID: Int, at time: Int? = nil, in store: inout Store) throws(APIError) -> JSON {
        guard store["users"][userID] != nil else { throw .badRequest("User \(userID) does not exist.") }
        guard !of(kind, id, in: store).contains(where: { $0["user_id"]?.intValue == userID }) else {
            throw .badRequest("User \(userID) is already a follower.")
        }
        let row: JSON = [
            "id": .int(store.nextID(kind.table)), "user_id": .int(userID), kind.itemKey: .int(id),
            "add_time": .string(Timestamp.v1(time ?? store.tick())),
        ]
        store.save(kind.table, row)
        return row
    }

    static let addSchema = BodySchema(["user_id": .required(.int)])

    static func register(in router: inout Router) {
        for kind in FollowedKind.allCases where kind != .user {
            let base = "/\(kind.entity)/{id}/followers"
            router.add("GET", .v1, base) { context, store throws(APIError) in
                let id = try context.intParam("id")
                _ = try store.existing(kind.entity, id, kind.notFound)
                return try V1List.page(of(kind, id, in: store), context)
            }
            router.add("POST", .v1, base) { context, store throws(APIError) in
                let id = try context.intParam("id")
                _ = try store.existing(kind.entity, id, kind.notFound)
                let values = try addSchema.validate(try context.body())
                let row = try add(kind, id, userID: values["user_id"]!.intValue!, in: &store)
                return Envelope.v1(row, status: kind == .product ? 201 : 200)
            }
            router.add("DELETE", .v1, base + "/{follower_id}") { context, store throws(APIError) in
                let id = try context.intParam("id")
                _ = try store.existing(kind.entity, id, kind.notFound)
                let relation = try context.intParam("follower_id")
                guard store[kind.table][relation]?[kind.itemKey]?.intValue == id else {
                    throw .notFound("Follower not found")
                }
                store.delete(kind.table, relation)
                _ = store.tick()
                return Envelope.v1(["id": .int(relation)])
            }
        }
        for kind in FollowedKind.allCases {
            registerV2(kind, in: &router)
        }
    }

    /// v2: `{user_id, add_time}` items with cursor paging; DELETE names the follower by user id.
    static func registerV2(_ kind: FollowedKind, in router: inout Router) {
        let base = "/\(kind.entity)/{id}/followers"
        router.add("GET", .v2, base) { context, store throws(APIError) in
            let id = try context.intParam("id")
            _ = try store.existing(kind.entity, id, kind.notFound)
            let (page, next) = try ListPaging.cursor(of(kind, id, in: store), id: { $0["id"]?.intValue ?? 0 }, query: context.query)
            return Envelope.v2(.array(page.map(presentV2)), additionalData: ["next_cursor": next.map(JSON.string) ?? nil])
        }
        guard kind != .user else { return }
        router.add("POST", .v2, base) { context, store throws(APIError) in
            let id = try context.intParam("id")
            _ = try store.existing(kind.entity, id, kind.notFound)
            let body = try context.body()
            if let unknown = body.values.keys.sorted().first(where: { $0 != "user_id" }) {
                throw .validation(unknown, "Parameter '\(unknown)' is not allowed for this request")
            }
            guard case .int(let userID) = body.values["user_id"] else {
                throw .validation("user_id", "is required and must be an integer")
            }
            let row = try add(kind, id, userID: userID, in: &store)
            return Envelope.v2(presentV2(row), status: 201)
        }
        router.add("DELETE", .v2, base + "/{follower_id}") { context, store throws(APIError) in
            let id = try context.intParam("id")
            _ = try store.existing(kind.entity, id, kind.notFound)
            let userID = try context.intParam("follower_id")
            guard let relation = of(kind, id, in: store).first(where: { $0["user_id"]?.intValue == userID }),
                let relationID = relation["id"]?.intValue
            else { throw .notFound("Follower not found") }
            store.delete(kind.table, relationID)
            _ = store.tick()
            return Envelope.v2(["user_id": .int(userID)])
        }
    }

    static func presentV2(_ row: JSON) -> JSON {
        let added = Timestamp.parseV1(row["add_time"]?.stringValue ?? "") ?? 0
        return ["user_id": row["user_id"] ?? nil, "add_time": .string(Timestamp.v2(added))]
    }
}
