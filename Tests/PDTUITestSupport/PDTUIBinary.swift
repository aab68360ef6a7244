import Foundation
import Testing

/// What the built `pdtui` binary did.
public struct BinaryRun: Sendable {
    public var status: Int32
    public var bytes: [UInt8]
    public var errors: String
    public var output: String { String(decoding: bytes, as: UTF8.self) }
    public var lines: [Substring] { output.split(separator: "\n") }
}

/// The built `pdtui` binary: `PDTUI_BINARY`, else the one beside the test bundle, else the debug build.
public enum PDTUIBinary {
    /// The package's folder.
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    public static var path: String {
        if let path = ProcessInfo.processInfo.environment["PDTUI_BINARY"] { return path }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("pdtui")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside.path }
        return packageRoot.appendingPathComponent(".build/debug/pdtui").path
    }

    /// The release build, when `.ci/run` (or `swift build -c release`) made one.
    public static var releasePath: String? {
        let path = packageRoot.appendingPathComponent(".build/release/pdtui").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// What the binary sees in a test: no config file, the sandbox's token in the environment, home and
    /// state in `folder`.
    public static func environment(_ fixture: SandboxFixture, in folder: TemporaryFolder) -> [String: String] {
        [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": folder.path,
            "XDG_CONFIG_HOME": folder.path + "/config", "XDG_STATE_HOME": folder.path + "/state", "XDG_CACHE_HOME": folder.path + "/cache",
            "PIPEDRIVE_API_TOKEN": fixture.server.apiToken,
        ]
    }

    /// Runs it to the end; stdout and stderr go to files, so a large output cannot block a pipe.
    /// `stdin`: what it reads on its standard input (a file, so not a terminal); else it inherits the tests'.
    public static func run(_ arguments: [String], environment: [String: String]? = nil, stdin: String? = nil) throws -> BinaryRun {
        let binary = URL(fileURLWithPath: path)
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build pdtui first (swift build)")
        let folder = try TemporaryFolder()
        let outPath = folder.path + "/out", errPath = folder.path + "/err"
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let stdin {
            FileManager.default.createFile(atPath: folder.path + "/in", contents: Data(stdin.utf8))
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: folder.path + "/in"))
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
