import Foundation
import JSONValue

/// The generic list, get, create, update and delete handlers the workspace resources share (v1). Every
/// write validates before it changes the store, so a refused request leaves the account as it was.
enum WorkspaceRoutes {
    /// Registers the routes `spec` has, under each of its paths.
    static func register(_ spec: WorkspaceSpec, in router: inout Router) {
        for path in spec.paths {
            switch spec.list {
            case .none: break
            case .all:
                add(spec, "GET", path, in: &router) { context, store throws(APIError) in
                    spec.envelope(.array(store[spec.table].all.map { spec.present($0, context, store) }), 200)
                }
            case .custom(let list):
                add(spec, "GET", path, in: &router) { context, store throws(APIError) in try list(context, store) }
            }
            switch spec.get {
            case .none: break
            case .presented:
                add(spec, "GET", "\(path)/{id}", in: &router) { context, store throws(APIError) in
                    spec.envelope(spec.present(try existing(spec, context, store).row, context, store), 200)
                }
            case .custom(let read):
                add(spec, "GET", "\(path)/{id}", in: &router) { context, store throws(APIError) in
                    read(try existing(spec, context, store).row, context, store)
                }
            }
            if let create = spec.create {
                add(spec, "POST", path, in: &router) { context, store throws(APIError) in try Self.create(spec, create, context, &store) }
            }
            if let update = spec.update {
                add(spec, "PUT", "\(path)/{id}", in: &router) { context, store throws(APIError) in try Self.update(spec, update, context, &store) }
            }
            if let delete = spec.delete {
                add(spec, "DELETE", "\(path)/{id}", in: &router) { context, store throws(APIError) in
                    try Self.delete(spec, delete, context, &store)
                }
                if delete.bulk {
                    add(spec, "DELETE", path, in: &router) { context, store throws(APIError) in
                        try bulkDelete(spec, delete, context, &store)
                    }
                }
            }
        }
    }

    /// Adds a handler whose refusals take the resource's own error shape, when it has one.
    static func add(_ spec: WorkspaceSpec, _ method: String, _ path: String, in router: inout Router, _ handler: @escaping RouteHandler) {
        guard let refusal = spec.refusal else { return router.add(method, .v1, path, handler: handler) }
        router.add(method, .v1, path) { context, store throws(APIError) in
            do throws(APIError) { return try handler(context, &store) } catch { return refusal(error) }
        }
    }

    /// The row the path's `id` names, with its key in the table; the resource's 404 when there is none.
    static func existing(_ spec: WorkspaceSpec, _ context: RouteContext, _ store: Store) throws(APIError) -> (key: Int, row: JSON) {
        let table = store[spec.table]
        if spec.stringIDs {
            let id = context.pathParams["id"] ?? ""
            guard let key = table.ids.first(where: { table[$0]?["id"]?.stringValue == id }), spec.visible(table[key]!, context) else {
                throw spec.notFound(id)
            }
            return (key, table[key]!)
        }
        let id = try context.intParam("id")
        guard let row = table[id], spec.visible(row, context) else { throw spec.notFound(String(id)) }
        return (id, row)
    }

    static func create(_ spec: WorkspaceSpec, _ create: WorkspaceSpec.Create, _ context: RouteContext, _ store: inout Store)
        throws(APIError) -> SandboxResponse
    {
        let values = try create.schema.validate(try context.body())
        // The key and moment this write would take, found without touching the store until it is accepted.
        var probe = store
        let now = probe.tick()
        let key = probe.nextID(spec.table)
        let row = try create.make(key, values, context, now, store)
        EntityRoutes.commit(now, &store)
        _ = store.nextID(spec.table)
        store[spec.table].upsert(key, row)
        return spec.written?(row, context, store) ?? spec.envelope(spec.present(row, context, store), create.status)
    }

    static func update(_ spec: WorkspaceSpec, _ update: WorkspaceSpec.Update, _ context: RouteContext, _ store: inout Store)
        throws(APIError) -> SandboxResponse
    {
        var (key, row) = try existing(spec, context, store)
        let values = try update.schema.validate(try context.body(), requireAll: update.requireAll)
        // The moment this write would take, kept only once it is accepted.
        var probe = store
        let now = probe.tick()
        try update.apply(&row, values, now, store)
        EntityRoutes.commit(now, &store)
        if let stamp = update.stamp { row[stamp] = .string(Timestamp.v1(now)) }
        store[spec.table].upsert(key, row)
        return spec.written?(row, context, store) ?? spec.envelope(spec.present(row, context, store), 200)
    }

    static func delete(_ spec: WorkspaceSpec, _ delete: WorkspaceSpec.Delete, _ context: RouteContext, _ store: inout Store)
        throws(APIError) -> SandboxResponse
    {
        let key = try existing(spec, context, store).key
        try delete.check(key, store)
        let row = remove(spec, delete, key, at: store.tick(), from: &store)
        return delete.answer?(row) ?? spec.envelope(["id": .int(key)], 200)
    }

    /// `DELETE <path>?ids=1,2,3`: every id must exist, or nothing is deleted.
    static func bulkDelete(_ spec: WorkspaceSpec, _ delete: WorkspaceSpec.Delete, _ context: RouteContext, _ store: inout Store)
        throws(APIError) -> SandboxResponse
    {
        let ids = try context.idList()
        if let missing = ids.first(where: { store[spec.table][$0] == nil }) { throw .notFound("\(spec.noun) \(missing) not found") }
        for id in ids { try delete.check(id, store) }
        let now = store.tick()
        for id in ids { remove(spec, delete, id, at: now, from: &store) }
        return spec.envelope(["id": .array(ids.map(JSON.int))], 200)
    }

    /// Moves a row to the deleted table, marked as Pipedrive keeps it.
    @discardableResult
    static func remove(_ spec: WorkspaceSpec, _ delete: WorkspaceSpec.Delete, _ key: Int, at now: Int, from store: inout Store) -> JSON {
        guard var row = store[spec.table].remove(key) else { return nil }
        delete.mark(&row, now)
        store.deleted[spec.table, default: Table()].upsert(key, row)
        delete.cleanup(key, &store)
        return row
    }
}
