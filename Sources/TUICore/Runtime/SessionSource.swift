import JSONValue
import PipedriveEngine

/// The engine session as the TUI's data source. A grid's paging position is a token naming the
/// page iterator kept here, so each page is fetched only when the grid asks for it.
public actor SessionSource: BrowseSource {
    private let engine: Session
    private var streams: [String: Stream] = [:]
    private var nextToken = 1

    public nonisolated func session() -> Session { engine }

    public init(session: Session) {
        engine = session
    }

    /// The resources as the TUI lists them, with custom fields when the account can be read.
    public func catalog() async -> [ResourceInfo] {
        var list: [ResourceInfo] = []
        for resource in engine.catalog.resources {
            let schema = (try? await engine.schema(of: resource)) ?? Schema(resource: resource, catalog: engine.catalog)
            list.append(ResourceInfo(schema))
        }
        return list
    }

    /// The resources with their catalog fields only: what the first screen needs, with no request.
    public nonisolated func offlineCatalog() -> [ResourceInfo] { ResourceInfo.list(engine.catalog) }

    public func page(_ request: PageRequest) async throws -> RowPage {
        let resource = try engine.resource(named: request.resource)
        let iterator: Stream
        let token: String
        if let cursor = request.cursor, let known = streams[cursor] {
            iterator = known
            token = cursor
        } else {
            let action = try engine.readAction(request.action, of: resource)
            iterator = Stream(try engine.pages(action, parameters: request.parameters, prefetch: false).makeAsyncIterator())
            token = String(nextToken)
            nextToken += 1
        }
        streams[token] = nil
        guard let page = try await iterator.next() else {
            return RowPage(rows: [], next: nil, rateLimitRemaining: engine.rateLimit.burstRemaining)
        }
        let schema = try await engine.schema(of: resource)
        let rows = page.rows.map { JSON.object(schema.record(from: $0).values) }
        if !page.isLast { streams[token] = iterator }
        return RowPage(rows: rows, next: page.isLast ? nil : token,
                       columns: request.cursor == nil ? ResourceInfo(schema).columns : nil,
                       rateLimitRemaining: engine.rateLimit.burstRemaining)
    }

    public func search(resource name: String, term: String) async throws -> [Choice] {
        let resource = try engine.resource(named: name)
        let rows: [JSON]
        if let action = resource.actions.first(where: { $0.kind == .read && $0.parameters.contains { $0.kind == .term } }),
           let parameter = action.parameters.first(where: { $0.kind == .term }) {
            rows = try await Stream(engine.pages(action, parameters: [parameter.name: term], limit: 20, prefetch: false)
                .makeAsyncIterator()).next()?.rows ?? []
        } else if let read = resource.action(named: "Read"), read.parameters.isEmpty {
            // No search call (stages, pipelines): short lists, matched here by name.
            let needle = term.lowercased()
            let listed = try await engine.pages(read, limit: Self.listedSearchLimit, prefetch: false).allRows()
            rows = Array(listed.filter { $0.objectValue.flatMap(ValueFormat.name(of:))?.lowercased().contains(needle) == true }.prefix(20))
        } else {
            throw PipedriveError(.invalidInput, "\(name) cannot be searched by name: type its number")
        }
        return rows.compactMap { row in
            guard let id = row["id"]?.intValue else { return nil }
            let label = row.objectValue.flatMap(ValueFormat.name(of:)) ?? String(id)
            return Choice(id: id, label: label)
        }
    }

    /// The most records read to match a name where the API has no search.
    static let listedSearchLimit = 500

    public func record(resource name: String, row: JSON) async throws -> JSON {
        let resource = try engine.resource(named: name)
        let schema = try await engine.schema(of: resource)
        var record = schema.record(from: row)
        let base = record
        let session = engine
        // Each gathered field on its own: one that cannot be fetched shows why, the others still load.
        let gathered = await withTaskGroup(of: (String, JSON).self) { group in
            for field in resource.fields where field.gather != nil {
                group.addTask {
                    do { return (field.name, try await session.gather(field, of: base, limit: 200)) } catch {
                        return (field.name, .string("could not load: \(error)"))
                    }
                }
            }
            var values: [(String, JSON)] = []
            for await value in group { values.append(value) }
            return values
        }
        for (name, value) in gathered { record[name] = value }
        return .object(record.values)
    }
}

/// One grid's page iterator. A grid asks for one page at a time (it waits for a page before asking
/// for the next), so the iterator is never used by two tasks at once.
final class Stream: @unchecked Sendable {
    private let iterator: PageSequence.Iterator

    init(_ iterator: PageSequence.Iterator) { self.iterator = iterator }

    func next() async throws -> PipedriveEngine.Page? { try await iterator.next() }
}
