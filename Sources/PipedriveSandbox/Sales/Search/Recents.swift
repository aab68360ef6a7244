import JSONValue

/// v1 `/recents`: rows of the asked item types changed since `since_timestamp`, oldest change first,
/// each as `{item, id, data}` with the item in its v1 shape.
enum Recents {
    /// Item type → table, and the renderer for sales entities (workspace rows are stored in v1 shape).
    static let itemTables: [(item: String, table: String, spec: EntitySpec?)] = [
        ("activity", "activities", Activities.spec), ("activityType", "activityTypes", nil), ("deal", "deals", Deals.spec),
        ("file", "files", nil), ("filter", "filters", nil), ("note", "notes", Notes.spec),
        ("person", "persons", Persons.spec), ("organization", "organizations", Organizations.spec),
        ("pipeline", "pipelines", Pipelines.spec), ("product", "products", Products.spec), ("stage", "stages", Stages.spec),
        ("user", "users", nil),
    ]

    static func register(in router: inout Router) {
        router.add("GET", .v1, "/recents") { context, store throws(APIError) in
            guard let since = context.query["since_timestamp"], !since.isEmpty else {
                throw .badRequest("Parameter 'since_timestamp' is required.")
            }
            guard Timestamp.parseV1(since) != nil else {
                throw .badRequest("Parameter 'since_timestamp' must be in the format YYYY-MM-DD HH:MM:SS.")
            }
            var wanted = Set(itemTables.map(\.item))
            if let text = context.query["items"], !text.isEmpty {
                wanted = Set(text.split(separator: ",").map(String.init))
                for item in wanted where !itemTables.contains(where: { $0.item == item }) {
                    throw .badRequest("Parameter 'items' has an unknown item type '\(item)'.")
                }
            }
            var changes: [(time: String, order: Int, item: String, id: Int, row: JSON, spec: EntitySpec?)] = []
            for (order, entry) in itemTables.enumerated() where wanted.contains(entry.item) {
                for row in store[entry.table].all {
                    let time = row["update_time"]?.stringValue ?? row["modified"]?.stringValue ?? row["add_time"]?.stringValue ?? ""
                    guard time >= since else { continue }
                    changes.append((time, order, entry.item, row["id"]?.intValue ?? 0, row, entry.spec))
                }
            }
            changes.sort { ($0.time, $0.order, $0.id) < ($1.time, $1.order, $1.id) }
            let (page, pagination) = try ListPaging.offset(changes, query: context.query)
            var contexts: [String: RenderContext] = [:]
            let data: [JSON] = page.map { change in
                var shown = change.row
                if let spec = change.spec {
                    // Today's /recents shows the users, persons and organizations of deals, persons and
                    // products as plain ids (an organization keeps its owner object), and a product's
                    // visible_to as a digit string.
                    var render = contexts[change.item] ?? spec.renderContext(store)
                    render.flatReferences = ["deal", "person", "product"].contains(change.item)
                    shown = spec.renderV1(change.row, &render)
                    contexts[change.item] = render
                    if change.item == "product" { shown["visible_to"] = .string(String(change.row["visible_to"]?.intValue ?? 3)) }
                }
                return ["item": .string(change.item), "id": .int(change.id), "data": shown]
            }
            return Envelope.v1(
                .array(data),
                additionalData: [
                    "since_timestamp": .string(since),
                    "last_timestamp_on_page": page.last.map { .string($0.time) } ?? .string(since),
                    "pagination": pagination,
                ])
        }
    }
}
