import Foundation
import JSONValue
import PipedriveEngine
import PipedriveSandbox
import PipedriveSandboxServer

/// `pdtui-bench names [--latency MS] [--pages N]`: the time of a v2 page of deals (500 rows) with and
/// without its references named, and the lookups each page sends (the sandbox's request log).
enum NamesBenchmark {
    static func run(_ arguments: [String]) async throws {
        let latency = Int(TUIBenchmark.value(of: "--latency", in: arguments) ?? "") ?? 0
        let count = Int(TUIBenchmark.value(of: "--pages", in: arguments) ?? "") ?? 10
        let server = try SandboxServer.start(SandboxConfiguration(latencyMilliseconds: latency))
        defer { server.stop() }
        let session = Session(
            settings: ConnectionSettings(baseURL: URL(string: server.baseURL)!, credential: .apiToken(server.apiToken)),
            apiVersion: .v2)
        let deals = try session.resource(named: "deals")
        let schema = try await session.schema(of: deals)
        let read = try session.readAction("Read", of: deals)

        // The same pages twice: as they come, then named by a fresh resolver (the first page reads the lists).
        var plain: [Duration] = []
        let iterator = try session.pages(read, limit: count * 500, prefetch: false).makeAsyncIterator()
        while true {
            let t = ContinuousClock.now
            guard let page = try await iterator.next() else { break }
            _ = page.rows.map(schema.record(from:))
            plain.append(ContinuousClock.now - t)
        }
        let names = ReferenceNames(session: session)
        var named: [Duration] = [], lookups: [Int] = []
        let again = try session.pages(read, limit: count * 500, prefetch: false).makeAsyncIterator()
        while true {
            let t = ContinuousClock.now, logged = server.requestLog.count
            guard let page = try await again.next() else { break }
            let result = await names.name(page.rows.map(schema.record(from:)), schema: schema)
            named.append(ContinuousClock.now - t)
            lookups.append(server.requestLog.count - logged - 1)
            precondition(result.problem == nil, result.problem ?? "")
        }
        let later = named.dropFirst().sorted(), sortedPlain = plain.sorted()
        TUIBenchmark.say("v2 deals, \(plain.count) pages of 500 rows, \(latency) ms added latency:")
        TUIBenchmark.say("  page without names: median \(TUIBenchmark.ms(sortedPlain[sortedPlain.count / 2]))")
        TUIBenchmark.say("  page with names: first (reads users, stages, pipelines) \(TUIBenchmark.ms(named[0])), "
            + "later median \(later.isEmpty ? "-" : TUIBenchmark.ms(later[later.count / 2]))")
        TUIBenchmark.say("  lookup requests per page: first \(lookups[0]), later \(lookups.dropFirst().map(String.init).joined(separator: ", "))")
    }
}
