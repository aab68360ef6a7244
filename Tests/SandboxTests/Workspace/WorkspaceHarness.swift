import Foundation
import JSONValue
import Testing

@testable import PipedriveSandbox

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A sandbox served over real HTTP for the workspace tests: the generated account (workspace and sales data) of
/// a fixed seed and moment.
final class WorkspaceSandbox: Sendable {
    let server: SandboxServer
    static let options = GenerationOptions(seed: 42, now: 1_790_000_000)

    /// Generated once per test run: every sandbox starts from a copy.
    static let generated = AccountGenerator.generate(options)

    init() throws {
        server = try SandboxServer.start(SandboxConfiguration(generation: Self.options, store: Self.generated))
    }

    deinit { server.stop() }

    /// The workspace generated around minimal sales rows (id and name, all the workspace relies on): quick,
    /// for the generation tests, which need many accounts.
    static func account(_ options: GenerationOptions) -> Store {
        var store = Store(clock: options.now)
        WorkspaceData.generatePeople(into: &store, options)
        insertMinimalSales(into: &store, count: 30)
        WorkspaceData.generateLinked(into: &store, options)
        return store
    }

    static func insertMinimalSales(into store: inout Store, count: Int) {
        for id in 1...count {
            store["deals"].upsert(id, ["id": .int(id), "title": .string("Deal \(id) – Überraschung")])
            store["persons"].upsert(id, ["id": .int(id), "name": .string("Person \(id) 佐藤")])
            store["organizations"].upsert(id, ["id": .int(id), "name": .string("Org \(id) Ltd")])
            store["products"].upsert(id, ["id": .int(id), "name": .string("Product \(id)")])
            store["activities"].upsert(id, ["id": .int(id), "subject": .string("Call \(id)"), "deal_id": .int(id), "done": .bool(id % 2 == 0)])
        }
    }

    func store() -> Store { server.withStore { $0 } }

    struct Reply: Sendable {
        var status: Int
        var headers: [String: String]
        var bytes: [UInt8]
        var json: JSON { (try? JSON(parsing: bytes)) ?? .null }
        var data: JSON { json["data"] ?? .null }
    }

    enum Body: Sendable {
        case none
        case json(JSON)
        case form([(String, String)])
        case multipart(fields: [(String, String)], file: (name: String, type: String, bytes: [UInt8])?)
        /// A body sent byte for byte (a hand-made multipart body).
        case raw(contentType: String, bytes: [UInt8])
    }

    /// One request with the admin's token; `path` is below the host, e.g. `/api/v1/users`.
    func call(_ method: String, _ path: String, query: [String: String] = [:], _ body: Body = .none) async throws -> Reply {
        var components = URLComponents(string: server.baseURL + path)!
        if !query.isEmpty {
            components.queryItems = query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
            components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        }
        var request = URLRequest(url: components.url!)
        request.httpMethod = method
        request.setValue(server.apiToken, forHTTPHeaderField: "x-api-token")
        switch body {
        case .none: break
        case .json(let value):
            request.setValue("application/json", forHTTPHeaderField: "content-type")
            request.httpBody = Data(value.serialized())
        case .form(let pairs):
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "content-type")
            let allowed = CharacterSet.alphanumerics
            request.httpBody = Data(
                pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&").utf8)
        case .multipart(let fields, let file):
            let boundary = "sandbox-boundary-7MA4YWxkTrZu0gW"
            request.setValue("multipart/form-data; boundary=\(boundary)", forHTTPHeaderField: "content-type")
            var data = Data()
            for (name, value) in fields {
                data.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
            }
            if let file {
                data.append(
                    Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\nContent-Type: \(file.type)\r\n\r\n".utf8))
                data.append(Data(file.bytes))
                data.append(Data("\r\n".utf8))
            }
            data.append(Data("--\(boundary)--\r\n".utf8))
            request.httpBody = data
        case .raw(let contentType, let bytes):
            request.setValue(contentType, forHTTPHeaderField: "content-type")
            request.httpBody = Data(bytes)
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields { headers[String(describing: name).lowercased()] = String(describing: value) }
        return Reply(status: http.statusCode, headers: headers, bytes: Array(data))
    }

    /// Every item of a v1 offset-paged list, following `next_start` page by page.
    func allPages(_ path: String, query: [String: String] = [:], limit: Int) async throws -> [JSON] {
        var items: [JSON] = []
        var start = 0
        while true {
            var pageQuery = query
            pageQuery["start"] = String(start)
            pageQuery["limit"] = String(limit)
            let reply = try await call("GET", path, query: pageQuery)
            #expect(reply.status == 200)
            let page = reply.data.arrayValue ?? []
            #expect(page.count <= limit)
            items += page
            let pagination = reply.json["additional_data"]?["pagination"]
            guard pagination?["more_items_in_collection"] == true, let next = pagination?["next_start"]?.intValue else { break }
            #expect(next == start + page.count)
            start = next
        }
        return items
    }

    /// Every item of a v2 cursor-paged list.
    func allCursorPages(_ path: String, limit: Int) async throws -> [JSON] {
        var items: [JSON] = []
        var cursor: String?
        repeat {
            var query = ["limit": String(limit)]
            if let cursor { query["cursor"] = cursor }
            let reply = try await call("GET", path, query: query)
            #expect(reply.status == 200)
            items += reply.data.arrayValue ?? []
            cursor = reply.json["additional_data"]?["next_cursor"]?.stringValue
        } while cursor != nil
        return items
    }
}

extension JSON {
    /// The ids of an array of rows.
    var ids: [Int] { (arrayValue ?? []).compactMap { $0["id"]?.intValue } }
}

extension WorkspaceSandbox {
    /// What a write changes: the clock (every write ticks it), the last ids, every table's ids, live and
    /// deleted, the blobs, and every row of the tables below 2,000 rows. Equal snapshots mean nothing changed.
    func snapshot() -> [String: JSON] {
        let store = store()
        var result: [String: JSON] = ["clock": .int(store.clock), "lastIDs": .object(store.lastIDs.mapValues(JSON.int))]
        for (name, table) in store.tables {
            result[name] = table.count < 2_000 ? .array(table.all) : .array(table.ids.map(JSON.int))
        }
        for (name, table) in store.deleted { result["deleted " + name] = .array(table.ids.map(JSON.int)) }
        result["blobs"] = .object(store.blobs.mapValues { .int($0.count) })
        return result
    }

    /// Sends a request Pipedrive refuses and checks the status, the error envelope and that nothing changed.
    @discardableResult
    func expectRefused(
        _ status: Int, _ method: String, _ path: String, query: [String: String] = [:], _ body: Body = .none,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Reply {
        let before = snapshot()
        let reply = try await call(method, path, query: query, body)
        #expect(reply.status == status, "\(method) \(path): \(String(decoding: reply.bytes, as: UTF8.self))", sourceLocation: sourceLocation)
        #expect(reply.json["success"] == false, sourceLocation: sourceLocation)
        #expect(snapshot() == before, "\(method) \(path) changed the account", sourceLocation: sourceLocation)
        return reply
    }
}
