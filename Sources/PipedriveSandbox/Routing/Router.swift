/// Finds the route for a request. v1 routes answer under `/api/v1` and `/v1`, v2 routes under `/api/v2`.
public struct Router: Sendable {
    public private(set) var routes: [Route] = []

    public init() {}

    public mutating func add(_ route: Route) {
        routes.append(route)
        routes.sort { $0.specificity > $1.specificity }
    }

    public mutating func add(_ method: String, _ version: RouteVersion, _ pattern: String, handler: @escaping RouteHandler) {
        add(Route(method, version, pattern, handler: handler))
    }

    public enum Resolution: Sendable {
        case found(Route, pathParams: [String: String])
        /// The path exists but not for this method (405).
        case methodNotAllowed
        case notFound
    }

    public func resolve(method: String, path: String) -> Resolution {
        guard let (version, rest) = Router.split(path) else { return .notFound }
        let parts = rest.split(separator: "/")
        var pathMatched = false
        for route in routes where route.version == version {
            guard let params = route.match(parts) else { continue }
            if route.method == method { return .found(route, pathParams: params) }
            pathMatched = true
        }
        return pathMatched ? .methodNotAllowed : .notFound
    }

    /// The API version and the path below its prefix.
    static func split(_ path: String) -> (RouteVersion, Substring)? {
        for (prefix, version) in [("/api/v1/", RouteVersion.v1), ("/v1/", .v1), ("/api/v2/", .v2)] {
            if path.hasPrefix(prefix) { return (version, path.dropFirst(prefix.count - 1)) }
        }
        return nil
    }
}
