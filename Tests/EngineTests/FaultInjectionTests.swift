import Foundation
import JSONValue
import PipedriveSandbox
import Synchronization
import Testing

@testable import PipedriveEngine

/// Every sandbox fault × every write kind × three ways the connection can fare, against a real sandbox
/// over HTTP: after the first commit, and again after a second one with the fault gone, the server's
/// state, the journal and the staging file agree, nothing is done twice, and the second commit reads
/// Pipedrive to settle an unknown outcome instead of sending the change again.
@Suite struct FaultInjectionTests {
    enum Mode: String, CaseIterable, Sendable {
        /// A session made just before the commit: no connection to reuse.
        case fresh
        /// Reads first (their connection kept alive), then the sandbox restarts under it, then the commit.
        case reused
        /// The sandbox is killed while the write is out (after its handler ran, or before) and restarted.
        case killed
    }

    static let faults: [(name: String, kind: FaultKind)] = [
        ("500", .serverError(500)), ("502", .serverError(502)), ("503", .serverError(503)), ("429", .rateLimited),
        ("reset", .resetMidBody), ("malformed-json", .malformedJSON), ("html-403", .htmlForbidden),
        ("hang", .hang(milliseconds: 3000)), ("latency", .latency(milliseconds: 300)),
    ]

    /// Each fault × mode case runs the five write kinds.
    static let writeKinds = ["create", "update", "delete", "batch delete", "upload"]

    /// The three connection modes run one after another: nine sandboxes at a time, not 27.
    @Test(arguments: faults.map(\.name))
    func writesAreExactlyOnceOrHonestlyUnknown(fault: String) async throws {
        for mode in Mode.allCases { try await writesAreExactlyOnceOrHonestlyUnknown(fault: fault, mode: mode) }
    }

