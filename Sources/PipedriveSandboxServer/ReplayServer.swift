import Foundation
import PipedriveSandbox
import JSONValue
import Synchronization

/// Serves recorded Pipedrive answers from a folder, to see what pdtui makes of a real account's shapes.
///
/// `GET /api/v1/deals` answers `<folder>/v1/deals.json`, `GET /api/v2/deals/7/products` answers
/// `<folder>/v2/deals/7/products.json`. A file may name the query it was recorded with after `@`
/// (`v1/deals@start=2.json`, `v2/deals@cursor=abc&status=open.json`, names and values percent-decoded):
/// it answers a request whose query holds all those parameters, the one naming the most winning; the file
/// without `@` answers every other query. A path with no file answers Pipedrive's 404; any method but GET
/// answers 405. Files are read when asked (at most `maxFileBytes`), so a test may add one while the server runs.
public final class ReplayServer: Sendable {
    /// `http://HOST:PORT`, without a trailing slash.
    public let baseURL: String
    private let http: HTTPServer
    private let log = Lines()

    private final class Lines: Sendable {
        let lines = Mutex<[String]>([])
    }

    static let maxFileBytes = 16 * 1024 * 1024

    public init(folder: URL, host: String = "127.0.0.1") throws {
        let log = self.log
        http = try HTTPServer(host: host, port: 0) { request, rawQuery in
            log.lines.withLock { $0.append("\(request.method) \(request.path)" + (rawQuery.isEmpty ? "" : "?\(rawQuery)")) }
            return Delivery(response: Self.answer(request, folder: folder))
        }
        baseURL = "http://\(host):\(http.port)"
    }

    /// The requests seen so far, `METHOD /path?query`, in order.
    public var requests: [String] { log.lines.withLock { $0 } }

    public func stop() { http.stop() }

    static func answer(_ request: SandboxRequest, folder: URL) -> SandboxResponse {
        guard request.method == "GET" else {
            return .json(["success": false, "error": "Method not allowed"], status: 405)
        }
        var path = request.path
        if path.hasPrefix("/api/") { path.removeFirst(4) }
        let parts = path.split(separator: "/").map(String.init)
        guard !parts.isEmpty, !parts.contains(where: { $0 == ".." || $0 == "." }) else { return notFound }
        let directory = parts.dropLast().reduce(folder) { $0.appendingPathComponent($1) }
        let file = directory.appendingPathComponent(recording(of: parts.last!, query: request.query, in: directory))
        guard let handle = try? FileHandle(forReadingFrom: file) else { return notFound }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: maxFileBytes), data.count < maxFileBytes else {
            return .json(["success": false, "error": "Recorded answer too large"], status: 500)
        }
        return SandboxResponse(status: 200, headers: [("Content-Type", "application/json")], body: Array(data))
    }

    /// The file name recorded for `name` with the query that fits `query` best (see the type's comment).
    static func recording(of name: String, query: [String: String], in directory: URL) -> String {
        let prefix = name + "@", files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var best = (file: name + ".json", count: 0)
        for file in files where file.hasPrefix(prefix) && file.hasSuffix(".json") {
            let recorded = HTTPMessage.splitTarget("?" + file.dropFirst(prefix.count).dropLast(5)).query
            if recorded.count > best.count, recorded.allSatisfy({ query[$0.key] == $0.value }) { best = (file, recorded.count) }
        }
        return best.file
    }

    static let notFound = SandboxResponse.json(
        ["success": false, "error": "Not found", "error_info": "Please check developers.pipedrive.com", "data": nil], status: 404)
}
