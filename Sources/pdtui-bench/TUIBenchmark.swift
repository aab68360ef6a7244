import Foundation
import JSONValue
import PipedriveEngine
import PipedriveSandbox
import TUICore

/// `pdtui-bench tui`: time to the first full screen, frame time and memory with 100,000 rows loaded,
/// and keypress-to-frame latency while pages load under 300 ms of injected latency.
enum TUIBenchmark {
    static func run(_ arguments: [String]) async throws {
        let rows = Int(value(of: "--rows", in: arguments) ?? "") ?? 100_000
        try await firstScreen()
        try await bigGrid(rows: rows)
        try await latencyWhileLoading()
    }

    static func value(of option: String, in arguments: [String]) -> String? {
        guard let i = arguments.firstIndex(of: option), i + 1 < arguments.count else { return nil }
        return arguments[i + 1]
    }

    // MARK: first screen

    /// In process: sandbox start, session, first frame. Then the real binary in tmux, from exec to
    /// the resource list on screen.
    static func firstScreen() async throws {
        let start = ContinuousClock.now
        let server = try SandboxServer.start()
        defer { server.stop() }
        let session = Session(settings: ConnectionSettings(baseURL: URL(string: server.baseURL)!, credential: .apiToken(server.apiToken)))
        let source = SessionSource(session: session)
        let state = AppState(catalog: source.offlineCatalog(), size: Size(width: 200, height: 60))
        let theme = try ThemeLibrary().theme(named: "default").resolve(depth: .full)
        let buffer = Renderer(theme: theme).render(state)
        let inProcess = ContinuousClock.now - start
        precondition(buffer.text().contains("26 resources"))
        print("first screen, in process (sandbox start + first frame): \(ms(inProcess))")

        let binary = CommandLine.arguments[0].replacingOccurrences(of: "pdtui-bench", with: "pdtui")
        guard FileManager.default.isExecutableFile(atPath: binary), shell(["tmux", "-V"]) != nil else {
            print("first screen, real binary in tmux: skipped (no \(binary) or no tmux)")
            return
        }
        let socket = "pdtui-bench-\(getpid())"
        defer { _ = shell(["tmux", "-L", socket, "kill-server"]) }
        let t0 = ContinuousClock.now
        _ = shell(["tmux", "-L", socket, "new-session", "-d", "-x", "200", "-y", "60", "env", "TERM=xterm-256color", binary, "--demo"])
        while ContinuousClock.now - t0 < .seconds(30) {
            if shell(["tmux", "-L", socket, "capture-pane", "-p"])?.contains("26 resources") == true { break }
            try await Task.sleep(for: .milliseconds(5))
        }
        print("first screen, real binary in tmux (exec to resource list shown): \(ms(ContinuousClock.now - t0))")
        let t1 = ContinuousClock.now
        _ = shell(["tmux", "-L", socket, "send-keys", ":deals", "Enter"])
        while ContinuousClock.now - t1 < .seconds(30) {
            if shell(["tmux", "-L", socket, "capture-pane", "-p"])?.contains("row 1 of") == true { break }
            try await Task.sleep(for: .milliseconds(5))
        }
        print("first page of deals on screen after :deals (real binary): \(ms(ContinuousClock.now - t1))")
    }

    // MARK: big grid

    /// A deals grid of `rows` rows (the sandbox's deals, repeated with new ids), drawn at 200x60.
    static func bigGrid(rows count: Int) async throws {
        let server = try SandboxServer.start()
        defer { server.stop() }
        let session = Session(settings: ConnectionSettings(baseURL: URL(string: server.baseURL)!, credential: .apiToken(server.apiToken)))
        let source = SessionSource(session: session)
        var sample: [JSON] = []
        var columns: [ColumnInfo]?
        var request = PageRequest(resource: "deals", action: "Read")
        while sample.count < 3_000 {
            let page = try await source.page(request)
            sample += page.rows
            columns = columns ?? page.columns
            guard let next = page.next else { break }
            request.cursor = next
        }
        let before = residentMegabytes()
        var state = AppState(catalog: await source.catalog(), size: Size(width: 200, height: 60))
        state.command = LineEditor("deals")
        let effects = state.update(.key(.enter))
        guard case .loadPage(let id, _)? = effects.first else { fatalError("no load") }
        var rows: [JSON] = []
        rows.reserveCapacity(count)
        for i in 0..<count {
            var row = sample[i % sample.count]
            row["id"] = .int(i + 1)
            rows.append(row)
        }
        state.update(.pageLoaded(id, RowPage(rows: rows, next: nil, columns: columns)))
        rows = []
        let after = residentMegabytes()
        let theme = try ThemeLibrary().theme(named: "default").resolve(depth: .full)
        let renderer = Renderer(theme: theme)
        var times: [Duration] = []
        for step in 0..<200 {
            if step % 20 == 0 { _ = state.update(.key(.pageDown)) } else { _ = state.update(.key(.down)) }
            if step == 100 { _ = state.update(.key(.char("G"))) }
            let t = ContinuousClock.now
            let buffer = renderer.render(state)
            times.append(ContinuousClock.now - t)
            precondition(buffer.width == 200)
        }
        times.sort()
        print("frame, 200x60 grid, \(count) rows loaded: median \(ms(times[times.count / 2])), p99 \(ms(times[times.count * 99 / 100]))")
        print("memory, \(count) rows loaded: \(after) MB resident (\(after - before) MB for the rows)")
        let t = ContinuousClock.now
        _ = state.update(.key(.char("/")))
        for c in "acme" { _ = state.update(.key(.char(c))) }
        print("filter, \(count) rows, typing 4 letters: \(ms(ContinuousClock.now - t)) (\(state.topGridCount) rows match)")
    }

