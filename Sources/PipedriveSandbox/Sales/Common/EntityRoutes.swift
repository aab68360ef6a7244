import Foundation
import JSONValue

/// The generic list, get, create, update and delete handlers every sales entity shares, in v1 and v2.
enum EntityRoutes {
    /// Registers GET/POST `/x`, GET/PUT/DELETE `/x/{id}` and, where Pipedrive has it, bulk DELETE
    /// `/x?ids=` in v1; GET/POST `/x`, GET/PATCH/DELETE `/x/{id}` in v2.
    static func register(
        _ spec: EntitySpec, path: String, in router: inout Router, v1: Bool = true, v2: Bool = true, bulkDelete: Bool = false
    ) {
        if v1 {
            router.add("GET", .v1, path) { context, store throws(APIError) in try list(spec, context, store) }
            router.add("GET", .v1, "\(path)/{id}") { context, store throws(APIError) in try get(spec, context, store) }
            router.add("POST", .v1, path) { context, store throws(APIError) in try create(spec, context, &store) }
            router.add("PUT", .v1, "\(path)/{id}") { context, store throws(APIError) in try update(spec, context, &store) }
            router.add("DELETE", .v1, "\(path)/{id}") { context, store throws(APIError) in try delete(spec, context, &store) }
            if bulkDelete {
                router.add("DELETE", .v1, path) { context, store throws(APIError) in try Self.bulkDelete(spec, context, &store) }
            }
        }
        if v2 {
            router.add("GET", .v2, path) { context, store throws(APIError) in try list(spec, context, store) }
            router.add("GET", .v2, "\(path)/{id}") { context, store throws(APIError) in try get(spec, context, store) }
            router.add("POST", .v2, path) { context, store throws(APIError) in try create(spec, context, &store) }
            router.add("PATCH", .v2, "\(path)/{id}") { context, store throws(APIError) in try update(spec, context, &store) }
            router.add("DELETE", .v2, "\(path)/{id}") { context, store throws(APIError) in try delete(spec, context, &store) }
        }
    }

    // MARK: Reads

    static func list(_ spec: EntitySpec, _ context: RouteContext, _ store: Store) throws(APIError) -> SandboxResponse {
        let filter = context.version == .v1
            ? try spec.v1Filter(context.query, context.userID, store) : try spec.v2Filter(context.query, store)
        let saved = try SavedFilter.predicate(context.query, table: spec.table, version: context.version, store: store)
        let rows = spec.source(context.query, store, context.version).filtered(by: allOf([filter, saved]))
        return try respondList(spec, rows, context, store)
    }

    /// A page of `rows` in the version's list envelope, sorted per the query.
    static func respondList(_ spec: EntitySpec, _ rows: [JSON], _ context: RouteContext, _ store: Store,
                            additional: [String: JSON] = [:], flatReferences: Bool = false) throws(APIError) -> SandboxResponse {
        try respondList(spec, ListRows.array(rows), context, store, additional: additional, flatReferences: flatReferences)
    }

    /// A page of `rows`, read no further than the page needs when the query keeps their order.
    static func respondList(_ spec: EntitySpec, _ rows: ListSource, _ context: RouteContext, _ store: Store,
                            additional: [String: JSON] = [:], flatReferences: Bool = false) throws(APIError) -> SandboxResponse {
        try respondList(spec, ListRows.source(rows), context, store, additional: additional, flatReferences: flatReferences)
    }

    private static func respondList(_ spec: EntitySpec, _ rows: ListRows, _ context: RouteContext, _ store: Store,
                                    additional: [String: JSON], flatReferences: Bool) throws(APIError) -> SandboxResponse {
        var render = spec.renderContext(store)
        render.flatReferences = flatReferences
        if context.version == .v1 {
            let (page, pagination) = try ListSorting.v1Page(rows, query: context.query, spec: spec)
            let data = page.map { spec.renderV1($0, &render) }
            var additionalData = additional
            additionalData["pagination"] = pagination
            return Envelope.v1(.array(data), additionalData: .object(additionalData), relatedObjects: render.related.json(store))
        }
        render.optionLabels = try V2Query.bool(context.query, "include_option_labels") ?? false
        let (page, next) = try ListSorting.v2Page(rows, query: context.query, spec: spec)
        return Envelope.v2(.array(page.map { spec.renderV2($0, render) }), additionalData: ["next_cursor": next.map(JSON.string) ?? .null])
    }

