import Foundation
import JSONValue
import PipedriveSandbox

/// A generated account served over HTTP for the sales endpoint tests. Tests that write create their own rows,
/// so they can share it; tests that need the account untouched (complete paging walks) start their own.
enum SalesServer {
    static let now = 1_790_000_000
    static let options = GenerationOptions(seed: 42, scale: 1, now: now)
    static let shared: SandboxServer = try! SandboxServer.start(SandboxConfiguration(generation: options))

    static func start() throws -> SandboxServer { try SandboxServer.start(SandboxConfiguration(generation: options)) }
}

extension HTTP {
    /// A request with a JSON body (or a raw body of the given content type).
    static func call(
        _ server: SandboxServer, _ method: String, _ target: String, _ body: JSON? = nil, raw: String? = nil,
        contentType: String = "application/json"
    ) async throws -> Reply {
        var headers = ["x-api-token": server.apiToken]
        var bytes: [UInt8]?
        if let body {
            bytes = body.serialized()
            headers["content-type"] = contentType
        } else if let raw {
            bytes = Array(raw.utf8)
            headers["content-type"] = contentType
        }
        return try await send(server, method, target, headers: headers, body: bytes)
    }
}

extension SandboxServer {
    /// A copy of a table's rows, to show that a refused request changed nothing.
    func rows(_ table: String) -> [JSON] { withStore { $0[table].all } }

    func row(_ table: String, _ id: Int) -> JSON? { withStore { $0[table][id] } }

    /// The key of the first custom field of `type` in a `*Fields` table.
    func customKey(_ fieldsTable: String, type: String) -> String {
        withStore { store in
            store[fieldsTable].all.first { $0["edit_flag"] == true && $0["field_type"]?.stringValue == type }?["key"]?
                .stringValue ?? ""
        }
    }

    /// The option ids of a custom enum or set field.
    func optionIDs(_ fieldsTable: String, key: String) -> [Int] {
        withStore { store in
            store[fieldsTable].all.first { $0["key"]?.stringValue == key }?["options"]?.arrayValue?.compactMap { $0["id"]?.intValue }
                ?? []
        }
    }
}

/// Percent-encodes a query value.
func encoded(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
}
