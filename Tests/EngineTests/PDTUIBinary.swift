import Foundation
import Testing

/// What the built `pdtui` binary did.
struct BinaryRun {
    var status: Int32
    var bytes: [UInt8]
    var errors: String
    var output: String { String(decoding: bytes, as: UTF8.self) }
    var lines: [Substring] { output.split(separator: "\n") }
}

/// The built `pdtui` binary: the one beside the test bundle, else the debug build.
enum PDTUIBinary {
    /// What the binary sees in a test: no config file, the sandbox's token in the environment, home and
    /// state in `folder`.
    static func environment(_ fixture: SandboxFixture, in folder: TemporaryFolder) -> [String: String] {
        [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": folder.path,
            "XDG_CONFIG_HOME": folder.path + "/config", "XDG_STATE_HOME": folder.path + "/state",
            "PIPEDRIVE_API_TOKEN": fixture.server.apiToken,
        ]
    }

    /// Runs it to the end; stdout and stderr go to files, so a large output cannot block a pipe.
    /// `stdin`: what it reads on its standard input (a file, so not a terminal); else it inherits the tests'.
    static func run(_ arguments: [String], environment: [String: String]? = nil, stdin: String? = nil) throws -> BinaryRun {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("pdtui")
        let binary = FileManager.default.isExecutableFile(atPath: beside.path)
            ? beside : SharedMaterial.packageRoot.appendingPathComponent(".build/debug/pdtui")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build pdtui first (swift build)")
        let folder = NSTemporaryDirectory() + "pdtui-run-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let outPath = folder + "/out", errPath = folder + "/err"
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let stdin {
            FileManager.default.createFile(atPath: folder + "/in", contents: Data(stdin.utf8))
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: folder + "/in"))
        } else {
            process.standardInput = FileHandle.nullDevice  // never a terminal, as in CI
        }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        try process.run()
        process.waitUntilExit()
        return BinaryRun(
            status: process.terminationStatus, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: outPath))),
            errors: try String(contentsOfFile: errPath, encoding: .utf8))
    }
}
