import Foundation
import JSONValue
import PipedriveEngine
import PipedriveSandbox
import PipedriveSandboxServer
import TUICore

/// `pdtui-bench net [--latencies 0,100,300]`: pdtui on a far-away Pipedrive (the sandbox adding latency to
/// every answer), in process with the real runtime, session and sandbox at 160x40: from `:deals` to the first
/// rows and to the names in view filled; the requests and tokens of that first deals screen in a fresh
/// session and in a second one (the account's schema kept between them in a temporary cache folder, as
/// `$XDG_CACHE_HOME/pdtui/` keeps it); and PgDn held (10 a second, 60 presses): the share of presses that land on
/// the last loaded row while more rows exist (a wait).
enum NetBenchmark {
    static func run(_ arguments: [String]) async throws {
        let latencies = (TUIBenchmark.value(of: "--latencies", in: arguments) ?? "0,100,300").split(separator: ",").compactMap { Int($0) }
        for latency in latencies {
            let server = try SandboxServer.start(SandboxConfiguration(latencyMilliseconds: latency))
            defer { server.stop() }
            let cache = SchemaCacheFolder(path: NSTemporaryDirectory() + "pdtui-bench-cache-" + UUID().uuidString)
            defer { try? FileManager.default.removeItem(atPath: cache.path) }
            let fresh = try await firstDeals(server, cache: cache)
            let second = try await firstDeals(server, cache: cache)
            TUIBenchmark.say("\(latency) ms: :deals → first rows \(TUIBenchmark.ms(fresh.rows)), names in view \(TUIBenchmark.ms(fresh.names)); "
                + "first deals screen \(fresh.requests) requests, \(fresh.tokens) tokens fresh, \(second.requests) requests, \(second.tokens) tokens in a second session")
            let held = try await holdPageDown(server)
            TUIBenchmark.say("\(latency) ms: PgDn 10/s × 60: \(held.waits) presses waited at the last loaded row (\(held.waits * 100 / 60) %), "
                + "\(held.idsShown) showed ids 100 ms later; \(held.rows) rows loaded")
        }
    }

    /// A fresh session and runtime on `server`, at 160x40.
    @MainActor
    static func runtime(_ server: SandboxServer, cache: SchemaCacheFolder? = nil) -> Runtime {
        let session = Session(settings: ConnectionSettings(baseURL: URL(string: server.baseURL)!, credential: .apiToken(server.apiToken)),
                              schemaCache: cache)
        let source = SessionSource(session: session)
        let state = AppState(catalog: source.offlineCatalog(), size: Size(width: 160, height: 40))
        let runtime = Runtime(state: state, renderer: Renderer(theme: .plain), source: source, terminal: QuietTerminal())
        runtime.returnsFreedMemory = true  // as pdtui's
        return runtime
    }

    /// Whether the rows on screen still show ids where names will be.
    @MainActor
    static func idsInView(_ state: AppState) -> Bool {
        guard let grid = state.top(GridScreen.self) else { return true }
        return (grid.top..<min(grid.visibleCount, grid.top + state.shared.gridRows)).contains { grid.namesPending(at: $0) }
    }

    @MainActor
    static func firstDeals(_ server: SandboxServer, cache: SchemaCacheFolder) async throws -> (rows: Duration, names: Duration, requests: Int, tokens: Int) {
        let runtime = runtime(server, cache: cache)
        let start = server.requestLog.count
        let t0 = ContinuousClock.now
        for key in ":deals".map(Key.char) + [.enter] { runtime.send(.key(key)) }
        var rows: Duration?, names: Duration?
        while ContinuousClock.now - t0 < .seconds(60) {
            await runtime.settle(timeout: .milliseconds(2))
            let shown = (runtime.state.top(GridScreen.self)?.visibleCount ?? 0) > 0
            if shown, rows == nil { rows = ContinuousClock.now - t0 }
            if shown, names == nil, !idsInView(runtime.state) { names = ContinuousClock.now - t0 }
            if names != nil, !runtime.state.isLoading { break }
        }
        let log = server.requestLog.dropFirst(start)
        return (rows ?? .seconds(60), names ?? .seconds(60), log.count, log.reduce(0) { $0 + $1.tokenCost })
    }

    @MainActor
    static func holdPageDown(_ server: SandboxServer) async throws -> (waits: Int, idsShown: Int, rows: Int) {
        let runtime = runtime(server)
        for key in ":deals".map(Key.char) + [.enter] { runtime.send(.key(key)) }
        await runtime.settle()
        var waits = 0, idsShown = 0
        for _ in 0..<60 {
            runtime.send(.key(.pageDown))
            if let grid = runtime.state.top(GridScreen.self), !grid.exhausted, grid.cursor >= grid.visibleCount - 1 { waits += 1 }
            let pressed = ContinuousClock.now
            while ContinuousClock.now - pressed < .milliseconds(100) { await runtime.settle(timeout: .milliseconds(2)) }
            if idsInView(runtime.state) { idsShown += 1 }
        }
        return (waits, idsShown, runtime.state.top(GridScreen.self)?.rows.count ?? 0)
    }
}

/// A terminal that types nothing: the benchmark sends the keys.
@MainActor
final class QuietTerminal: TerminalScreen {
    let size = Size(width: 160, height: 40)
    var interrupted: Bool { false }
    func read(timeoutMilliseconds: Int) -> TerminalInput? { nil }
    func draw(_ buffer: Buffer) {}
    func copy(_ text: String) -> String? { nil }
    func suspend() {}
    func resume() {}
}
