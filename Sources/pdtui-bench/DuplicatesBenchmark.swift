import Foundation
import JSONValue
import PipedriveEngine
import PipedriveSandbox
import PipedriveSandboxServer

/// `pdtui-bench duplicates [COUNT...]`: time and peak memory of `pdtui duplicates persons` over COUNT persons
/// (default 20,000 and 100,000): the demo account's persons, with its planted duplicates, copied under new
/// ids, names, e-mails and phones until there are enough. Memory should grow far slower than the count.
///
/// Needs the release `pdtui` binary beside this one: `swift build -c release` first.
enum DuplicatesBenchmark {
    static func run(_ arguments: [String]) throws {
        let counts = arguments.compactMap { Int($0) }.isEmpty ? [20_000, 100_000] : arguments.compactMap { Int($0) }
        let binaries = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let pdtui = binaries.appendingPathComponent("pdtui").path
        guard FileManager.default.isExecutableFile(atPath: pdtui) else {
            print("duplicates: \(pdtui) is missing; run `swift build -c release` first.")
            return
        }
        print("persons   seconds   persons/s   groups   pdtui peak RSS   matcher alone")
        for count in counts {
            let server = try startSandbox(persons: count)
            defer { server.stop() }
            let config = NSTemporaryDirectory() + "pdtui-bench-" + UUID().uuidString
            let environment = [
                "PIPEDRIVE_API_TOKEN": server.apiToken, "PIPEDRIVE_BASE_URL": server.baseURL, "XDG_CONFIG_HOME": config,
                "PATH": "/usr/bin:/bin",
            ]
            let child = try Child.run(pdtui, ["duplicates", "persons", "--format", "json"], environment: environment)
            guard child.status == 0 else {
                print("duplicates: pdtui exited with \(child.status)")
                return
            }
            let groups = try Self.groups(pdtui, environment)
            // The matcher alone, in process, over the stored rows: what pdtui adds to reading the pages.
            let rows = server.withStore { $0["persons"].all }
            let started = Date()
            var matcher = DuplicateMatcher(kind: .persons)
            for row in rows { matcher.add(row) }
            let alone = matcher.groups().count == groups ? Date().timeIntervalSince(started) : .nan
            print(
                EngineBenchmark.pad(String(count), 10) + EngineBenchmark.pad(String(format: "%.2f", child.seconds), 10)
                    + EngineBenchmark.pad(String(format: "%.0f", Double(count) / child.seconds), 12) + EngineBenchmark.pad(String(groups), 9)
                    + EngineBenchmark.pad(String(format: "%.1f MB", Double(child.peakKilobytes) / 1024), 17)
                    + String(format: "%.2f s", alone))
        }
        print("peak RSS: VmHWM of the pdtui process, which reads every person in 500-row pages and keeps only their keys.")
    }

    /// The number of groups, from a second run's JSON.
    static func groups(_ pdtui: String, _ environment: [String: String]) throws -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: pdtui)
        process.arguments = ["duplicates", "persons", "--format", "json"]
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (try? JSON(parsing: Array(data)))?.arrayValue?.count ?? 0
    }

    /// A sandbox with exactly `persons` persons: the generated ones, then copies that differ in name, e-mail
    /// and phone (so they are not duplicates of each other).
    static func startSandbox(persons: Int) throws -> SandboxServer {
        let server = try SandboxServer.start(SandboxConfiguration(generation: GenerationOptions(seed: 1), rateLimits: .relaxed))
        server.withStore { store in
            let originals = store["persons"].all
            var next = (store["persons"].ids.last ?? 0) + 1
            var index = 0
            while store["persons"].count < persons, !originals.isEmpty {
                var copy = originals[index % originals.count]
                copy["id"] = .int(next)
                copy["name"] = .string((copy["name"]?.stringValue ?? "") + " \(next)")
                copy["emails"] = [["value": .string("person\(next)@copies.example"), "primary": true, "label": "work"]]
                copy["phones"] = [["value": .string("+372 5\(1_000_000 + next)"), "primary": true, "label": "work"]]
                store["persons"].upsert(next, copy)
                store.lastIDs["persons"] = next
                next += 1
                index += 1
            }
            while store["persons"].count > persons, let last = store["persons"].ids.first { store["persons"].remove(last) }
        }
        return server
    }
}
