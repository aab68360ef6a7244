import Foundation
import Testing

@testable import PipedriveSandbox

/// Runs the contract validator (Tests/Contract/workspace.py over check.py) against a served workspace: every
/// workspace endpoint's answer must validate against Pipedrive's OpenAPI spec. Needs python3 with PyYAML and
/// openapi-schema-validator, as CI installs them.
@Suite("Workspace: contract")
struct WorkspaceContractTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let validatorAvailable: Bool = {
        (try? run(["-c", "import yaml, openapi_schema_validator"]).status) == 0
    }()

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test(.enabled(if: validatorAvailable, "needs python3 with PyYAML and openapi-schema-validator"))
    func everyWorkspaceAnswerMatchesTheSpec() throws {
        let sandbox = try WorkspaceSandbox()
        let script = Self.packageRoot.appendingPathComponent("Tests/Contract/workspace.py").path
        let (status, output) = try Self.run([script, "--base-url", sandbox.server.baseURL, "--token", sandbox.server.apiToken])
        let failures = output.split(separator: "\n").filter { !$0.hasPrefix("PASS") }.joined(separator: "\n")
        #expect(status == 0, "contract failures:\n\(failures)")
        let summary = output.split(separator: "\n").last { $0.hasSuffix(" calls") } ?? ""
        #expect(summary.hasSuffix("0 failed, 0 skipped, \(summary.split(separator: " ").first ?? "?") calls"))
        #expect((Int(summary.split(separator: " ").first ?? "") ?? 0) >= 120, "\(summary)")
    }
}
