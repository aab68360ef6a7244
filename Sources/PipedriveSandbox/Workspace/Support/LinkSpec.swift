import JSONValue

/// A relation between two records (a deal's followers, its participants) as the generic handlers in
/// `LinkRoutes` serve it: rows `{id, <ownerKey>, <linkedKey>, add_time, …}` in a table of their own, listed,
/// added and deleted under the owner's path, `/<owner>/{id}/<path>`. Each relation's file fills one in; a
/// version whose routes the relation does not have is left nil. Token costs follow from the paths
/// (`TokenCost`), as for every route.
struct LinkSpec: Sendable {
    /// The relation rows' table, e.g. `dealFollowers`.
    var table: String
    /// The owner's table, e.g. `deals`, and Pipedrive's 404 when the path's id names none.
    var owner: String
    var ownerNotFound: String
    /// The row's key naming the owner, e.g. `deal_id` (`org_id`, `followed_user_id`).
    var ownerKey: String
    /// The linked records' table and the row's key naming one: `users` and `user_id`, `persons` and `person_id`.
    var linked: String
    var linkedKey: String
    /// Below the owner's path, e.g. `followers`.
    var path: String
    /// Pipedrive's 404 when a relation id names no relation of the owner.
    var relationNotFound: String
    /// The 400s of an add: the linked record does not exist; it is linked already (linked id, owner id).
    var linkedMissing: @Sendable (_ linked: Int) -> String
    var linkedTwice: @Sendable (_ linked: Int, _ owner: Int) -> String
    /// What a new row holds besides its id, keys and `add_time` (who added it).
    var extra: @Sendable (_ context: RouteContext) -> [String: JSON] = { _ in [:] }

    /// v1: offset pages of rows, an add that answers the new row, a delete by the relation's id (`{id}`).
    struct V1: Sendable {
        enum Listing: Sendable {
            /// Pages of the rows as `present` shows them, with `related` as `related_objects`.
            case rows
            /// Every linked id, unpaged (a user's followers).
            case linkedIDs
        }
        var listing = Listing.rows
        /// Whether it has the add and delete routes.
        var writes = true
        var addStatus = 200
        var present: @Sendable (_ row: JSON, _ store: Store) -> JSON = { row, _ in row }
        var related: (@Sendable (_ rows: [JSON], _ store: Store) -> JSON)?
    }

    /// v2: cursor pages of `{<linkedKey>, add_time}`, an add whose body holds only `<linkedKey>` (201), a delete
    /// by the linked record's id (`{<linkedKey>}`).
    struct V2: Sendable {
        var writes = true
    }

    var v1: V1?
    var v2: V2?
}
