import Foundation
import JSONValue
import PipedriveSandbox
import PipedriveSandboxServer

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `pdtui-bench sandbox [--scale N] [--passes N]`: starts the sandbox (default scale 20), then walks every deal in
/// 500-row pages through v1 offset paging and v2 cursor paging over HTTP with one keep-alive client, and times
/// single-row requests to show the server's own cost per request.
enum SandboxBenchmark {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    @Sendable static func run(_ arguments: [String]) async throws {
        let scale = try option("--scale", in: arguments) ?? 20
        let passes = try option("--passes", in: arguments) ?? 3

        let server = try SandboxServer.start(
            SandboxConfiguration(generation: GenerationOptions(seed: 1, scale: scale)))
        defer { server.stop() }
        // Archived deals leave the lists, as in Pipedrive; a walk must see every other deal once.
        let deals = server.withStore { $0["deals"].all.filter { $0["is_archived"]?.boolValue != true }.count }
        print("sandbox at scale \(scale): \(deals) listed deals, started in \(milliseconds(server.startSeconds)) ms")

        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        for (label, walk) in [("v1 GET /api/v1/deals?start&limit=500", walkV1), ("v2 GET /api/v2/deals?cursor&limit=500", walkV2)] {
            var best: (requests: Int, rows: Int, seconds: Double)?
            for _ in 0..<passes {
                let started = Date()
                let (requests, rows) = try await walk(server, session)
                let seconds = Date().timeIntervalSince(started)
                guard rows == deals else { throw Failure(description: "\(label) saw \(rows) rows of \(deals)") }
                if best == nil || seconds < best!.seconds { best = (requests, rows, seconds) }
            }
            let figures = best!
            print(
                "\(label): \(figures.requests) requests, \(figures.rows) rows in \(milliseconds(figures.seconds)) ms"
                    + " = \(Int(Double(figures.requests) / figures.seconds)) requests/s,"
                    + " \(Int(Double(figures.rows) / figures.seconds)) rows/s (best of \(passes))")
        }

        let firstID = server.withStore { $0["deals"].ids.first } ?? 1
        let count = 500
        let started = Date()
        for _ in 0..<count { _ = try await get(server, session, "/api/v2/deals/\(firstID)") }
        let seconds = Date().timeIntervalSince(started)
        print("v2 GET /api/v2/deals/{id}: \(count) requests in \(milliseconds(seconds)) ms = \(Int(Double(count) / seconds)) requests/s")
    }

    static func walkV1(_ server: SandboxServer, _ session: URLSession) async throws -> (Int, Int) {
        var requests = 0
        var rows = 0
        var start = 0
        while true {
            let body = try await get(server, session, "/api/v1/deals?start=\(start)&limit=500")
            requests += 1
            rows += body["data"]?.arrayValue?.count ?? 0
            guard let next = body["additional_data"]?["pagination"]?["next_start"]?.intValue else { return (requests, rows) }
            start = next
        }
    }

    static func walkV2(_ server: SandboxServer, _ session: URLSession) async throws -> (Int, Int) {
        var requests = 0
        var rows = 0
        var cursor: String?
        repeat {
            let body = try await get(server, session, "/api/v2/deals?limit=500" + (cursor.map { "&cursor=\($0)" } ?? ""))
            requests += 1
            rows += body["data"]?.arrayValue?.count ?? 0
            cursor = body["additional_data"]?["next_cursor"]?.stringValue
        } while cursor != nil
        return (requests, rows)
    }

    static func get(_ server: SandboxServer, _ session: URLSession, _ target: String) async throws -> JSON {
        var request = URLRequest(url: URL(string: server.baseURL + target)!)
        request.setValue(server.apiToken, forHTTPHeaderField: "x-api-token")
        let (data, response) = try await session.data(for: request)
        guard (response as? HTTPURLResponse)?.statusCode == 200 else {
            throw Failure(description: "\(target): status \((response as? HTTPURLResponse)?.statusCode ?? 0)")
        }
        return try JSON(parsing: Array(data))
    }

    static func option(_ name: String, in arguments: [String]) throws -> Int? {
        guard let index = arguments.firstIndex(of: name) else { return nil }
        guard index + 1 < arguments.count, let value = Int(arguments[index + 1]), value >= 1 else {
            throw Failure(description: "\(name) needs a positive number")
        }
        return value
    }

    static func milliseconds(_ seconds: Double) -> Int { Int((seconds * 1000).rounded()) }
}
