import JSONValue
import Synchronization
import PipedriveSandbox

/// A small account and router for testing the server itself (transport, auth, limits, faults, paging),
/// independent of the Pipedrive endpoints, which have their own tests and the contract check.
enum Fixture {
    static func store(rows: Int = 10) -> Store {
        var store = Store(clock: 1_700_000_000)
        for id in stride(from: 1, through: rows, by: 1) {
            store["things"].upsert(id, ["id": .int(id), "name": .string("Thing \(id)")])
        }
        return store
    }

    static var router: Router {
        var router = Router()
        router.add("GET", .v1, "/things") { context, store throws(APIError) in
            let (page, pagination) = try ListPaging.offset(store["things"].all, query: context.query)
            return Envelope.v1(.array(Array(page)), additionalData: ["pagination": pagination])
        }
        router.add("GET", .v2, "/things") { context, store throws(APIError) in
            let (page, next) = try ListPaging.cursor(store["things"].all, id: { $0["id"]?.intValue ?? 0 }, query: context.query)
            return Envelope.v2(.array(Array(page)), additionalData: ["next_cursor": next.map { .string($0) } ?? .null])
        }
        router.add("GET", .v1, "/things/{id}") { context, store throws(APIError) in
            guard let row = store["things"][try context.intParam("id")] else { throw .notFound("Thing not found") }
            return Envelope.v1(row)
        }
        // Creates a thing; the name "write-then-fail" writes first and then refuses, to show the write is undone.
        router.add("POST", .v1, "/things") { context, store throws(APIError) in
            guard let body = try? JSON(parsing: context.request.body), let name = body["name"]?.stringValue else {
                throw .badRequest("Thing name must be given.")
            }
            let id = store.nextID("things")
            store["things"].upsert(id, ["id": .int(id), "name": .string(name)])
            if name == "write-then-fail" { throw .badRequest("Refused after writing.") }
            return Envelope.v1(store["things"][id]!, status: 201)
        }
        router.add("GET", .v1, "/things/search") { context, store throws(APIError) in
            let term = context.query["term"] ?? ""
            let items = store["things"].all.filter { $0["name"]?.stringValue?.contains(term) == true }
            return Envelope.v1(["items": .array(items.map { ["result_score": 1, "item": $0] })])
        }
        router.add("GET", .v1, "/whoami") { context, _ throws(APIError) in
            Envelope.v1(["user_id": .int(context.userID)])
        }
        // Echoes what the server made of the request.
        router.add("GET", .v1, "/echo/{word}") { context, _ throws(APIError) in
            echo(context)
        }
        router.add("POST", .v1, "/echo/{word}") { context, _ throws(APIError) in
            echo(context)
        }
        return router
    }

    private static func echo(_ context: RouteContext) -> SandboxResponse {
        Envelope.v1([
            "word": .string(context.pathParams["word"] ?? ""),
            "query": .object(context.query.mapValues { .string($0) }),
            "body": .string(String(decoding: context.request.body, as: UTF8.self)),
        ])
    }

    static func configuration(rows: Int = 10) -> SandboxConfiguration {
        SandboxConfiguration(router: router, store: store(rows: rows))
    }

    /// Runs `body` against a fresh sandbox and stops it afterwards.
    static func withServer<T>(
        _ configuration: SandboxConfiguration = Fixture.configuration(), _ body: (SandboxServer) async throws -> T
    ) async throws -> T {
        let server = try SandboxServer.start(configuration)
        defer { server.stop() }
        return try await body(server)
    }
}

/// A clock the test moves by hand, for rate-limit windows and OAuth lifetimes.
final class ManualClock: Sendable {
    private let seconds = Mutex(1_800_000_000.0)

    var now: Double { seconds.withLock { $0 } }

    func advance(by delta: Double) { seconds.withLock { $0 += delta } }

    var function: @Sendable () -> Double { { [self] in now } }
}
