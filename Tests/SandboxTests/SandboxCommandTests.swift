import Foundation
import Testing

@testable import PipedriveSandbox

/// `pdtui sandbox` as a user runs it: the built binary, its two lines on stdout, its log on stderr, its exit.
@Suite struct SandboxCommandTests {
    /// The `pdtui` binary built beside the test bundle.
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("pdtui")
    }

    @Test func printsBaseURLAndTokenThenServesUntilSIGTERM() async throws {
        let process = Process()
        process.executableURL = SandboxCommandTests.binary
        process.arguments = ["sandbox", "--seed", "3", "--log-requests", "--fault", "503,path=/api/v1/users/me,nth=1"]
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        var lines: [String] = []
        var buffer = Data()
        while lines.count < 2 {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer += chunk
            lines = String(decoding: buffer, as: UTF8.self).split(separator: "\n").map(String.init)
        }
        try #require(lines.count == 2, "stdout: \(lines)")
        #expect(lines[0].wholeMatch(of: /base_url=http:\/\/127\.0\.0\.1:\d+/) != nil)
        #expect(lines[1] == "api_token=\(SandboxServer.demoAPIToken(seed: 3))")

        // The sandbox answers (a 404 or, once the endpoints exist, the injected 503 first).
        let baseURL = String(lines[0].dropFirst("base_url=".count))
        var request = URLRequest(url: URL(string: baseURL + "/api/v1/users/me?api_token=secret-value")!)
        request.setValue(SandboxServer.demoAPIToken(seed: 3), forHTTPHeaderField: "x-api-token")
        let (_, response) = try await URLSession.shared.data(for: request)
        #expect([404, 503].contains((response as? HTTPURLResponse)?.statusCode))

        process.terminate()  // SIGTERM
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        let log = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("GET /api/v1/users/me?api_token=REDACTED"))
        #expect(!log.contains("secret-value"))
        #expect(!log.contains(SandboxServer.demoAPIToken(seed: 3)))
    }

    @Test func refusesAnInvalidFaultWithAClearMessage() throws {
        let process = Process()
        process.executableURL = SandboxCommandTests.binary
        process.arguments = ["sandbox", "--fault", "418"]
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = Pipe()
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(message.contains("invalid fault '418'"))
    }
}

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
