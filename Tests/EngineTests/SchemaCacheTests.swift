import Foundation
import JSONValue
import PDTUITestSupport
import PipedriveSandbox
import Synchronization
import Testing

@testable import PipedriveEngine

/// The account's schema kept across sessions (`SchemaLists`, `SchemaCacheFolder`), against the real sandbox.
@Suite struct SchemaCacheTests {
    /// What the TUI's first deals screen reads: the deals' fields, then the names of a page's references.
    func firstDealsScreen(_ session: Session) async throws {
        let deals = try session.resource(named: "deals")
        let page = try #require(try await session.pages(try session.readAction("Read", of: deals), limit: 40, prefetch: false)
            .makeAsyncIterator().next())
        let shown = await session.shownRecords(Array(page.rows.prefix(40)), of: deals, names: ReferenceNames(session: session))
        #expect(shown.notice == nil)
        #expect(shown.records.contains { $0["stage_id"]?["name"] != nil && $0["user_id"]?["name"] != nil })
    }

    static let schemaCalls: Set<String> = [
        "GET /api/v2/dealFields", "GET /api/v1/dealFields", "GET /api/v1/users", "GET /api/v2/stages", "GET /api/v2/pipelines",
        "GET /api/v1/stages", "GET /api/v1/pipelines",
    ]

    func schemaCalls(_ calls: some Sequence<String>) -> [String] {
        calls.filter { Self.schemaCalls.contains($0) || $0.hasPrefix("GET /api/v1/users/") }
    }

    @Test func aSecondSessionReadsNoSchemaAndTheFilesArePrivate() async throws {
        let sandbox = try SandboxFixture(inProcess: true)
        let folder = try TemporaryFolder()
        let cache = SchemaCacheFolder(path: folder.path + "/pdtui/test@127.0.0.1")
        try await firstDealsScreen(sandbox.session(schemaCache: cache))
        #expect(schemaCalls(sandbox.calls).contains("GET /api/v2/dealFields"))

        let start = sandbox.calls.count
        try await firstDealsScreen(sandbox.session(schemaCache: cache))
        let second = Array(sandbox.calls.dropFirst(start))
        #expect(schemaCalls(second).isEmpty, "\(second)")
        #expect(second.first == "GET /api/v2/deals")

        let files = try FileManager.default.contentsOfDirectory(atPath: cache.path)
        #expect(files.contains("fields__dealFields.json") && files.contains("stages.json") && files.contains("pipelines.json"), "\(files)")
        for file in files {
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: cache.path + "/" + file)[.posixPermissions] as? Int)
            #expect(mode == 0o600, "\(file): \(String(mode, radix: 8))")
            let text = try String(contentsOfFile: cache.path + "/" + file, encoding: .utf8)
            #expect(!text.contains(sandbox.server.apiToken), "\(file) holds the token")
        }
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: cache.path)[.posixPermissions] as? Int)
        #expect(mode == 0o700)
    }

    @Test func aFieldAddedOnTheAccountShowsAfterRevalidation() async throws {
        let sandbox = try SandboxFixture(inProcess: true)
        let folder = try TemporaryFolder()
        let cache = SchemaCacheFolder(path: folder.path + "/cache")
        let first = sandbox.session(schemaCache: cache)
        let deals = try first.resource(named: "deals")
        _ = try await first.schema(of: deals)
        _ = try await first.client.send(APIRequest(.post, .v1, "/dealFields", body: .json(["name": "Churn risk", "field_type": "varchar"])))

        let second = sandbox.session(schemaCache: cache)
        let changed = Mutex<[Set<String>]>([])
        await second.schemaLists.onChange { lists in changed.withLock { $0.append(second.resources(shownWith: lists)) } }
        #expect(try await second.schema(of: deals).fields.contains { $0.title == "Churn risk" } == false, "the kept list is used")
        let start = sandbox.calls.count
        await second.revalidateSchema()
        #expect(Array(sandbox.calls.dropFirst(start)).contains("GET /api/v2/dealFields"))
        #expect(try await second.schema(of: deals).fields.contains { $0.title == "Churn risk" })
        let reported = changed.withLock { $0 }
        #expect(reported.count == 1 && reported.first == ["deals", "leads"], "\(reported)")

        // A third session starts from the list read again.
        let callsBefore = sandbox.calls.count
        #expect(try await sandbox.session(schemaCache: cache).schema(of: deals).fields.contains { $0.title == "Churn risk" })
        #expect(sandbox.calls.count == callsBefore)
    }

    /// The requests a first deals screen makes with `cache`, its background checks included.
    func requests(_ sandbox: SandboxFixture, _ session: Session) async throws -> [RequestLogEntry] {
        let start = sandbox.server.requestLog.count
        try await firstDealsScreen(session)
        await session.schemaLists.settle()
        return Array(sandbox.server.requestLog.dropFirst(start))
    }

    /// Kept stages, pipelines, users and activity types, once due, are checked by one `/recents` call (by
    /// `update_time`): nothing changed costs that call alone; a changed stage reads the stages again, and only them.
    @Test func aDueScheduleIsCheckedByOneRecentsCall() async throws {
        let sandbox = try SandboxFixture(inProcess: true)
        let folder = try TemporaryFolder()
        let kept = SchemaCacheFolder(path: folder.path + "/cache")
        try await firstDealsScreen(sandbox.session(schemaCache: kept))
        let due = SchemaCacheFolder(path: kept.path, maxAge: 0)  // every kept list is due at once
        let listReads: Set<String> = ["GET /api/v2/stages", "GET /api/v2/pipelines", "GET /api/v1/users", "GET /api/v1/activityTypes"]
        func reads(_ requests: [RequestLogEntry]) -> [String] { requests.map { "\($0.method) \($0.path)" }.filter(listReads.contains) }
        func recents(_ requests: [RequestLogEntry]) -> [RequestLogEntry] { requests.filter { $0.path == "/api/v1/recents" } }

        let unchanged = try await requests(sandbox, sandbox.session(schemaCache: due))
        #expect(recents(unchanged).count == 1, "\(unchanged)")
        // The kept lists it reports on, in one call (a deals screen keeps no activity types).
        let items = recents(unchanged).first?.query.removingPercentEncoding?.split(separator: "&").first { $0.hasPrefix("items=") }
        #expect(items == "items=pipeline,stage" || items == "items=pipeline,stage,user", "\(unchanged)")
        #expect(recents(unchanged).map(\.tokenCost) == [20])
        #expect(reads(unchanged).isEmpty, "\(unchanged)")

        let renamed = "Qualified (renamed)"
        let first = sandbox.session()
        _ = try await first.client.send(APIRequest(.patch, .v2, "/stages/1", body: .json(["name": .string(renamed)])))
        let session = sandbox.session(schemaCache: due)
        let changed = Mutex<Set<String>>([])
        await session.schemaLists.onChange { lists in changed.withLock { $0.formUnion(lists) } }
        let after = try await requests(sandbox, session)
        #expect(recents(after).count == 1, "\(after)")
        #expect(reads(after) == ["GET /api/v2/stages"], "\(after)")
        #expect(changed.withLock { $0 }.contains("stages"))
        let stages = try #require(kept.load("stages")?.value.arrayValue)
        #expect(stages.contains { $0["name"]?.stringValue == renamed }, "the kept stages are the account's now")
    }

    /// Our clock two minutes ahead of Pipedrive's: a stage renamed just before the lists were saved (by our
    /// clock, just after) is still seen as changed.
    @Test func aChangeIsNotMissedWhileOurClockRunsAhead() async throws {
        let sandbox = try SandboxFixture(inProcess: true)
        let folder = try TemporaryFolder()
        let kept = SchemaCacheFolder(path: folder.path + "/cache")
        try await firstDealsScreen(sandbox.session(schemaCache: kept))
        _ = try await sandbox.session().client.send(APIRequest(.patch, .v2, "/stages/1", body: .json(["name": "Renamed"])))
        for name in ["stages", "pipelines", "users"] {
            if let entry = kept.load(name) { kept.save(name, .init(value: entry.value, savedAt: Date(timeIntervalSinceNow: 120))) }
        }
        let due = SchemaCacheFolder(path: kept.path, maxAge: -3_600)  // due at once, saved "in the future" as they are
        let after = try await requests(sandbox, sandbox.session(schemaCache: due))
        #expect(after.contains { $0.method == "GET" && $0.path == "/api/v2/stages" }, "\(after)")
        #expect(kept.load("stages")?.value.arrayValue?.contains { $0["name"]?.stringValue == "Renamed" } == true)
    }

    @Test func aDamagedOrOversizedCacheFileIsReadAgainAndReplaced() async throws {
        let sandbox = try SandboxFixture(inProcess: true)
        let folder = try TemporaryFolder()
        let cache = SchemaCacheFolder(path: folder.path + "/cache")
        let deals = try sandbox.session().resource(named: "deals")
        let expected = try await sandbox.session(schemaCache: cache).schema(of: deals).fields.map(\.key)
        let file = cache.file(Session.fieldListName("/dealFields", v2: true))
        let damages = [
            Array("{\"saved_at\": 1, \"value\": [".utf8), Array("{\"saved_at\": 1, \"value\": {\"v2\": 7}}".utf8),
            [UInt8](repeating: 0x20, count: SchemaCacheFolder.maxBytes + 1),
        ]
        for damage in damages {
            try Data(damage).write(to: URL(fileURLWithPath: file))
            let start = sandbox.calls.count
            #expect(try await sandbox.session(schemaCache: cache).schema(of: deals).fields.map(\.key) == expected)
            #expect(Array(sandbox.calls.dropFirst(start)) == ["GET /api/v2/dealFields"])
            #expect(cache.load(Session.fieldListName("/dealFields", v2: true)) != nil, "the file was written anew")
        }
    }

    @Test func aListOlderThanItsAgeIsUsedAtOnceAndReadAgainBehind() async throws {
        let folder = try TemporaryFolder()
        let cache = SchemaCacheFolder(path: folder.path + "/cache")
        cache.save("stages", .init(value: ["old"], savedAt: Date(timeIntervalSinceNow: -7_200)))
        let lists = SchemaLists(folder: cache)
        let reads = Mutex(0)
        let changed = Mutex<Set<String>>([])
        await lists.onChange { names in changed.withLock { $0.formUnion(names) } }
        let value = try await lists.value("stages") { reads.withLock { $0 += 1 }; return ["new"] }
        #expect(value == ["old"], "the saved list is used at once")
        await lists.revalidate { $0 == "stages" }  // waits for the background read
        #expect(reads.withLock { $0 } == 1)
        #expect(try await lists.value("stages") { ["never"] } == ["new"])
        #expect(changed.withLock { $0 } == ["stages"])
        #expect(cache.load("stages")?.value == ["new"])

        // Fresh: used without reading again.
        let again = SchemaLists(folder: cache)
        #expect(try await again.value("stages") { reads.withLock { $0 += 1 }; return ["newer"] } == ["new"])
        await again.revalidate { _ in false }
        #expect(reads.withLock { $0 } == 1)
    }
}
