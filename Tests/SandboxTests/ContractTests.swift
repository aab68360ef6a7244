import Foundation
import Testing

@testable import PipedriveSandbox

/// Runs Tests/Contract/check.py against an in-process sandbox: every endpoint the sandbox serves must answer
/// bodies that Pipedrive's own OpenAPI specs accept.
@Suite struct ContractTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func everyEndpointMatchesPipedrivesSpecs() throws {
        let server = try SandboxServer.start(SandboxConfiguration(generation: GenerationOptions(seed: 1)))
        defer { server.stop() }
        let (status, output) = try ContractTests.runScript(["--base-url", server.baseURL, "--token", server.apiToken])
        let findings = output.split(separator: "\n").filter { !$0.hasPrefix("PASS ") }.joined(separator: "\n")
        #expect(status == 0, "contract check failed:\n\(findings)")
    }

    /// The checker itself fails on what the specs do not allow, so a passing run means something.
    @Test func theCheckerReportsAnUnknownEndpoint() throws {
        let server = try SandboxServer.start(Fixture.configuration())
        defer { server.stop() }
        let (status, output) = try ContractTests.runScript(
            ["--base-url", server.baseURL, "--token", server.apiToken, "GET", "/api/v1/currencies"])
        #expect(status == 1)
        #expect(output.contains("FAIL GET /api/v1/currencies 404 [v1 GET /currencies]"))
        #expect(output.contains("status 404 is not declared"))
    }

    @Test func theCheckerReportsABodyTheSpecRejects() throws {
        var configuration = Fixture.configuration()
        configuration.router.add("GET", .v1, "/currencies") { _, _ throws(APIError) in
            Envelope.v1([["id": "one", "code": "EUR", "name": "Euro"]])
        }
        let server = try SandboxServer.start(configuration)
        defer { server.stop() }
        let (status, output) = try ContractTests.runScript(
            ["--base-url", server.baseURL, "--token", server.apiToken, "GET", "/api/v1/currencies"])
        #expect(status == 1)
        #expect(output.contains("data/0/id: 'one' is not of type 'integer'"), "\(output)")
    }

    static func runScript(_ arguments: [String], script: String = "check.py") throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", packageRoot.appendingPathComponent("Tests/Contract/\(script)").path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
