/// An HTTP request as the sandbox sees it, after the server has read it off the socket.
public struct SandboxRequest: Sendable {
    public var method: String
    /// The path without the query string, percent-decoded, e.g. `/api/v1/deals/5`.
    public var path: String
    /// Query parameters, percent-decoded; a repeated name keeps its last value.
    public var query: [String: String]
    /// Header names lower-cased.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(
        method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:],
        body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }
}

/// An HTTP response the sandbox sends.
public struct SandboxResponse: Sendable {
    public var status: Int
    /// Header names as sent; `content-length` is added by the server.
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public static func json(_ value: JSONValue.JSON, status: Int = 200) -> SandboxResponse {
        SandboxResponse(
            status: status, headers: [("content-type", "application/json; charset=utf-8")],
            body: value.serialized())
    }
}

import JSONValue
