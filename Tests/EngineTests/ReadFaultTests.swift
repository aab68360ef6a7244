import Foundation
import JSONValue
import PipedriveSandbox
import Testing

@testable import PipedriveEngine

/// Reads under every sandbox fault × fresh, reused and killed connections, through the engine's page
/// walk (what the grid's pages come from) and through `pdtui get`: either every row once, in order, or
/// a sentence saying what went wrong (never a hang, never a duplicate or lost row).
@Suite struct ReadFaultTests {
    /// The three connection modes run one after another: nine sandboxes at a time, not 27.
    @Test(arguments: FaultInjectionTests.faults.map(\.name))
    func readsAreWholeOrSayWhy(fault: String) async throws {
        for mode in FaultInjectionTests.Mode.allCases { try await readsAreWholeOrSayWhy(fault: fault, mode: mode) }
    }

    func readsAreWholeOrSayWhy(fault: String, mode: FaultInjectionTests.Mode) async throws {
        let kind = try #require(FaultInjectionTests.faults.first { $0.name == fault }).kind
        let sandbox = try RestartableSandbox()
        // The second page fails: the walk has to carry on from where it was.
        let rule = FaultRule(kind, method: "GET", path: "/api/v2/deals", nth: 2)
        var seen: [RequestLogEntry] = []

        // The engine's page walk, as the grid reads.
        // Pages of 500 rows take a while on a loaded machine: a longer timeout than the hang's 3 s.
        // A killed sandbox takes a while to come back on a loaded machine: its reads wait longer between tries.
        let retry = mode == .killed ? RetryPolicy(maxAttempts: 8, baseDelay: 0.25, maxDelay: 4) : SandboxFixture.quickRetry
        var session = sandbox.session(version: .v2, timeout: 20, retry: retry)
        let deals = try session.resource(named: "deals")
        // What the walk gives without a fault.
        let expected = try await session.pages(deals.readAction!, limit: 700, prefetch: false).allRows().compactMap { $0["id"]?.intValue }
        #expect(expected.count == 700)
        if mode == .reused {
            _ = try await load(session, "deals", limit: 1)
            seen += sandbox.restart()
            session = sandbox.session(version: .v2, reusing: session, timeout: 20, retry: retry)
        }
        sandbox.server.addFault(rule)
        if mode == .killed { sandbox.server.addFault(FaultRule(.latency(milliseconds: 1500), method: "GET", path: "/api/v2/deals", nth: 2)) }
        let killer = mode == .killed ? Task.detached { await sandbox.killWhenSeen(method: "GET", path: "/api/v2/deals", count: 2) } : nil
        do {
            let rows = try await session.pages(deals.readAction!, limit: 700, prefetch: false).allRows()
            #expect(rows.compactMap { $0["id"]?.intValue } == expected, "\(fault) \(mode): rows lost or repeated")
        } catch let error as PipedriveError {
            #expect(fault == "html-403", "\(fault) \(mode): a read that should have been repeated failed: \(error.message)")
            #expect(!error.message.isEmpty)
        }
        if let killer { seen += await killer.value }
        sandbox.server.removeAllFaults()

        // `pdtui get`, the real binary.
        sandbox.server.addFault(rule)
        if mode == .killed { sandbox.server.addFault(FaultRule(.latency(milliseconds: 1500), method: "GET", path: "/api/v2/deals", nth: 2)) }
        let binaryKiller = mode == .killed ? Task.detached { await sandbox.killWhenSeen(method: "GET", path: "/api/v2/deals", count: 2) } : nil
        let folder = try TemporaryFolder()
        let run = try PDTUIBinary.run(["get", "deals", "--format", "ndjson", "--limit", "700"], environment: [
            "PIPEDRIVE_BASE_URL": sandbox.server.baseURL, "PIPEDRIVE_API_TOKEN": sandbox.server.apiToken,
            "XDG_CONFIG_HOME": folder.path, "XDG_STATE_HOME": folder.path, "PATH": "/usr/bin:/bin",
        ])
        if let binaryKiller { _ = await binaryKiller.value }
        let ids = run.lines.compactMap { try? JSON(parsing: String($0)) }.compactMap { $0["id"]?.intValue }
        if run.status == 0 {
            #expect(ids == expected, "\(fault) \(mode): pdtui get lost or repeated rows")
        } else {
            #expect(fault == "html-403", "\(fault) \(mode): pdtui get failed: \(run.errors)")
            #expect(run.status == 1 && !run.errors.isEmpty && !run.errors.contains(sandbox.server.apiToken))
            #expect(ids == Array(expected.prefix(ids.count)), "rows before the failure are whole")
        }
    }
}
