import Foundation
import JSONValue

/// The members of a write request's body. v1 takes JSON or form-encoded bodies (form values arrive as
/// strings and are coerced per field); v2 takes JSON only.
enum RequestBody {
    static func members(_ context: RouteContext) throws(APIError) -> [String: JSON] {
        let contentType = context.request.headers["content-type"] ?? "application/json"
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            guard context.version == .v1 else {
                throw .validation("body", "Content type must be application/json")
            }
            return form(String(decoding: context.request.body, as: UTF8.self))
        }
        if context.request.body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return [:] }
        let parsed: JSON
        do { parsed = try JSON(parsing: context.request.body) } catch {
            throw context.version == .v1
                ? .badRequest("Request body is not valid JSON.")
                : .validation("body", "Request body is not valid JSON")
        }
        guard let members = parsed.objectValue else {
            throw context.version == .v1
                ? .badRequest("Request body must be a JSON object.")
                : .validation("body", "Must be an object")
        }
        return members
    }

    private static func form(_ text: String) -> [String: JSON] {
        var members: [String: JSON] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            guard let name = parts.first, !name.isEmpty else { continue }
            members[name] = .string(parts.count > 1 ? parts[1] : "")
        }
        return members
    }
}
