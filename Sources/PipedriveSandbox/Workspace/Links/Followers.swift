import JSONValue

/// What users can follow. Each kind keeps its follower relations in its own table, as v1 rows
/// `{id, user_id, <item>_id, add_time}` where `id` is the relation's id, served by `LinkRoutes`.
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

    /// `/<entity>/{id}/followers`: v1 lists, adds and deletes by relation id (a user's followers: their ids
    /// only), v2 pages, adds and deletes by user id (a user's followers: listed only).
    var followers: LinkSpec {
        LinkSpec(
            table: table, owner: entity, ownerNotFound: notFound, ownerKey: itemKey, linked: "users", linkedKey: "user_id",
            path: "followers", relationNotFound: "Follower not found",
            linkedMissing: { "User \($0) does not exist." }, linkedTwice: { user, _ in "User \(user) is already a follower." },
            v1: self == .user ? .init(listing: .linkedIDs, writes: false) : .init(addStatus: self == .product ? 201 : 200),
            v2: .init(writes: self != .user))
    }
}

enum Followers {
    /// The follower relations of one item, oldest first.
    static func of(_ kind: FollowedKind, _ id: Int, in store: Store) -> [JSON] {
        LinkRoutes.rows(kind.followers, of: id, in: store)
    }

    static func register(in router: inout Router) {
        for kind in FollowedKind.allCases { LinkRoutes.register(kind.followers, in: &router) }
    }
}
