/// What a request costs against the daily token budget: the operation's `x-token-cost` from Pipedrive's specs
/// (`TokenCostTable.swift`), else the generic cost Pipedrive publishes for its kind of operation.
enum TokenCost {
    static func of(method: String, version: RouteVersion, pattern: String) -> Int {
        table[key(method: method, version: version, pattern: pattern)] ?? generic(method: method, version: version, pattern: pattern)
    }

    static func key(method: String, version: RouteVersion, pattern: String) -> String {
        let normalized = pattern.split(separator: "/").map { $0.hasPrefix("{") ? "{}" : String($0) }.joined(separator: "/")
        return "\(method) \(version.rawValue) /\(normalized)"
    }

    /// v1: single 2, list 20, write 10, delete one 6, delete a list 10, search 40; v2 costs half.
    static func generic(method: String, version: RouteVersion, pattern: String) -> Int {
        let single = pattern.hasSuffix("}")
        let v1: Int
        if isSearch(pattern) {
            v1 = 40
        } else {
            switch method {
            case "GET": v1 = single ? 2 : 20
            case "DELETE": v1 = single ? 6 : 10
            default: v1 = 10
            }
        }
        return version == .v1 ? v1 : max(1, v1 / 2)
    }

    /// Search endpoints have their own burst limit.
    static func isSearch(_ pattern: String) -> Bool {
        pattern.hasSuffix("/search") || pattern.hasPrefix("/itemSearch")
    }
}
