import Foundation
import PipedriveEngine
import PipedriveSandbox
import PipedriveSandboxServer

/// `pdtui-bench bulk [--deals N] [--latency MS]`: one bulk change (a probability set on N deals, 1,000 by
/// default) committed to a sandbox with Pipedrive's burst limit on (`--strict-rate-limits`: 40 requests per
/// 2 s), against the least time the limit allows for the calls made.
enum BulkBenchmark {
    static func run(_ arguments: [String]) async throws {
        let count = Int(TUIBenchmark.value(of: "--deals", in: arguments) ?? "") ?? 1_000
        let latency = Int(TUIBenchmark.value(of: "--latency", in: arguments) ?? "") ?? 0
        let limits = RateLimits.pipedriveGrowth
        let server = try SandboxServer.start(SandboxConfiguration(rateLimits: limits, latencyMilliseconds: latency))
        defer { server.stop() }
        let session = Session(
            settings: ConnectionSettings(baseURL: URL(string: server.baseURL)!, credential: .apiToken(server.apiToken)),
            apiVersion: .v2)
        let deals = try session.resource(named: "deals")
        let schema = try await session.schema(of: deals)
        var records: [Record] = []
        for try await page in try session.pages(try session.readAction("Read", of: deals), limit: count, prefetch: false) {
            records += try await session.records(page, of: deals)
        }
        var staging = Staging()
        guard case .success(let group?) = staging.bulkEdit(records, of: schema, text: ["probability": "37"]) else {
            throw PipedriveError(.invalidInput, "nothing to change")
        }
        let folder = NSTemporaryDirectory() + "pdtui-bench-bulk-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = Journal(path: folder + "/journal.jsonl")
        // A fresh burst window, so the figure is the commit's alone.
        try await Task.sleep(for: .seconds(2.1))
        server.clearRequestLog()

        let start = ContinuousClock.now
        let report = try await session.commit(&staging, journal: journal)
        let wall = ContinuousClock.now - start
        let log = server.requestLog
        let admitted = log.filter { $0.status != 429 }.count
        let refused = log.count - admitted
        let window = 2.0
        // The first `burst` calls go at once, then `burst` more every window.
        let minimum = Double((admitted + limits.burst - 1) / limits.burst - 1) * window
        let seconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
        let done = report.outcomes.filter { $0.result == .done(created: []) }.count
        let entries = try journal.entries()
        precondition(staging.isEmpty && entries.count == 1 && entries[0].doneIDs.count == done, "the bulk did not complete")
        TUIBenchmark.say("bulk: \(group.label), burst limit \(limits.burst) requests per 2 s, \(latency) ms added latency")
        TUIBenchmark.say("  calls: \(log.filter { $0.method == "GET" }.count) reads (conflict check, 100 ids each), "
            + "\(log.filter { $0.method == "PATCH" }.count) PATCH; 429 answers: \(refused)")
        TUIBenchmark.say(String(format: "  wall time %.1f s; the limit's minimum for %d calls %.1f s (%.2fx); %d of %d done, one journal entry",
                                seconds, admitted, minimum, seconds / minimum, done, records.count))
    }
}
