import JSONValue
import PipedriveEngine

/// A source that is still starting (the demo's sandbox): the first screen needs no data, so it is
/// drawn at once, and the first request waits for the source to be ready.
public final class DeferredSource: BrowseSource {
    private let ready: Task<any BrowseSource, any Error>

    public init(_ start: @escaping @Sendable () async throws -> any BrowseSource) {
        ready = Task { try await start() }
    }

    public func page(_ request: PageRequest) async throws -> RowPage {
        try await ready.value.page(request)
    }

    public func search(resource: String, term: String) async throws -> [Choice] {
        try await ready.value.search(resource: resource, term: term)
    }

    public func record(resource: String, row: JSON) async throws -> JSON {
        try await ready.value.record(resource: resource, row: row)
    }

    public func names(resource: String, rows: [JSON]) async throws -> NamedRows {
        try await ready.value.names(resource: resource, rows: rows)
    }

    public func schemaChanges() async -> AsyncStream<Set<String>> {
        guard let source = try? await ready.value else { return AsyncStream { $0.finish() } }
        return await source.schemaChanges()
    }

    public func session() async throws -> Session {
        try await ready.value.session()
    }
}
