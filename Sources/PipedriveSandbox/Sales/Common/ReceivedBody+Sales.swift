import JSONValue

extension ReceivedBody {
    /// The members of a sales write. v1 takes JSON or form bodies (form values arrive as strings and
    /// are coerced per field); v2 takes JSON only and words its refusals as validation errors.
    static func members(_ context: RouteContext) throws(APIError) -> [String: JSON] {
        guard context.version == .v2 else { return try parse(context.request).values }
        let contentType = context.request.headers["content-type"]?.lowercased() ?? "application/json"
        guard contentType.hasPrefix("application/json") else {
            throw .validation("body", "Content type must be application/json")
        }
        let body = context.request.body
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return [:] }
        guard let json = try? JSON(parsing: body) else { throw .validation("body", "Request body is not valid JSON") }
        guard let members = json.objectValue else { throw .validation("body", "Must be an object") }
        return members
    }
}
