import JSONValue

/// A built-in field a write may send: its name in the body, the key it is stored under, its type.
struct WriteField: Sendable {
    var name: String
    var key: String
    var kind: FieldInput

    init(_ name: String, _ kind: FieldInput, key: String? = nil) {
        self.name = name
        self.key = key ?? name
        self.kind = kind
    }
}

/// What a renderer needs besides the row: the store, the entity's custom fields (read once per request)
/// and, for v1, the related objects it gathers.
struct RenderContext {
    let store: Store
    let customFields: [CustomFieldDefinition]
    /// v2 `include_option_labels=true`.
    var optionLabels = false
    /// v1 `/pipelines/{id}/deals` shows user, person and organization as plain ids.
    var flatReferences = false
    var related = RelatedObjects()
    /// v1 counters, counted on first use for the request.
    private var counters: RecordCounters?

    init(store: Store, customFields: [CustomFieldDefinition]) {
        self.store = store
        self.customFields = customFields
    }

    /// Adds the v1 counters and activity summary of the item `id` (`key`: `deal_id`, `person_id`, `org_id`).
    mutating func addCounters(_ key: String, _ id: JSON?, into out: inout [String: JSON]) {
        if counters?.key != key { counters = RecordCounters(key: key, store: store) }
        counters?.fill(id?.intValue ?? 0, into: &out)
    }
}

/// One sales entity as the generic handlers in `EntityRoutes` serve it. Each entity's file fills one in.
struct EntitySpec: Sendable {
    /// The store table, e.g. `deals`.
    var table: String
    /// For messages: "Deal".
    var noun: String
    /// The entity's `*Fields` table when it has custom fields.
    var fieldsTable: String?
    var v1Writes: [WriteField]
    var v2Writes: [WriteField]
    /// Body fields a create must carry, with the v1 message when one is missing.
    var required: [(field: String, message: String)] = []
    var v1CreateStatus = 201
    var v2CreateStatus = 200
    /// Stored keys holding v1 timestamps that v2 renders as RFC 3339.
    var timestampKeys = ["add_time", "update_time"]
    /// v2 `sort_by` values besides id, add_time and update_time.
    var v2SortKeys: [String] = []
    /// A new row before the sent values apply.
    var defaults: @Sendable (_ id: Int, _ now: String, _ userID: Int, _ store: Store) -> [String: JSON]
    /// Derives dependent values after a write and checks rules spanning fields (e.g. a stage's pipeline).
    /// `sent` is the request body.
    var finish: @Sendable (_ row: inout [String: JSON], _ before: [String: JSON]?, _ sent: [String: JSON], _ store: Store,
                           _ now: String) throws(FieldError) -> Void
    var renderV1: @Sendable (_ row: JSON, _ context: inout RenderContext) -> JSON
    var renderV2: @Sendable (_ row: JSON, _ context: RenderContext) -> JSON
    /// The rows a list starts from; `status=deleted` lists draw on the deleted rows.
    var source: @Sendable (_ query: [String: String], _ store: Store, _ version: RouteVersion) -> ListSource
    /// v1 list filters from the query and the token's user; nil keeps every row.
    var v1Filter: @Sendable (_ query: [String: String], _ userID: Int, _ store: Store) throws(APIError) -> (@Sendable (JSON) -> Bool)?
    /// v2 list filters from the query (strictly typed); nil keeps every row.
    var v2Filter: @Sendable (_ query: [String: String], _ store: Store) throws(APIError) -> (@Sendable (JSON) -> Bool)? = {
        _, _ in nil
    }

    init(
        table: String, noun: String, fieldsTable: String?, v1Writes: [WriteField], v2Writes: [WriteField],
        required: [(field: String, message: String)], v1CreateStatus: Int, v2CreateStatus: Int,
        timestampKeys: [String] = ["add_time", "update_time"], v2SortKeys: [String] = [],
        source: (@Sendable (_ query: [String: String], _ store: Store, _ version: RouteVersion) -> ListSource)? = nil,
        defaults: @escaping @Sendable (_ id: Int, _ now: String, _ userID: Int, _ store: Store) -> [String: JSON],
        finish: @escaping @Sendable (_ row: inout [String: JSON], _ before: [String: JSON]?, _ sent: [String: JSON],
                                     _ store: Store, _ now: String) throws(FieldError) -> Void = { _, _, _, _, _ in },
        renderV1: @escaping @Sendable (_ row: JSON, _ context: inout RenderContext) -> JSON,
        renderV2: @escaping @Sendable (_ row: JSON, _ context: RenderContext) -> JSON,
        v1Filter: @escaping @Sendable (_ query: [String: String], _ userID: Int, _ store: Store) throws(APIError)
            -> (@Sendable (JSON) -> Bool)? = { _, _, _ in nil },
        v2Filter: @escaping @Sendable (_ query: [String: String], _ store: Store) throws(APIError) -> (@Sendable (JSON) -> Bool)? = { _, _ in nil }
    ) {
        self.table = table
        self.noun = noun
        self.fieldsTable = fieldsTable
        self.v1Writes = v1Writes
        self.v2Writes = v2Writes
        self.required = required
        self.v1CreateStatus = v1CreateStatus
        self.v2CreateStatus = v2CreateStatus
        self.timestampKeys = timestampKeys
        self.v2SortKeys = v2SortKeys
        self.source = source ?? { _, store, _ in ListSource([store[table]]) }
        self.defaults = defaults
        self.finish = finish
        self.renderV1 = renderV1
        self.renderV2 = renderV2
        self.v1Filter = v1Filter
        self.v2Filter = v2Filter
    }

    func notFound() -> APIError { .notFound("\(noun) not found") }

    func renderContext(_ store: Store) -> RenderContext {
        RenderContext(store: store, customFields: fieldsTable.map { CustomFieldDefinition.all(store, $0) } ?? [])
    }

    /// The common v2 rendering: stored keys as they are, timestamps in RFC 3339, custom fields nested.
    func v2Base(_ row: JSON, _ context: RenderContext, keys: [String]) -> [String: JSON] {
        var out: [String: JSON] = [:]
        out.reserveCapacity(keys.count + 8)
        for key in keys { out[key] = row[key] ?? .null }
        for key in timestampKeys where keys.contains(key) {
            out[key] = (row[key]?.stringValue).map { .string(V2Time.from(v1: $0)) } ?? .null
        }
        if fieldsTable != nil {
            var custom: [String: JSON] = [:]
            let stored = row["custom_fields"]?.objectValue ?? [:]
            for field in context.customFields {
                let value = stored[field.key] ?? .null
                custom[field.key] = context.optionLabels ? field.labelled(value) : value
            }
            out["custom_fields"] = .object(custom)
        }
        return out
    }

    /// The custom field values flattened to the top level, v1 style.
    func v1CustomFields(_ row: JSON, _ context: RenderContext, into out: inout [String: JSON]) {
        let stored = row["custom_fields"]?.objectValue ?? [:]
        for field in context.customFields { field.flattenV1(stored[field.key], into: &out) }
    }
}

/// v1 timestamps are stored; v2 shows them in RFC 3339.
enum V2Time {
    static func from(v1 text: String) -> String {
        guard text.count == 19 else { return text }
        return text.prefix(10) + "T" + text.suffix(8) + "Z"
    }
}
