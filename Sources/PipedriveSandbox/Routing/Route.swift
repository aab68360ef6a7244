import JSONValue

public enum RouteVersion: String, Sendable { case v1, v2 }

/// What a handler gets besides the store: the request, its path parameters and the request's moment.
public struct RouteContext: Sendable {
    public var request: SandboxRequest
    public var version: RouteVersion
    /// Path parameters by the names in the route's pattern, e.g. `id` for `/deals/{id}`.
    public var pathParams: [String: String]
    /// The id of the user the token belongs to.
    public var userID: Int

    public init(request: SandboxRequest, version: RouteVersion, pathParams: [String: String], userID: Int) {
        self.request = request
        self.version = version
        self.pathParams = pathParams
        self.userID = userID
    }

    public var query: [String: String] { request.query }

    /// An integer path parameter; 404 when it is not a number, as Pipedrive answers.
    public func intParam(_ name: String) throws(APIError) -> Int {
        guard let text = pathParams[name], let value = Int(text) else { throw .notFound() }
        return value
    }
}

public typealias RouteHandler = @Sendable (RouteContext, inout Store) throws(APIError) -> SandboxResponse

/// One endpoint: a method and a path pattern such as `/deals/{id}/followers`, relative to the version prefix.
public struct Route: Sendable {
    public var method: String
    public var version: RouteVersion
    public var pattern: String
    public var handler: RouteHandler
    let segments: [Segment]

    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    public init(_ method: String, _ version: RouteVersion, _ pattern: String, handler: @escaping RouteHandler) {
        self.method = method
        self.version = version
        self.pattern = pattern
        self.handler = handler
        self.segments = pattern.split(separator: "/").map { part in
            part.hasPrefix("{") && part.hasSuffix("}")
                ? .parameter(String(part.dropFirst().dropLast())) : .literal(String(part))
        }
    }

    /// The path parameters when `path` (relative to the version prefix) matches this route.
    func match(_ parts: [Substring]) -> [String: String]? {
        guard parts.count == segments.count else { return nil }
        var params: [String: String] = [:]
        for (segment, part) in zip(segments, parts) {
            switch segment {
            case .literal(let text): if text != part { return nil }
            case .parameter(let name): params[name] = String(part)
            }
        }
        return params
    }

    /// Literal segments win over parameters, so `/deals/search` is not taken for `/deals/{id}`.
    var specificity: Int { segments.filter { if case .literal = $0 { true } else { false } }.count }
}
