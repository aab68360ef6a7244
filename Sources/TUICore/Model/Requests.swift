import JSONValue
import PipedriveEngine

/// A page of an action's rows, as the runtime asks the source for it.
public struct PageRequest: Sendable, Equatable {
    public var resource: String
    public var action: String
    /// Parameter values already validated by the prompt, as the API takes them.
    public var parameters: [String: String]
    /// The paging position returned with the previous page; nil for the first page.
    public var cursor: String?
    /// A list's server-side filters as given (`owner=me`, `stage_id=3`, `filter=My open deals`): names
    /// are resolved to ids by the engine before the first page is read.
    public var filters: [QueryItem]

    public init(resource: String, action: String, parameters: [String: String] = [:], cursor: String? = nil, filters: [QueryItem] = []) {
        self.resource = resource
        self.action = action
        self.parameters = parameters
        self.cursor = cursor
        self.filters = filters
    }
}

public struct RowPage: Sendable, Equatable {
    /// Encoded where the page is made (a source's task), not on the main actor (see `RowStore`).
    public var rows: RowStore
    /// Where the next page starts; nil when this was the last page.
    public var next: String?
    /// Columns known only once data arrives (custom fields with their human names); nil keeps the grid's.
    public var columns: [ColumnInfo]?
    /// Why the page is less than it should be (names that could not be looked up), for the status line.
    public var notice: String?
    /// The rows' references are still bare ids, to be named as they come into view (`BrowseSource.names`).
    public var namesPending = false
    /// Seconds from asking for the page to its rows, when measured (the grid's prefetch paces itself by it).
    public var roundTrip: Double?

    public init(rows: [JSON], next: String?, columns: [ColumnInfo]? = nil, notice: String? = nil) {
        self.init(rows: RowStore(rows), next: next, columns: columns, notice: notice)
    }

    public init(rows: RowStore, next: String?, columns: [ColumnInfo]? = nil, notice: String? = nil) {
        self.rows = rows
        self.next = next
        self.columns = columns
        self.notice = notice
    }
}

/// Where the TUI's data comes from; the executable adapts the engine to it.
public protocol BrowseSource: Sendable {
    func page(_ request: PageRequest) async throws -> RowPage
    /// Records of `resource` whose name matches `term`, for id pickers.
    func search(resource: String, term: String) async throws -> [Choice]
    /// The record with every field, gathered ones (from sub-endpoints) included.
    func record(resource: String, row: JSON) async throws -> JSON
    /// The engine session behind the source, for writes (staging, commit, undo); waits for it to be ready.
    func session() async throws -> Session
    /// Rows of a page that came with `namesPending`, with their references named.
    func names(resource: String, rows: [JSON]) async throws -> NamedRows
    /// The resources whose screens must follow the account's schema, each time it changed (`SchemaLists`).
    func schemaChanges() async -> AsyncStream<Set<String>>
}

extension BrowseSource {
    /// A source whose pages come named has nothing to add.
    public func names(resource: String, rows: [JSON]) async throws -> NamedRows { NamedRows(rows: rows, notice: nil) }
    /// A source without a kept schema never reports a change.
    public func schemaChanges() async -> AsyncStream<Set<String>> { AsyncStream { $0.finish() } }
}

/// Rows with their references named, and why some could not be.
public struct NamedRows: Sendable, Equatable {
    public var rows: [JSON]
    public var notice: String?

    public init(rows: [JSON], notice: String?) {
        self.rows = rows
        self.notice = notice
    }
}
