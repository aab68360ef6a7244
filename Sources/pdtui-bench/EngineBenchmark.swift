import Foundation
import JSONValue
import PipedriveSandbox
import PipedriveSandboxServer

#if canImport(Glibc)
import Glibc
#endif

/// `pdtui-bench engine [COUNT...]`: records per second of `pdtui get deals --format ndjson` over COUNT
/// deals (default 20,000 and 100,000) from a sandbox, beside one `curl` fetching the same pages (the
/// limit: transfer only), and the peak memory of each `pdtui` run (memory should stay flat as COUNT grows).
///
/// Needs the release `pdtui` binary beside this one: `swift build -c release` first.
enum EngineBenchmark {
    static func run(_ arguments: [String]) throws {
        let counts = arguments.compactMap { Int($0) }.isEmpty ? [20_000, 100_000] : arguments.compactMap { Int($0) }
        let binaries = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let pdtui = binaries.appendingPathComponent("pdtui").path
        guard FileManager.default.isExecutableFile(atPath: pdtui) else {
            print("engine: \(pdtui) is missing; run `swift build -c release` first.")
            return
        }
        guard let curl = ["/usr/bin/curl", "/bin/curl", "/usr/local/bin/curl"].first(where: FileManager.default.isExecutableFile) else {
            print("engine: curl is not installed.")
            return
        }

        let needed = counts.max() ?? 0
        let (server, scale) = try startSandbox(deals: needed)
        defer { server.stop() }
        let ids = server.withStore { $0["deals"].all.filter { $0["is_archived"]?.boolValue != true }.compactMap { $0["id"]?.intValue } }
        print("engine: sandbox with \(ids.count) listed deals (\(scale) generated, the rest copies) at \(server.baseURL)")
        // The start (loading the Swift runtime's libraries) is part of each record's share at small counts.
        print(try linksSwiftRuntime(pdtui)
            ? "engine: \(pdtui) loads the Swift runtime's shared libraries; the shipped binary has them linked in (scripts/package, or swift build -c release --product pdtui --static-swift-stdlib)"
            : "engine: \(pdtui) has the Swift runtime linked in, as shipped")
        print("count     pdtui rec/s   curl rec/s   ratio   pdtui CPU/rec   pdtui peak RSS   pdtui bytes")

        let config = NSTemporaryDirectory() + "pdtui-bench-" + UUID().uuidString  // an empty config folder
        let environment = [
            "PIPEDRIVE_API_TOKEN": server.apiToken, "PIPEDRIVE_BASE_URL": server.baseURL, "XDG_CONFIG_HOME": config,
            "PATH": "/usr/bin:/bin",
        ]
        for count in counts {
            let pdtuiRun = try Child.run(
                pdtui, ["get", "deals", "--format", "ndjson", "--limit", String(count)], environment: environment)
            guard pdtuiRun.lines == count else {
                print("engine: pdtui printed \(pdtuiRun.lines) rows, expected \(count) (exit \(pdtuiRun.status))")
                return
            }
            // The same pages pdtui asked for: 500 rows each, cursor after the previous page's last id.
            var urls: [String] = []
            for start in stride(from: 0, to: count, by: 500) {
                let limit = min(500, count - start)
                var url = server.baseURL + "/api/v2/deals?limit=\(limit)"
                if start > 0 { url += "&cursor=" + ListPaging.encodeCursor(afterID: ids[start - 1]) }
                urls.append(url)
            }
            let curlRun = try Child.run(
                curl, ["-s", "--fail", "-H", "x-api-token: \(server.apiToken)"] + urls, environment: environment)
            let pdtuiRate = Double(count) / pdtuiRun.seconds
            let curlRate = Double(count) / curlRun.seconds
            print(
                pad(String(count), 10) + pad(String(format: "%.0f", pdtuiRate), 14) + pad(String(format: "%.0f", curlRate), 13)
                    + pad(String(format: "%.2fx", curlRate / pdtuiRate), 8)
                    + pad(String(format: "%.1f µs", pdtuiRun.cpuSeconds * 1e6 / Double(count)), 16)
                    + pad(String(format: "%.1f MB", Double(pdtuiRun.peakKilobytes) / 1024), 17) + String(pdtuiRun.bytes))
        }
        print("ratio: curl's rate over pdtui's (target ≤ 1.5x); CPU/rec: user+sys of the pdtui process per record (target ≤ 15 µs); peak RSS: VmHWM of the pdtui process.")
    }

    /// Whether the binary names the Swift runtime's shared library (a plain `swift build`) rather than having it linked in.
    static func linksSwiftRuntime(_ path: String) throws -> Bool {
        let binary = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        return binary.range(of: Data("libswiftCore.so".utf8)) != nil
    }

    /// A sandbox with at least `deals` deals: the generated account's deals, copied under new ids until
    /// there are enough (generating a whole account that large takes far longer than the measurement).
    static func startSandbox(deals: Int, rateLimits: RateLimits = .relaxed) throws -> (SandboxServer, Int) {
        let server = try SandboxServer.start(SandboxConfiguration(generation: GenerationOptions(seed: 1), rateLimits: rateLimits))
        let generated = server.withStore { store -> Int in
            // Archived deals leave the lists, as in Pipedrive: only listed deals are counted and copied.
            let originals = store["deals"].all.filter { $0["is_archived"]?.boolValue != true }
            var next = (store["deals"].ids.last ?? 0) + 1
            var index = 0
            while originals.count + index < deals, !originals.isEmpty {
                var copy = originals[index % originals.count]
                copy["id"] = .int(next)
                store["deals"].upsert(next, copy)
                store.lastIDs["deals"] = next
                next += 1
                index += 1
            }
            return originals.count
        }
        return (server, generated)
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(1, width - text.count))
    }
}

/// A child process whose stdout is drained and counted, timed, with its own peak memory: `VmHWM` of
/// /proc/PID/status, read as its output arrives (wait4's ru_maxrss would also count this benchmark's own
/// memory, which the child shares until it execs).
struct Child {
    var seconds: Double
    var lines: Int
    var bytes: Int
    var peakKilobytes: Int
    var status: Int32
    /// User and system CPU time of the child.
    var cpuSeconds: Double

    static func run(_ path: String, _ arguments: [String], environment: [String: String]) throws -> Child {
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else { throw POSIXError(.EPIPE) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        let started = Date()
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, envp)
        close(pipe[1])
        guard spawned == 0 else {
            close(pipe[0])
            throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .ENOENT)
        }
        var lines = 0
        var bytes = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var peak = 0
        var chunks = 0
        while true {
            let count = read(pipe[0], &buffer, buffer.count)
            if count <= 0 { break }
            bytes += count
            for index in 0..<count where buffer[index] == 0x0A { lines += 1 }
            chunks += 1
            if chunks % 8 == 1 { peak = max(peak, highWaterMark(pid)) }
        }
        peak = max(peak, highWaterMark(pid))
        close(pipe[0])
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        let cpu = [usage.ru_utime, usage.ru_stime].reduce(0.0) { $0 + Double($1.tv_sec) + Double($1.tv_usec) / 1e6 }
        return Child(
            seconds: Date().timeIntervalSince(started), lines: lines, bytes: bytes, peakKilobytes: peak, status: status,
            cpuSeconds: cpu)
    }

    /// `VmHWM` (kB) of a running process; 0 once it has gone.
    static func highWaterMark(_ pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}
