import JSONValue

public enum APIVersion: String, Sendable, CaseIterable { case v1, v2 }

public enum HTTPMethod: String, Sendable { case get = "GET", post = "POST", put = "PUT", patch = "PATCH", delete = "DELETE" }

/// One call to Pipedrive, before the base URL and credentials are added.
public struct APIRequest: Sendable, Equatable {
    public var method: HTTPMethod
    public var version: APIVersion
    /// Relative to the version prefix (`/api/v1`, `/api/v2`), e.g. `/deals/5/followers`.
    public var path: String
    /// In order; names may repeat.
    public var query: [QueryItem]
    public var body: RequestBody?
    /// How the response pages: the client adds `start`/`limit` or `cursor`/`limit` and follows them.
    public var paging: Paging

    public init(
        _ method: HTTPMethod, _ version: APIVersion, _ path: String, query: [QueryItem] = [], body: RequestBody? = nil,
        paging: Paging = .none
    ) {
        self.method = method
        self.version = version
        self.path = path
        self.query = query
        self.body = body
        self.paging = paging
    }
}

public enum Paging: String, Sendable {
    /// One response.
    case none
    /// v1: `start`, `limit`; `additional_data.pagination.{more_items_in_collection, next_start}`.
    case offset
    /// v2 (and a few v1 lists): `cursor`, `limit`; `additional_data.next_cursor`.
    case cursor
}

public struct QueryItem: Sendable, Equatable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

public enum RequestBody: Sendable, Equatable {
    case json(JSON)
    /// A file upload: the file's name, its bytes and any other form fields.
    case multipart(fileName: String, content: [UInt8], fields: [QueryItem])
}

/// How an action's rows come out of a response body.
public enum Extraction: Sendable, Equatable {
    /// `data` (an array, or one object).
    case data
    /// `data[].data`: the `/recents` items.
    case recentsData
    /// `data.items`: search results, each `{result_score, item}` (itemSearch, whose fields are those two).
    case searchItems
    /// `data.items[].item`: the records of an entity search (`/deals/search`).
    case searchItemRecords
    /// The body's bytes, not JSON (a file download).
    case bytes
}