    // MARK: latency

    /// Keys arrive every 20 ms while pages load through a sandbox that adds 300 ms to every answer.
    @MainActor
    static func latencyWhileLoading() async throws {
        let server = try SandboxServer.start(SandboxConfiguration(latencyMilliseconds: 300))
        defer { server.stop() }
        let session = Session(settings: ConnectionSettings(baseURL: URL(string: server.baseURL)!, credential: .apiToken(server.apiToken)))
        let source = SessionSource(session: session)
        let terminal = ScriptedTerminal(keys: [.char(":")] + "deals".map { .char($0) } + [.enter]
            + Array(repeating: .pageDown, count: 150) + [.char("q"), .char("q")])
        let state = AppState(catalog: source.offlineCatalog(), size: Size(width: 200, height: 60))
        let runtime = Runtime(state: state, renderer: Renderer(theme: .plain), source: source, terminal: terminal)
        runtime.onFrame = { _ in terminal.framed() }
        runtime.run()
        let latencies = terminal.latencies.sorted()
        guard !latencies.isEmpty else { print("latency: no keys measured"); return }
        let loaded = runtime.state.topGridCount
        print("keypress to frame while pages load (300 ms latency, \(latencies.count) keys, \(loaded) rows loaded): "
              + "median \(ms(latencies[latencies.count / 2])), p99 \(ms(latencies[latencies.count * 99 / 100])), max \(ms(latencies.last!))")
    }

    static func ms(_ d: Duration) -> String {
        let (s, attos) = d.components
        return String(format: "%.2f ms", Double(s) * 1000 + Double(attos) / 1e15)
    }

    static func residentMegabytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
              let pages = text.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }

    static func shell(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        // A file, not a pipe: the tmux server it may start keeps its output open forever.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pdtui-bench-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: file.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: file) }
        guard let handle = try? FileHandle(forWritingTo: file) else { return nil }
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        process.waitUntilExit()
        guard let data = try? Data(contentsOf: file) else { return nil }
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }
}

extension AppState {
    var topGridCount: Int {
        if case .grid(let g)? = stack.last { return g.visibleCount }
        return 0
    }
}

/// A terminal that types a script of keys, one every 20 ms, and times each key until its frame.
@MainActor
final class ScriptedTerminal: TerminalScreen {
    private var keys: [Key]
    private var lastKey = ContinuousClock.now
    private var pending: ContinuousClock.Instant?
    private(set) var latencies: [Duration] = []
    let size = Size(width: 200, height: 60)
    let interrupted = false

    init(keys: [Key]) { self.keys = keys }

    func read(timeoutMilliseconds: Int) -> TerminalInput? {
        let due = lastKey + .milliseconds(20)
        let now = ContinuousClock.now
        if now < due {
            Thread.sleep(forTimeInterval: min(Double(timeoutMilliseconds) / 1000, Double((due - now).components.attoseconds) / 1e18))
            return nil
        }
        guard !keys.isEmpty else { return nil }
        lastKey = ContinuousClock.now
        pending = lastKey
        return .key(keys.removeFirst())
    }

    func draw(_ buffer: Buffer) {}

    func framed() {
        if let pending { latencies.append(ContinuousClock.now - pending) }
        pending = nil
    }

    func copy(_ text: String) {}
}
