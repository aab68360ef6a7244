import Foundation
import JSONValue
import PipedriveEngine
import PipedriveSandbox
import PipedriveSandboxServer
import TUICore

/// `pdtui-bench tui`: time to the first full screen, frame time and memory with 100,000 rows loaded,
/// and keypress-to-frame latency while pages load under 300 ms of injected latency.
enum TUIBenchmark {
    static func run(_ arguments: [String]) async throws {
        let rows = Int(value(of: "--rows", in: arguments) ?? "") ?? 100_000
        try await firstScreen()
        try await pageFromBytes()
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
        say("first screen, in process (sandbox start + first frame): \(ms(inProcess))")

        let binary = CommandLine.arguments[0].replacingOccurrences(of: "pdtui-bench", with: "pdtui")
        guard FileManager.default.isExecutableFile(atPath: binary), shell(["tmux", "-V"]) != nil else {
            say("first screen, real binary in tmux: skipped (no \(binary) or no tmux)")
            return
        }
        let socket = "pdtui-bench-\(getpid())"
        let t0 = ContinuousClock.now
        _ = shell(["tmux", "-L", socket, "new-session", "-d", "-x", "200", "-y", "60", "env", "TERM=xterm-256color", binary, "--demo"])
        // End what was started, by pid: pdtui (the pane's process), then the tmux server.
        let pids = shell(["tmux", "-L", socket, "display-message", "-p", "#{pane_pid} #{pid}"])?
            .split(whereSeparator: \.isWhitespace).compactMap { Int32($0) } ?? []
        defer {
            if let pane = pids.first { kill(pane, SIGTERM) }
            _ = shell(["tmux", "-L", socket, "kill-server"])
            if pids.count > 1 { kill(pids[1], SIGKILL) }
        }
        while ContinuousClock.now - t0 < .seconds(30) {
            if shell(["tmux", "-L", socket, "capture-pane", "-p"])?.contains("26 resources") == true { break }
            try await Task.sleep(for: .milliseconds(5))
        }
        say("first screen, real binary in tmux (exec to resource list shown): \(ms(ContinuousClock.now - t0))")
        let t1 = ContinuousClock.now
        _ = shell(["tmux", "-L", socket, "send-keys", ":deals", "Enter"])
        while ContinuousClock.now - t1 < .seconds(30) {
            if shell(["tmux", "-L", socket, "capture-pane", "-p"])?.contains("row 1 of") == true { break }
            try await Task.sleep(for: .milliseconds(5))
        }
        say("first page of deals on screen after :deals (real binary): \(ms(ContinuousClock.now - t1))")
    }

    // MARK: big grid