    static func get(_ spec: EntitySpec, _ context: RouteContext, _ store: Store) throws(APIError) -> SandboxResponse {
        // v2 keeps answering a deleted record by id, marked `is_deleted: true`, until it is purged after 30 days
        // (Pipedrive's v2 migration guide); lists leave it out.
        if context.version == .v2, softDeleted.contains(spec.table), let id = Int(context.pathParams["id"] ?? ""),
            store[spec.table][id] == nil, let row = store.deleted[spec.table]?[id]
        {
            return single(spec, row, context, store)
        }
        let row = try existing(spec, context, store)
        return single(spec, row, context, store)
    }

    /// The v2 entities whose deleted records stay readable by id, flagged.
    static let softDeleted: Set<String> = ["deals", "persons", "organizations", "activities", "products"]

    static func single(_ spec: EntitySpec, _ row: JSON, _ context: RouteContext, _ store: Store, status: Int = 200) -> SandboxResponse {
        var render = spec.renderContext(store)
        if context.version == .v1 {
            let data = spec.renderV1(row, &render)
            return Envelope.v1(data, relatedObjects: render.related.isEmpty ? nil : render.related.json(store), status: status)
        }
        render.optionLabels = (try? V2Query.bool(context.query, "include_option_labels")) ?? false
        return Envelope.v2(spec.renderV2(row, render), status: status)
    }

    /// `GET <path>/{id}/<child>` (v1): the rows linked to one existing parent, listed by `list`.
    static func registerLinked(
        _ parent: EntitySpec, path: String, child: String, in router: inout Router,
        list: @escaping @Sendable (JSON, RouteContext, Store) throws(APIError) -> SandboxResponse
    ) {
        router.add("GET", .v1, "\(path)/{id}/\(child)") { context, store throws(APIError) in
            try list(try existing(parent, context, store), context, store)
        }
    }

    static func existing(_ spec: EntitySpec, _ context: RouteContext, _ store: Store) throws(APIError) -> JSON {
        guard let id = Int(context.pathParams["id"] ?? ""), let row = store[spec.table][id] else { throw spec.notFound() }
        return row
    }

    // MARK: Writes

    static func create(_ spec: EntitySpec, _ context: RouteContext, _ store: inout Store) throws(APIError) -> SandboxResponse {
        let body = try ReceivedBody.members(context)
        try requirePresent(spec, body, context, creating: true)
        // The id and moment this write would take, found without touching the store until it is accepted.
        var probe = store
        let moment = probe.tick()
        let id = probe.nextID(spec.table)
        let now = Timestamp.v1(moment)
        var row = spec.defaults(id, now, context.userID, store)
        try apply(spec, body, to: &row, before: nil, context: context, store: store, now: now)
        commit(moment, &store)
        _ = store.nextID(spec.table)
        store.tables[spec.table, default: Table()].upsert(id, .object(row))
        return single(spec, .object(row), context, store,
                      status: context.version == .v1 ? spec.v1CreateStatus : spec.v2CreateStatus)
    }

    static func update(_ spec: EntitySpec, _ context: RouteContext, _ store: inout Store) throws(APIError) -> SandboxResponse {
        let existingRow = try existing(spec, context, store)
        let body = try ReceivedBody.members(context)
        try requirePresent(spec, body, context, creating: false)
        let before = existingRow.objectValue ?? [:]
        var row = before
        var probe = store
        let moment = probe.tick()
        try apply(spec, body, to: &row, before: before, context: context, store: store, now: Timestamp.v1(moment))
        commit(moment, &store)
        store.tables[spec.table, default: Table()].upsert(row["id"]!.intValue!, .object(row))
        return single(spec, .object(row), context, store)
    }

    /// A create must carry the required fields; no write may blank them.
    static func requirePresent(_ spec: EntitySpec, _ body: [String: JSON], _ context: RouteContext, creating: Bool) throws(APIError) {
        for (field, message) in spec.required {
            let value = body[field]
            let blank = value == .null || value == "" || (creating && value == nil)
            guard blank else { continue }
            throw context.version == .v1
                ? .badRequest(message) : .validation(field, creating ? "Parameter '\(field)' is required" : "Must not be empty")
        }
    }

    /// Advances the store's clock to the moment an accepted write was validated at.
    static func commit(_ moment: Int, _ store: inout Store) {
        _ = store.tick(now: Date(timeIntervalSince1970: TimeInterval(moment)))
    }

