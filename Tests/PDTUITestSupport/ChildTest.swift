import Foundation

/// A test of this test bundle run as a separate process (another pdtui session, a process to kill), with
/// `environment` added to this one's. Its standard output is read as it comes.
public final class ChildTest {
    public let process = Process()
    private let output = Pipe()
    /// All it has written so far.
    public private(set) var written = ""

    public init(_ test: String, environment: [String: String]) throws {
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["--testing-library", "swift-testing", "--filter", test]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Reads until `done` holds of what it has written, it closes its output, or `timeout` passes.
    public func read(timeout: Double = 60, until done: (String) -> Bool) {
        let deadline = Date().addingTimeInterval(timeout)
        while !done(written), Date() < deadline {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { return }
            written += String(decoding: data, as: UTF8.self)
        }
    }

    /// SIGKILL, as a crash or `kill -9` would end it.
    public func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
