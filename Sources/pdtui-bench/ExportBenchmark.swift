import Foundation
import PipedriveSandbox
import PipedriveSandboxServer

/// `pdtui-bench export [--deals N] [--latency MS] [--parallel N]`: `pdtui get deals --format ndjson` of
/// 100,000 deals one page after another (`--parallel 1`) and in parallel (default: from the burst limit),
/// under Pipedrive's burst limit (`--strict-rate-limits`: 40 requests per 2 s) and 300 ms of added latency:
/// wall time, the speed-up, and the 429 answers (none expected).
///
/// Needs the release `pdtui` binary beside this one: `swift build -c release` first.
enum ExportBenchmark {
    static func run(_ arguments: [String]) throws {
        let deals = Int(TUIBenchmark.value(of: "--deals", in: arguments) ?? "") ?? 100_000
        let latency = Int(TUIBenchmark.value(of: "--latency", in: arguments) ?? "") ?? 300
        let parallel = TUIBenchmark.value(of: "--parallel", in: arguments).map { ["--parallel", $0] } ?? []
        let pdtui = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("pdtui").path
        guard FileManager.default.isExecutableFile(atPath: pdtui) else {
            print("export: \(pdtui) is missing; run `swift build -c release` first.")
            return
        }
        let (server, _) = try EngineBenchmark.startSandbox(deals: deals, rateLimits: .pipedriveGrowth)
        defer { server.stop() }
        server.latencyMilliseconds = latency
        let listed = server.withStore { $0["deals"].all.filter { $0["is_archived"]?.boolValue != true }.count }
        TUIBenchmark.say("export: \(listed) listed deals, \(latency) ms added latency, burst limit 40 requests per 2 s")
        let config = NSTemporaryDirectory() + "pdtui-bench-" + UUID().uuidString  // an empty config folder
        let environment = [
            "PIPEDRIVE_API_TOKEN": server.apiToken, "PIPEDRIVE_BASE_URL": server.baseURL, "XDG_CONFIG_HOME": config,
            "PATH": "/usr/bin:/bin",
        ]
        var seconds: [Double] = []
        for (name, options) in [("sequential (--parallel 1)", ["--parallel", "1"]), ("parallel" + (parallel.isEmpty ? " (default)" : " (--parallel \(parallel[1]))"), parallel)] {
            let start = server.requestLog.count
            let run = try Child.run(pdtui, ["get", "deals", "--format", "ndjson"] + options, environment: environment)
            let log = server.requestLog.dropFirst(start)
            guard run.lines == listed, run.status == 0 else {
                TUIBenchmark.say("export: \(name) printed \(run.lines) rows of \(listed) (exit \(run.status))")
                return
            }
            seconds.append(run.seconds)
            TUIBenchmark.say(name + String(format: ": %.1f s, %.0f deals/s, %d requests, %d answered 429, %d tokens, peak %.1f MB",
                                    run.seconds, Double(listed) / run.seconds, log.count, log.filter { $0.status == 429 }.count,
                                    log.reduce(0) { $0 + $1.tokenCost }, Double(run.peakKilobytes) / 1024))
        }
        TUIBenchmark.say(String(format: "parallel is %.1fx faster (target ≥ 3x)", seconds[0] / seconds[1]))
    }
}