    /// Validates every sent value, then writes them into `row`. Throws before changing anything stored.
    static func apply(_ spec: EntitySpec, _ body: [String: JSON], to row: inout [String: JSON], before: [String: JSON]?,
                      context: RouteContext, store: Store, now: String) throws(APIError) {
        let version = context.version
        let writes = version == .v1 ? spec.v1Writes : spec.v2Writes
        var byName: [String: WriteField] = [:]
        for field in writes { byName[field.name] = field }
        let customFields = spec.fieldsTable.map { CustomFieldDefinition.all(store, $0) } ?? []
        var customKeys: Set<String> = []
        if version == .v1 {
            for field in customFields {
                customKeys.insert(field.key)
                for suffix in field.v1Suffixes { customKeys.insert("\(field.key)_\(suffix)") }
            }
        }
        do throws(FieldError) {
            for name in body.keys.sorted() {
                let value = body[name]!
                if let field = byName[name] {
                    let stored = try field.kind.coerce(value, field: name, version: version, store: store)
                    row[field.key] = stored
                } else if customKeys.contains(name) {
                    continue  // read below, with its suffixed siblings
                } else if version == .v2, name == "custom_fields", spec.fieldsTable != nil {
                    guard let members = value.objectValue else { throw FieldError(field: name, reason: "must be an object") }
                    var custom = row["custom_fields"]?.objectValue ?? [:]
                    for (key, member) in members {
                        guard let field = customFields.first(where: { $0.key == key }) else {
                            throw FieldError(field: "custom_fields.\(key)", reason: "Unknown custom field")
                        }
                        custom[key] = try field.validateV2(member, store: store)
                    }
                    row["custom_fields"] = .object(custom.filter { $0.value != .null })
                } else {
                    throw FieldError(field: name, reason: "Parameter '\(name)' is not allowed for this request")
                }
            }
            if version == .v1, !customFields.isEmpty {
                var custom = row["custom_fields"]?.objectValue ?? [:]
                for field in customFields {
                    if let value = try field.readV1(body, current: custom[field.key], store: store) {
                        custom[field.key] = value == .null ? nil : value
                    }
                }
                row["custom_fields"] = .object(custom)
            }
            try spec.finish(&row, before, body, store, now)
        } catch {
            throw error.apiError(version)
        }
        row["update_time"] = .string(now)
    }

    static func delete(_ spec: EntitySpec, _ context: RouteContext, _ store: inout Store) throws(APIError) -> SandboxResponse {
        let row = try existing(spec, context, store)
        let id = row["id"]!.intValue!
        remove(spec, [id], &store)
        return context.version == .v1 ? Envelope.v1(["id": .int(id)]) : Envelope.v2(["id": .int(id)])
    }

    /// v1 `DELETE /x?ids=1,2,3`: every id must exist, or nothing is deleted.
    static func bulkDelete(_ spec: EntitySpec, _ context: RouteContext, _ store: inout Store) throws(APIError) -> SandboxResponse {
        guard let text = context.query["ids"], !text.isEmpty else { throw .badRequest("Parameter 'ids' is required.") }
        var ids: [Int] = []
        for part in text.split(separator: ",") {
            guard let id = Int(part.trimmingCharacters(in: .whitespaces)) else {
                throw .badRequest("Parameter 'ids' must be a comma-separated list of integers.")
            }
            guard store[spec.table][id] != nil else { throw spec.notFound() }
            if !ids.contains(id) { ids.append(id) }
        }
        remove(spec, ids, &store)
        return Envelope.v1(["id": .array(ids.map(JSON.int))])
    }

    /// Moves rows to the deleted table, marked deleted, so they leave every list.
    static func remove(_ spec: EntitySpec, _ ids: [Int], _ store: inout Store) {
        let now = Timestamp.v1(store.tick())
        for id in ids {
            guard var row = store.tables[spec.table]?.remove(id) else { continue }
            row["is_deleted"] = true
            row["update_time"] = .string(now)
            store.deleted[spec.table, default: Table()].upsert(id, row)
        }
    }
}

extension ListPaging {
    /// A cursor page over rows in any order: the cursor carries the position.
    static func positional(_ rows: [JSON], query: [String: String], maxLimit: Int = ListPaging.maxLimit)
        throws(APIError) -> (page: [JSON], nextCursor: String?)
    {
        let indexed = Array(rows.indices)
        let (page, next) = try cursor(indexed, id: { $0 }, query: query, maxLimit: maxLimit)
        return (page.map { rows[$0] }, next)
    }
}