    /// A deals grid of `rows` rows (the sandbox's deals, repeated with new ids), drawn at 200x60.
    static func bigGrid(rows count: Int) async throws {
        let (sample, schema, columns, catalog) = try await sampleDeals()
        var state = AppState(catalog: catalog, size: Size(width: 200, height: 60))
        state.command = LineEditor("deals")
        let effects = state.update(.key(.enter))
        guard case .loadPage(var id, _)? = effects.first else { fatalError("no load") }
        // Rows arrive as pages do in the app, 1,000 at a time, as an answer's bytes: its rows' texts go
        // into the row store (`RowStore(_:schema:)`), and the bytes are freed once the grid holds them.
        var appending: Duration = .zero, encoding: Duration = .zero
        var loaded = 0, pages = 0
        // `G` after the first page: the grid then asks for each next page as the one before arrives.
        var following: [Effect] = []
        while loaded < count {
            if loaded > 0 {
                guard case .loadPage(let next, _)? = following.first else { fatalError("no next load") }
                id = next
            }
            let page = loaded..<min(count, loaded + 1_000)
            var body = Array(#"{"success":true,"data":["#.utf8)
            for i in page {
                if i > page.lowerBound { body.append(UInt8(ascii: ",")) }
                body += Array(#"{"id":\#(i + 1),"#.utf8) + sample[i % sample.count]
            }
            body += Array("]}".utf8)
            loaded += page.count
            pages += 1
            // The app makes the page (encoding its rows) in the load's task, off the main actor.
            let t0 = threadCPUTime()
            let store = try RowStore(try Extraction.data.rowTexts(from: body).rows, schema: schema)
            let rowPage = RowPage(rows: store, next: loaded < count ? "more" : nil, columns: columns)
            body = []
            FreedMemory.release()  // as the app's load task does once the answer is gone
            let t = threadCPUTime()
            following = state.update(.pageLoaded(id, rowPage))
            appending += threadCPUTime() - t
            encoding += t - t0
            if pages == 1 { following = state.update(.key(.char("G"))) }
        }
        _ = state.update(.key(.char("g")))
        let after = residentMegabytes()
        let live = residentMegabytes(trimmed: true)
        let theme = try ThemeLibrary().theme(named: "default").resolve(depth: .full)
        let renderer = Renderer(theme: theme)
        var times: [Duration] = [], cpu: [Duration] = []
        for step in 0..<200 {
            if step % 20 == 0 { _ = state.update(.key(.pageDown)) } else { _ = state.update(.key(.down)) }
            if step == 100 { _ = state.update(.key(.char("G"))) }
            let t = ContinuousClock.now, c = threadCPUTime()
            let buffer = renderer.render(state)
            times.append(ContinuousClock.now - t)
            cpu.append(threadCPUTime() - c)
            precondition(buffer.width == 200)
        }
        times.sort()
        cpu.sort()
        say("frame, 200x60 grid, \(count) rows loaded: median \(ms(times[times.count / 2])), p99 \(ms(times[times.count * 99 / 100])); "
            + "CPU median \(ms(cpu[cpu.count / 2])), p99 \(ms(cpu[cpu.count * 99 / 100])) (the thread's own time: what a busy machine cannot inflate)")
        // (Without the sandbox, stopped before: pdtui holds no account in memory.)
        say("memory, \(count) rows loaded: \(after) MB resident; \(live) MB once all freed heap is returned")
        say("per 1,000-row page: \(ms(encoding / max(1, pages))) of CPU to encode and return the freed heap (in the load's task), \(ms(appending / max(1, pages))) to take into the grid (main actor)")
        _ = state.update(.key(.char("/")))
        var keys: [String] = []
        for c in "acme" {
            let t = ContinuousClock.now
            _ = state.update(.key(.char(c)))
            keys.append("\(c): \(ms(ContinuousClock.now - t))")
        }
        say("filter, \(count) rows, per key typed (the first scans every row): \(keys.joined(separator: ", ")) (\(state.topGridCount) rows match)")
    }

    /// A 1,000-row v2 deals answer (the sandbox's deals) to a grid page's row store, CPU of this thread:
    /// parsed into `JSON`, made records and encoded (the path before), and encoded from the rows' texts.
    static func pageFromBytes() async throws {
        let server = try SandboxServer.start()
        let session = Session(settings: ConnectionSettings(baseURL: URL(string: server.baseURL)!, credential: .apiToken(server.apiToken)))
        let deals = try session.resource(named: "deals")
        let schema = try await session.schema(of: deals)
        let rows = Array(try await session.pages(try session.readAction("Read", of: deals)).allRows().prefix(1_000))
        server.stop()
        let body = JSON.object(["success": true, "data": .array(rows), "additional_data": ["next_cursor": nil]]).serialized()
        var parsed: [Duration] = [], scanned: [Duration] = []
        for _ in 0..<30 {
            var t = threadCPUTime()
            let json = try JSON(parsing: body)
            let store = RowStore(Extraction.data.rows(from: json).map { .object(schema.record(from: $0).values) })
            parsed.append(threadCPUTime() - t)
            t = threadCPUTime()
            let texts = try RowStore(try Extraction.data.rowTexts(from: body).rows, schema: schema)
            scanned.append(threadCPUTime() - t)
            precondition(store.count == texts.count)
        }
        parsed.sort()
        scanned.sort()
        say("per \(rows.count)-row page from the answer's bytes to the row store: median \(ms(parsed[15])) parsed into JSON and made records, \(ms(scanned[15])) from the rows' texts")
    }

    /// 3,000 deals as the API answers them, their schema, columns and the catalog, read from a sandbox
    /// that is gone once they are. Each deal is its text after the id (`{"id":N,` goes before it): pages
    /// are made as bytes, as answers arrive, and the bench holds no `JSON` values while the grid is measured.
    static func sampleDeals() async throws -> ([[UInt8]], Schema, [ColumnInfo]?, [ResourceInfo]) {
        let server = try SandboxServer.start()
        defer { server.stop() }
        let session = Session(settings: ConnectionSettings(baseURL: URL(string: server.baseURL)!, credential: .apiToken(server.apiToken)))
        let source = SessionSource(session: session)
        let deals = try session.resource(named: "deals")
        let sample = try await session.pages(try session.readAction("Read", of: deals)).allRows().prefix(3_000).map { deal in
            var rest = deal
            rest["id"] = nil
            return Array(rest.serialized().dropFirst())
        }
        let columns = try await source.page(PageRequest(resource: "deals", action: "Read")).columns
        return (sample, try await session.schema(of: deals), columns, await source.catalog())
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
            + Array(repeating: .pageDown, count: 150))
        let state = AppState(catalog: source.offlineCatalog(), size: Size(width: 200, height: 60))
        let runtime = Runtime(state: state, renderer: Renderer(theme: .plain), source: source, terminal: terminal)
        runtime.returnsFreedMemory = true  // as pdtui's
        runtime.onFrame = { [unowned runtime] _ in terminal.framed(loading: runtime.state.isLoading) }
        runtime.run()
        let latencies = terminal.latencies.sorted()
        guard !latencies.isEmpty else { say("latency: no keys measured"); return }
        let loaded = runtime.state.topGridCount
        say("keypress to frame while pages load (300 ms latency, \(latencies.count) keys, \(terminal.keysWhileLoading) of them with a page in flight, \(loaded) rows loaded): "
              + "median \(ms(latencies[latencies.count / 2])), p99 \(ms(latencies[latencies.count * 99 / 100])), max \(ms(latencies.last!))")
    }

    /// CPU time of the calling thread.
    static func threadCPUTime() -> Duration {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
    }

    /// Prints a figure at once (stdout is block-buffered when it is not a terminal).
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func ms(_ d: Duration) -> String {
        let (s, attos) = d.components
        return String(format: "%.2f ms", Double(s) * 1000 + Double(attos) / 1e15)
    }

    /// With `trimmed`, after glibc returns all freed heap to the system (`FreedMemory`): what is live rather
    /// than what was once allocated.
    static func residentMegabytes(trimmed: Bool = false) -> Int {
        if trimmed { FreedMemory.release() }
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
              let pages = text.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }

    /// Runs a command and returns its output, or nil when it fails. posix_spawn and waitpid, with
    /// output to a file: the tmux server it starts keeps a pipe open forever.
    static func shell(_ arguments: [String]) -> String? {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pdtui-bench-\(UUID().uuidString)").path
        defer { unlink(path) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ) == 0 else { return nil }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return status == 0 ? (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" : nil
    }
}

extension AppState {
    var topGridCount: Int {
        top(GridScreen.self)?.visibleCount ?? 0
    }
}

/// A terminal that types a script of keys, one every 20 ms, and times each key until its frame.
@MainActor
final class ScriptedTerminal: TerminalScreen {
    private var keys: [Key]
    private var lastKey = ContinuousClock.now
    private var pending: ContinuousClock.Instant?
    private(set) var latencies: [Duration] = []
    private(set) var keysWhileLoading = 0
    let size = Size(width: 200, height: 60)
    /// Ends the run once every key was typed and drawn.
    var interrupted: Bool { keys.isEmpty && pending == nil }

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

    func framed(loading: Bool) {
        if let pending {
            latencies.append(ContinuousClock.now - pending)
            if loading { keysWhileLoading += 1 }
        }
        pending = nil
    }

    func copy(_ text: String) -> String? { nil }

    // The benchmark's keys open no editor.
    func suspend() {}
    func resume() {}
}