    func writesAreExactlyOnceOrHonestlyUnknown(fault: String, mode: Mode) async throws {
        let kind = try #require(Self.faults.first { $0.name == fault }).kind
        let sandbox = try RestartableSandbox()
        let folder = try TemporaryFolder()
        let journal = Journal(path: folder.path + "/journal.jsonl")
        let file = StagingFile(path: folder.path + "/staged.json")
        var seen: [RequestLogEntry] = []
        let tag = "\(fault)-\(mode.rawValue)"

        // Records to work on, read once before any fault.
        let setup = sandbox.session(version: .v2)
        let persons = try setup.resource(named: "persons")
        let personSchema = try await setup.schema(of: persons)
        let dealSchema = try await setup.schema(of: try setup.resource(named: "deals"))
        let someDeals = try await load(setup, "deals", limit: 3)
        let somePersons = try await load(setup, "persons", limit: 6)
        let v1 = sandbox.session(version: .v1)
        let v1Persons = try await load(v1, "persons", limit: 6)

        for writeKind in Self.writeKinds {
            let name = "Fault \(tag) \(writeKind)"
            var staging = Staging()
            let version: PipedriveEngine.APIVersion = writeKind == "batch delete" || writeKind == "upload" ? .v1 : .v2
            let (method, path): (String, String)
            var expectedIDs: [RecordID] = []
            switch writeKind {
            case "create":
                #expect(staging.create(in: personSchema, text: ["name": name]) == .success(1))
                (method, path) = ("POST", "/api/v2/persons")
            case "update":
                let deal = someDeals[0]
                #expect(staging.edit(deal, of: dealSchema, text: ["title": name]).isEmpty)
                (method, path) = ("PATCH", "/api/v2/deals/\(deal.id!)")
            case "delete":
                let person = somePersons[0]
                expectedIDs = [person.id!]
                try staging.delete([person], of: persons)
                (method, path) = ("DELETE", "/api/v2/persons/\(person.id!)")
            case "batch delete":
                let three = Array(v1Persons[3..<6])
                expectedIDs = three.compactMap(\.id)
                try staging.delete(three, of: persons)
                (method, path) = ("DELETE", "/api/v1/persons")
            default:
                (method, path) = ("POST", "/api/v1/files")
            }
            sandbox.server.addFault(FaultRule(kind, method: method, path: path))

            var session = sandbox.session(version: version)
            switch mode {
            case .fresh: break
            case .reused:
                _ = try await load(session, "deals", limit: 2)
                seen += sandbox.restart()
                sandbox.server.addFault(FaultRule(kind, method: method, path: path))
                session = sandbox.session(version: version, reusing: session)
            case .killed:
                sandbox.server.addFault(FaultRule(.latency(milliseconds: 1500), method: method, path: path))
            }

            // First attempt.
            let killer = mode == .killed ? Task.detached { await sandbox.killWhenSeen(method: method, path: path) } : nil
            var uploadOutcome: JournalOutcome.Status?
            if writeKind == "upload" {
                _ = try? await session.upload(fileNamed: name + ".txt", content: Array(name.utf8), to: .deal(Int(someDeals[1].id!.description)!), journal: journal)
                uploadOutcome = try journal.entries().last?.outcome?.status
            } else {
                _ = try? await session.commit(&staging, journal: journal, file: file)
            }
            if let killer { seen += await killer.value }
            if writeKind == "upload", mode == .killed, uploadOutcome == .unknown {
                // Pipedrive was down when the upload tried to settle it: the next start settles it by reading.
                _ = await sandbox.session(version: version).settleInterruptedUploads(journal: journal)
                uploadOutcome = try journal.entries().last?.outcome?.status
            }
            sandbox.server.removeAllFaults()
            try checkAgreement(sandbox, writeKind, name: name, ids: expectedIDs, staging: staging, file: file, journal: journal, context: "\(tag) \(writeKind), first commit")
            if writeKind == "upload" {
                let stored = sandbox.server.withStore { $0["files"].all }.filter { $0["file_name"]?.stringValue == name + ".txt" }
                #expect(stored.count <= 1, "\(tag) upload: sent twice")
                if uploadOutcome == .done {
                    #expect(stored.count == 1, "\(tag) upload: journaled done, not on the server")
                    #expect(try journal.entries().last?.outcome?.createdIDs == stored.compactMap { RecordID($0["id"]) }, "\(tag) upload: journal lacks the id")
                }
                if uploadOutcome == .failed { #expect(stored.isEmpty, "\(tag) upload: journaled refused, yet on the server") }
                // An unknown outcome is settled by reading the files (the fault is on the POST only): there and then, or
                // at the next start when the server was down.
                #expect(uploadOutcome == .done || uploadOutcome == .failed, "\(tag) upload: left \(uploadOutcome.map { "\($0)" } ?? "without an outcome")")
                // Sent once; a 429 (refused before anything was done) is the only answer that may be retried.
                let sent = (seen + sandbox.server.requestLog).filter { $0.method == method && $0.path == path && $0.status != 429 }
                #expect(sent.count <= 1, "\(tag) upload: sent \(sent.count) times")
                continue
            }

            // Second commit, the fault gone: an unknown outcome is settled by reading, never by resending.
            let wasUnknown = staging.changes.contains { $0.attempt != nil }
            let before = sandbox.writes(method: method, path: path).count
            _ = try await sandbox.session(version: version).commit(&staging, journal: journal, file: file)
            if wasUnknown {
                #expect(sandbox.writes(method: method, path: path).count == before, "\(tag) \(writeKind): resent instead of reconciled")
                #expect(staging.changes.allSatisfy { $0.isHeld }, "\(tag) \(writeKind): reconciled change not held")
            }
            #expect(staging.changes.allSatisfy { $0.attempt == nil }, "\(tag) \(writeKind): still unknown after reading the server")
            try checkAgreement(sandbox, writeKind, name: name, ids: expectedIDs, staging: staging, file: file, journal: journal, context: "\(tag) \(writeKind), second commit")
            // Applied at most once, across restarts.
            let applied = (seen + sandbox.server.requestLog).filter { $0.method == method && $0.path == path && (200..<300).contains($0.status) }
            #expect(applied.count <= 1, "\(tag) \(writeKind): applied \(applied.count) times")
        }
    }

    /// The server, the journal's last entry and staging tell the same story.
    func checkAgreement(
        _ sandbox: RestartableSandbox, _ writeKind: String, name: String, ids: [RecordID], staging: Staging, file: StagingFile,
        journal: Journal, context: String
    ) throws {
        guard writeKind != "upload" else { return }
        let onDisk = try file.load() ?? Staging()
        #expect(onDisk.changes == staging.changes, "\(context): staging file differs from staging")
        let entry = try journal.entries().last
        let done = entry?.outcome?.status == .done
        let applied: Bool
        switch writeKind {
        case "create":
            let matches = sandbox.server.withStore { $0["persons"].all }.filter { $0["name"]?.stringValue == name }
            #expect(matches.count <= 1, "\(context): created \(matches.count) times")
            applied = matches.count == 1
            if applied, done { #expect(entry?.outcome?.createdIDs == [RecordID(matches[0]["id"])!], "\(context): journal lacks the new id") }
        case "update":
            applied = sandbox.server.withStore { $0["deals"].all }.contains { $0["title"]?.stringValue == name }
        default:
            let live = Set(sandbox.server.withStore { $0["persons"].all }.compactMap { RecordID($0["id"]) })
            applied = ids.allSatisfy { !live.contains($0) }
        }
        // Unknown: held with its attempt, and the journal says so; no claim either way about the server.
        if staging.changes.contains(where: { $0.attempt != nil }) {
            #expect(entry?.outcome?.status == .unknown, "\(context): held as unknown, journal says \(String(describing: entry?.outcome?.status))")
            #expect(staging.changes.allSatisfy { $0.isHeld }, "\(context): an unknown change is not held")
            return
        }
        // Done on the server ⇔ gone from staging; journal done ⇒ done on the server.
        #expect(applied == staging.isEmpty, "\(context): server applied=\(applied) but staged=\(staging.changes.count)")
        if done { #expect(applied, "\(context): journal says done, the server disagrees") }
        if applied, entry?.outcome != nil, staging.isEmpty { #expect(done, "\(context): the server has it, the journal says \(String(describing: entry?.outcome?.status))") }
    }
}

/// A sandbox that can be killed and started again on the same port with the same account, as a server
/// restart looks to a client.
final class RestartableSandbox: Sendable {
    private let current: Mutex<SandboxServer>
    let port: Int

    init() throws {
        let server = try SandboxServer.start(SandboxConfiguration(generation: GenerationOptions(seed: 7)))
        current = Mutex(server)
        port = server.port
    }

    deinit { server.stop() }

    var server: SandboxServer { current.withLock { $0 } }

    /// Stops the server (closing every connection) and starts a new one with its account; returns the old log.
    @discardableResult
    func restart() -> [RequestLogEntry] {
        let old = server
        old.stop()
        let store = old.withStore { $0 }
        var attempts = 0
        while true {
            do {
                let fresh = try SandboxServer.start(
                    SandboxConfiguration(port: port, generation: GenerationOptions(seed: 7), store: store))
                current.withLock { $0 = fresh }
                return old.requestLog
            } catch {
                attempts += 1
                precondition(attempts < 50, "the port did not come free: \(error)")
                usleep(100_000)
            }
        }
    }

    /// Waits until the server has taken in `count` such requests, then kills and restarts it while the
    /// last answer waits.
    func killWhenSeen(method: String, path: String, count: Int = 1) async -> [RequestLogEntry] {
        for _ in 0..<250 {
            if server.requestLog.filter({ $0.method == method && $0.path == path }).count >= count { break }
            try? await Task.sleep(for: .milliseconds(20))
        }
        try? await Task.sleep(for: .milliseconds(100))
        return restart()
    }

    func writes(method: String, path: String) -> [RequestLogEntry] {
        server.requestLog.filter { $0.method == method && $0.path == path }
    }

    /// A session with a short timeout (a hang ends in 2 s by default), optionally keeping another's transport.
    func session(
        version: PipedriveEngine.APIVersion, reusing other: Session? = nil, timeout: Double = 2,
        retry: RetryPolicy = SandboxFixture.quickRetry
    ) -> Session {
        let settings = ConnectionSettings(
            baseURL: URL(string: server.baseURL)!, credential: .apiToken(server.apiToken), profileName: "test")
        return Session(
            settings: settings, apiVersion: version, transport: other?.client.transport ?? Transport(timeout: timeout),
            retry: retry)
    }
}
