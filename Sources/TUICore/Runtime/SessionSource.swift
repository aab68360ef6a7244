import JSONValue
import PipedriveEngine

/// The engine session as the TUI's data source. A grid keeps its paging position (the engine's, as a
/// token), so each page is fetched only when the grid asks for it and nothing is kept here.
public actor SessionSource: BrowseSource {
    private let engine: Session
    /// Names for bare ids (v2 answers, and v1's recents, leads and participants), kept for the session.
    private let names: ReferenceNames

    public nonisolated func session() -> Session { engine }

    public init(session: Session) {
        engine = session
        names = ReferenceNames(session: session)
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

    /// A page's rows as soon as they arrive, their references still bare ids (`namesPending`): the grid
    /// names the rows it shows through `names(resource:rows:)`. The fields call goes beside the page call.
    public func page(_ request: PageRequest) async throws -> RowPage {
        let started = ContinuousClock.now
        let resource = try engine.resource(named: request.resource)
        let action = try engine.readAction(request.action, of: resource)
        let position = try request.cursor.map(PageCursor.Position.init(token:))
        let engine = self.engine
        let names = self.names
        let fields = Task {  // read once and kept; shared below
            guard let schema = try? await engine.schema(of: resource) else { return }
            // The first page's stages and pipelines are read beside it, not after it.
            if request.cursor == nil { Task { await names.warm(schema) } }
        }
        // A `*Fields` grid opened or reloaded (`r`): the kept list it shows is read again too.
        if request.cursor == nil, resource.name.hasSuffix("Fields") { Task { await engine.revalidateSchema(fieldsAt: "/" + resource.name) } }
        let filters = try await resolved(request.filters, of: resource, action: action)
        // A list's rows go from the answer's texts into the row store, never parsed whole; search hits are.
        let page = try await engine.page(
            action, parameters: request.parameters, at: position, filters: filters, keepsTexts: action.extraction == .data)
        await fields.value
        var rowPage: RowPage
        if case .texts(let texts) = page.rows, let schema = try? await engine.schema(of: resource) {
            rowPage = RowPage(rows: try RowStore(texts, schema: schema), next: page.next?.token,
                              columns: request.cursor == nil ? ResourceInfo(schema).columns : nil)
        } else {
            let shown = await engine.shownRecords(page.rows.values, of: resource, action: action, names: nil)
            let hits = action.extraction == .searchItems
            rowPage = RowPage(rows: shown.records.map { hits ? ItemSearchRows.row(.object($0.values)) : .object($0.values) },
                              next: page.next?.token,
                              columns: request.cursor == nil ? (hits ? ItemSearchRows.columns : ResourceInfo(shown.schema).columns) : nil,
                              notice: shown.notice)
        }
        rowPage.namesPending = true
        let took = ContinuousClock.now - started
        rowPage.roundTrip = Double(took.components.seconds) + Double(took.components.attoseconds) * 1e-18
        return rowPage
    }

    /// Rows of a page (as `page` gave them) with their references named, through the session's one cache
    /// of names shared by every screen.
    public func names(resource name: String, rows: [JSON]) async throws -> NamedRows {
        let resource = try engine.resource(named: name)
        // Without the account's fields (the page said why), the catalog's still know the built-in references.
        let schema = (try? await engine.schema(of: resource)) ?? Schema(resource: resource, catalog: engine.catalog)
        let records = rows.map { row in Record(id: RecordID(row["id"]), values: row.objectValue ?? [:]) }
        let named = await names.name(records, schema: schema)
        return NamedRows(rows: named.records.map { .object($0.values) }, notice: named.problem)
    }

    /// The resources whose screens must follow a schema list that changed when read again.
    public func schemaChanges() async -> AsyncStream<Set<String>> {
        let (stream, continuation) = AsyncStream.makeStream(of: Set<String>.self)
        let engine = self.engine
        await engine.schemaLists.onChange { lists in continuation.yield(engine.resources(shownWith: lists)) }
        return stream
    }

    /// List filters by the names given → their query items, resolved once per session (names need requests).
    private var resolvedFilters: [String: [QueryItem]] = [:]

    private func resolved(_ given: [QueryItem], of resource: Resource, action: Action) async throws -> [QueryItem] {
        guard !given.isEmpty else { return [] }
        let version = engine.version(of: action)
        let key = ([resource.name, version.rawValue] + given.map { "\($0.name)=\($0.value)" }).joined(separator: "\u{1}")
        if let known = resolvedFilters[key] { return known }
        let items = try await engine.listFilters(given.map { ($0.name, $0.value) }, of: resource, version: version)
        resolvedFilters[key] = items
        return items
    }

    /// Records found by name for a picker; a stage says its pipeline (`Qualified · Sales`).
    public func search(resource name: String, term: String) async throws -> [Choice] {
        let found = try await engine.records(named: term, in: try engine.resource(named: name))
        let pipelines = name == "stages" ? await names.pipelineNames(ofStages: Set(found.map(\.id))) : [:]
        return found.map { record in Choice(id: record.id, label: pipelines[record.id].map { "\(record.name) · \($0)" } ?? record.name) }
    }

    public func record(resource name: String, row: JSON) async throws -> JSON {
        let resource = try engine.resource(named: name)
        // Rows of a grid come named already; a row from elsewhere (a drill-down) may not.
        let record = await engine.shownRecords([row], of: resource, names: names).records[0]
        return .object(await engine.gathering(into: record, of: resource).values)
    }
}
