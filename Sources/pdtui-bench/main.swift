// Benchmarks that print figures: `swift run -c release pdtui-bench <name> [options]`. See README.
// Each benchmark lives in its own file and registers here by name.
import Foundation

let benchmarks: [(name: String, summary: String, run: @Sendable ([String]) async throws -> Void)] = [
    ("sandbox", "sandbox start time, requests and rows per second paging deals (v1, v2)", SandboxBenchmark.run),
    ("generate", "demo account generation time, row counts and memory (--scale, --hostile)", GenerationBenchmark.run),
    ("engine", "pdtui get deals --format ndjson: records/s beside curl, peak memory at two counts", EngineBenchmark.run),
    ("export", "pdtui get of 100,000 deals sequential vs parallel under the burst limit and 300 ms latency (--deals, --latency, --parallel)", ExportBenchmark.run),
    ("names", "v2 page time of deals with and without references named, lookups per page (--latency, --pages)", NamesBenchmark.run),
    ("bulk", "a bulk change on 1,000 deals under Pipedrive's burst limit: wall time against the limit's minimum (--deals, --latency)", BulkBenchmark.run),
    ("duplicates", "pdtui duplicates persons: time and peak memory over 20,000 and 100,000 persons", DuplicatesBenchmark.run),
    ("net", ":deals to first rows and names, requests and tokens, PgDn waits, at 0, 100, 300 ms added latency (--latencies)", NetBenchmark.run),
    ("tui", "first screen time, frame time and memory with 100,000 rows, keypress latency while loading (--rows)", TUIBenchmark.run),
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let benchmark = benchmarks.first(where: { $0.name == name }) else {
    print("usage: pdtui-bench <benchmark> [options]\n")
    for benchmark in benchmarks { print("  \(benchmark.name)\t\(benchmark.summary)") }
    exit(arguments.isEmpty ? 0 : 2)
}
do {
    try await benchmark.run(Array(arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("pdtui-bench \(name): \(error)\n".utf8))
    exit(1)
}
