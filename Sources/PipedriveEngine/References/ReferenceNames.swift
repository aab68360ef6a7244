import JSONValue

/// Names for the ids a page of records refers to, looked up in batches and kept for the session.
///
/// API v2 answers carry bare ids where v1 embeds `{name, value}` objects and lists `related_objects`.
/// Users, stages and pipelines are small lists, each read whole once and kept across sessions with the
/// account's schema (`Session.schemaLists`); while fewer than ten users are wanted and their list is not at
/// hand, each is read alone (`GET /v1/users/{id}`, 2 tokens against the list's 20) and kept too. Persons,
/// organizations, deals and products are read by v2's `ids=` filter, up to 100 ids a request, only for
/// ids not seen before (deals the list did not return are asked for among the archived deals, which v2
/// lists apart); ids a lookup did not return (deleted, not visible) stay ids and are not asked for again.
/// A lookup in flight is shared: two screens asking for id 9 at once make one request. A lookup that
/// fails leaves its ids as they were and is tried again with the next page.
///
/// One instance per account and session, shared by every screen (the TUI's `SessionSource` holds it).
public actor ReferenceNames {
    /// Read whole, once.
    static let listed: Set<String> = ["users", "stages", "pipelines"]
    /// Read by ids, at these v2 paths in turn: `GET /x?ids=` (Pipedrive's spec: "up to 100 entity ids").
    static let byIDs: [String: [String]] = [
        "persons": ["/persons"], "organizations": ["/organizations"], "products": ["/products"],
        "deals": ["/deals", "/deals/archived"],
    ]
    static let idsPerRequest = 100
    /// Fewer users than this are read one by one rather than by the whole list.
    static let usersReadAlone = 10

    private let session: Session
    /// Users read alone, kept with the schema under this name (by id).
    static let usersByID = "users-by-id"
    /// What a lookup by ids found, by resource; nil for an id it did not return.
    private var found: [String: [Int: JSON?]] = [:]
    /// Lookups by ids in flight, by resource and id: a second caller waits for the first one's request.
    private var inFlight: [String: [Int: Task<[Int: JSON], any Error>]] = [:]

    public init(session: Session) {
        self.session = session
    }

    /// Records with their references named, and why some could not be, if a lookup failed.
    public struct Named: Sendable {
        public var records: [Record]
        public var problem: String?
    }

    /// `records` (of `schema`'s resource) with every bare id of a known resource replaced by that record's
    /// summary, shaped like v1's reference objects; values that are not bare ids are left alone.
    public func name(_ records: [Record], schema: Schema) async -> Named {
        let targets = Self.targets(of: records, schema: schema)
        var wanted: [String: Set<Int>] = [:]
        for record in records {
            for (key, resource) in targets {
                if let id = Self.bareID(record.values[key]) { wanted[resource, default: []].insert(id) }
            }
            for value in record.values.values {
                Self.forEachNested(in: value) { resource, id in wanted[resource, default: []].insert(id) }
            }
        }
        // Each resource looked up at once. (Tasks rather than a task group: in release builds Swift 6.3
        // crashed handing a group's `(String, Result)` child result over to the waiting actor method.)
        let lookups = wanted.map { resource, ids in (resource, Task { try await self.summaries(of: resource, ids: ids) }) }
        var summaries: [String: [Int: JSON]] = [:]
        var problems: [String] = []
        for (resource, lookup) in lookups {
            do {
                summaries[resource] = try await lookup.value
            } catch {
                problems.append("Names of \(resource) not loaded: \(error)")
            }
        }
        let named = records.map { record in
            var record = record
            for (key, resource) in targets {
                guard let id = Self.bareID(record.values[key]), let summary = summaries[resource]?[id] else { continue }
                record.values[key] = summary
            }
            for (key, value) in record.values {
                guard case .array(let items) = value, items.contains(where: { $0.objectValue != nil }) else { continue }
                record.values[key] = .array(items.map { Self.namedNested($0, summaries) })
            }
            return record
        }
        return Named(records: named, problem: problems.sorted().first)
    }

    /// The id of a reference that has no name: a bare id, or an object with only an id (a search result's
    /// `owner: {"id": 7}`).
    static func bareID(_ value: JSON?) -> Int? {
        switch value {
        case .int(let id)?: return id
        case .object(let members)? where members["name"] == nil && members["title"] == nil: return members["id"]?.intValue
        default: return nil
        }
    }

    /// Reads the stage and pipeline lists the schema's fields refer to, so that they are at hand when the
    /// first rows are named (called beside the first page's call: one round trip saved on a far account).
    /// Users are left to be read by id.
    public func warm(_ schema: Schema) async {
        let lists = Set(schema.fields.compactMap { ReferenceFields.target(key: $0.key, kind: $0.kind) }).intersection(["stages", "pipelines"])
        let reads = lists.sorted().map { resource in Task { _ = try? await self.list(resource) } }
        for read in reads { await read.value }
    }

    /// The summaries of these stages (with their pipeline), from the stages read once; empty when unreadable.
    func stages(_ ids: Set<Int>) async -> [Int: JSON] {
        (try? await summaries(of: "stages", ids: ids)) ?? [:]
    }

    /// The name of each stage's pipeline, by stage id, to tell apart stages of one name (every pipeline has
    /// a "Qualified"); empty when stages or pipelines cannot be read.
    public func pipelineNames(ofStages ids: Set<Int>) async -> [Int: String] {
        let stages = await stages(ids)
        let pipelineOf = stages.compactMapValues { CustomField.plainID($0["pipeline_id"] ?? .null, kind: .reference("pipelines")).intValue }
        guard let pipelines = try? await summaries(of: "pipelines", ids: Set(pipelineOf.values)) else { return [:] }
        return pipelineOf.compactMapValues { pipelines[$0]?.objectValue.flatMap(NamedRecord.name(of:)) }
    }

    // MARK: Nested references

    /// The resource of a key inside a list's objects (an activity's `participants[].person_id`,
    /// `attendees[].user_id`), when its names can be looked up.
    static func nestedTarget(_ key: String) -> String? {
        guard let resource = ReferenceFields.byKey[key], listed.contains(resource) || byIDs[resource] != nil else { return nil }
        return resource
    }

    /// Calls `found` for each bare id of a known resource in the objects of a list value.
    static func forEachNested(in value: JSON, _ found: (String, Int) -> Void) {
        guard case .array(let items) = value else { return }
        for case .object(let members) in items {
            for (key, member) in members {
                if case .int(let id) = member, let resource = nestedTarget(key) { found(resource, id) }
            }
        }
    }

    /// A list's object with its bare ids replaced by their summaries.
    static func namedNested(_ item: JSON, _ summaries: [String: [Int: JSON]]) -> JSON {
        guard case .object(var members) = item else { return item }
        for (key, member) in members {
            if case .int(let id) = member, let resource = nestedTarget(key), let summary = summaries[resource]?[id] {
                members[key] = summary
            }
        }
        return .object(members)
    }

    // MARK: Lookups

    /// The keys of the records that refer to a resource whose names can be looked up, with that resource.
    static func targets(of records: [Record], schema: Schema) -> [String: String] {
        var keys: Set<String> = []
        for record in records { keys.formUnion(record.values.keys) }
        var targets: [String: String] = [:]
        for key in keys where key != "id" {
            guard let resource = ReferenceFields.target(key: key, kind: schema.field(key)?.kind),
                  listed.contains(resource) || byIDs[resource] != nil else { continue }
            targets[key] = resource
        }
        return targets
    }

    private func summaries(of resource: String, ids: Set<Int>) async throws -> [Int: JSON] {
        if Self.listed.contains(resource) {
            if resource == "users", found["users"] == nil {
                // Users read alone in an earlier session.
                let kept = await session.schemaLists.entries(Self.usersByID)
                found["users"] = Dictionary(uniqueKeysWithValues: kept.compactMap { key, summary in Int(key).map { ($0, .some(summary)) } })
            }
            let unknown = ids.filter { found[resource]?.keys.contains($0) != true && inFlight[resource]?[$0] == nil }
            guard resource == "users", unknown.count < Self.usersReadAlone, await !session.schemaLists.has("users") else {
                return try await list(resource).filter { ids.contains($0.key) }
            }
        }
        let unknown = ids.filter { found[resource]?.keys.contains($0) != true && inFlight[resource]?[$0] == nil }.sorted()
        if !unknown.isEmpty {
            let lookup = Task { try await self.lookUp(resource, unknown) }
            for id in unknown { inFlight[resource, default: [:]][id] = lookup }
        }
        // Every lookup these ids wait for, each awaited once (the ones just sent and others' in flight).
        var waits: [Task<[Int: JSON], any Error>: [Int]] = [:]
        for id in ids where found[resource]?.keys.contains(id) != true {
            if let task = inFlight[resource]?[id] { waits[task, default: []].append(id) }
        }
        var failure: (any Error)?
        for (task, waiting) in waits {
            do {
                let fetched = try await task.value
                for id in waiting { found[resource, default: [:]][id] = .some(fetched[id]) }
            } catch {
                failure = error
            }
            for id in waiting { inFlight[resource]?[id] = nil }  // failed ones are asked again next time
        }
        if let failure { throw failure }
        var known: [Int: JSON] = [:]
        for id in ids { if let summary = found[resource]?[id] ?? nil { known[id] = summary } }
        return known
    }

    /// A small resource's whole list, read once and kept with the schema; concurrent first reads share one.
    private func list(_ resource: String) async throws -> [Int: JSON] {
        let session = self.session
        let rows = try await session.schemaLists.value(resource) {
            let action = try session.readAction("Read", of: try session.resource(named: resource))
            return .array(try await session.pages(action, prefetch: false).allRows())
        }
        return Self.summaries(rows.arrayValue ?? [], resource: resource, catalog: session.catalog)
    }

    /// The records of these ids, 100 a request, the requests sent together; deals not found among the
    /// deals are looked for among the archived ones (v2 lists them apart).
    private func lookUp(_ resource: String, _ ids: [Int]) async throws -> [Int: JSON] {
        if resource == "users" { return try await users(ids) }
        var found: [Int: JSON] = [:], missing = ids
        for path in Self.byIDs[resource] ?? [] where !missing.isEmpty {
            found.merge(try await lookUp(resource, missing, at: path)) { first, _ in first }
            missing = missing.filter { found[$0] == nil }
        }
        return found
    }

    private func lookUp(_ resource: String, _ ids: [Int], at path: String) async throws -> [Int: JSON] {
        let session = self.session
        let batches = stride(from: 0, to: ids.count, by: Self.idsPerRequest).map {
            Array(ids[$0..<min($0 + Self.idsPerRequest, ids.count)])
        }
        let requests = batches.map { batch in
            Task {
                let request = APIRequest(.get, .v2, path, query: [
                    QueryItem("ids", batch.map(String.init).joined(separator: ",")),
                    QueryItem("limit", String(Self.idsPerRequest)),
                ])
                let response = try await session.client.send(request)
                return Self.summaries(Extraction.data.rows(from: response.json), resource: resource, catalog: session.catalog)
            }
        }
        var all: [Int: JSON] = [:]
        for request in requests { all.merge(try await request.value) { first, _ in first } }
        return all
    }

    /// A few users, each by `GET /v1/users/{id}`, sent together; one the account does not have stays an id.
    private func users(_ ids: [Int]) async throws -> [Int: JSON] {
        let session = self.session
        let requests = ids.map { id in
            Task { () async throws -> JSON? in
                do {
                    return try await session.client.send(APIRequest(.get, .v1, "/users/\(id)")).json["data"]
                } catch let error as PipedriveError where error.kind == .notFound {
                    return nil
                }
            }
        }
        var rows: [JSON] = []
        for request in requests { if let row = try await request.value { rows.append(row) } }
        let summaries = Self.summaries(rows, resource: "users", catalog: session.catalog)
        await session.schemaLists.keep(Self.usersByID, Dictionary(uniqueKeysWithValues: summaries.map { (String($0.key), $0.value) }))
        return summaries
    }

    private static func summaries(_ rows: [JSON], resource: String, catalog: Catalog) -> [Int: JSON] {
        var summaries: [Int: JSON] = [:]
        for row in rows {
            guard let id = row["id"]?.intValue else { continue }
            summaries[id] = ReferenceSummary.make(row, resource: resource, id: id, catalog: catalog)
        }
        return summaries
    }
}
