import Foundation
import PipedriveSandbox

/// `pdtui-bench generate [--scale N] [--passes N] [--hostile]`: generates the demo account (the work
/// behind every `pdtui --demo`) and prints the time, the row counts and the resident memory.
enum GenerationBenchmark {
    @Sendable static func run(_ arguments: [String]) async throws {
        let scale = try SandboxBenchmark.option("--scale", in: arguments) ?? 1
        let passes = try SandboxBenchmark.option("--passes", in: arguments) ?? 5
        let hostile = arguments.contains("--hostile")
        var best = Double.infinity
        var store: Store?
        for _ in 0..<passes {
            store = nil
            let started = Date()
            store = AccountGenerator.generate(GenerationOptions(seed: 1, scale: scale, hostile: hostile, now: 1_790_000_000))
            best = min(best, Date().timeIntervalSince(started))
        }
        let tables = store!.tables.filter { $0.value.count > 0 }.sorted { $0.key < $1.key }
        let rows = tables.reduce(0) { $0 + $1.value.count }
        print("generate at scale \(scale)\(hostile ? " (hostile)" : ""): \(rows) rows in \(SandboxBenchmark.milliseconds(best)) ms (best of \(passes)), resident \(residentMegabytes()) MB")
        print(tables.map { "\($0.key) \($0.value.count)" }.joined(separator: ", "))
    }

    /// VmRSS from /proc/self/status, in MB (0 where /proc is missing).
    static func residentMegabytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kilobytes / 1024
    }
}
