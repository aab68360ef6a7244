import JSONValue

/// One workspace resource (v1 only) as the generic handlers in `WorkspaceRoutes` serve it: its table and
/// paths, the bodies its writes accept, how a row is made, changed, deleted and answered. Each resource's
/// file fills one in; a route the resource does not have is left nil (`.none`), and routes no other
/// resource has stay in the resource's own `register`.
struct WorkspaceSpec: Sendable {
    typealias Values = [String: JSON]

    /// `POST <path>`: the body is checked against `schema`, then `make` builds the row from the values,
    /// the row's key and the write's moment, throwing before anything is stored.
    struct Create: Sendable {
        var schema: BodySchema
        var status = 200
        var make: @Sendable (_ key: Int, _ values: Values, _ context: RouteContext, _ now: Int, _ store: Store) throws(APIError) -> JSON
    }

    /// `PUT <path>/{id}`: `apply` checks the values and writes them into the stored row (every value as sent,
    /// by default) at the write's moment `now`; `stamp` names the key that takes that moment, v1-formatted.
    struct Update: Sendable {
        var schema: BodySchema
        var requireAll = true
        var stamp: String?
        var apply: @Sendable (_ row: inout JSON, _ values: Values, _ now: Int, _ store: Store) throws(APIError) -> Void = {
            row, values, _, _ in
            for (key, value) in values { row[key] = value }
        }
    }

    /// `DELETE <path>/{id}` and, with `bulk`, `DELETE <path>?ids=`: the row moves to the deleted table.
    struct Delete: Sendable {
        var bulk = false
        /// Refuses a delete Pipedrive would refuse (e.g. a role with sub-roles).
        var check: @Sendable (_ key: Int, _ store: Store) throws(APIError) -> Void = { _, _ in }
        /// Marks the row as Pipedrive keeps it once deleted.
        var mark: @Sendable (_ row: inout JSON, _ now: Int) -> Void = { _, _ in }
        /// Removes what the row owns outside its table (a file's bytes).
        var cleanup: @Sendable (_ key: Int, _ store: inout Store) -> Void = { _, _ in }
        /// The answer to a single delete; by default `{id}` in the envelope.
        var answer: (@Sendable (_ row: JSON) -> SandboxResponse)?
    }

    /// The store table, e.g. `roles`.
    var table: String
    /// For messages: "Role".
    var noun: String
    /// The paths it is served under, e.g. `/teams` and its deprecated twin `/legacyTeams`.
    var paths: [String]
    /// String ids (call logs, goals) live in the row's `id`; the table is keyed by an internal number.
    var stringIDs = false
    /// Whether the token's user may see a row; any other is answered as missing (a mailbox's threads).
    var visible: @Sendable (_ row: JSON, _ context: RouteContext) -> Bool = { _, _ in true }
    /// Pipedrive's 404 for an id that names no row.
    var notFound: @Sendable (_ id: String) -> APIError
    /// The answer around data: Pipedrive's v1 envelope unless the resource has its own.
    var envelope: @Sendable (_ data: JSON, _ status: Int) -> SandboxResponse = { Envelope.v1($0, status: $1) }
    /// A refusal in the resource's own error shape; nil: Pipedrive's error envelope.
    var refusal: (@Sendable (APIError) -> SandboxResponse)?

    /// `GET <path>`.
    enum Listing: Sendable {
        case none
        /// Every row, presented, unpaged.
        case all
        case custom(@Sendable (_ context: RouteContext, _ store: Store) throws(APIError) -> SandboxResponse)
    }

    var list = Listing.none
    /// `GET <path>/{id}`.
    enum Reading: Sendable {
        case none
        /// The row as `present` shows it, in the envelope.
        case presented
        case custom(@Sendable (_ row: JSON, _ context: RouteContext, _ store: Store) -> SandboxResponse)
    }

    var get = Reading.presented
    /// A row as reads answer it.
    var present: @Sendable (_ row: JSON, _ context: RouteContext, _ store: Store) -> JSON = { row, _, _ in row }
    /// The answer to a create or update; by default the row as reads present it, in the envelope.
    var written: (@Sendable (_ row: JSON, _ context: RouteContext, _ store: Store) -> SandboxResponse)?
    var create: Create?
    var update: Update?
    var delete: Delete?

    init(table: String, noun: String, paths: [String]? = nil, notFound: (@Sendable (_ id: String) -> APIError)? = nil) {
        self.table = table
        self.noun = noun
        self.paths = paths ?? ["/\(table)"]
        let message = "\(noun) not found"
        self.notFound = notFound ?? { _ in .notFound(message) }
    }
}
