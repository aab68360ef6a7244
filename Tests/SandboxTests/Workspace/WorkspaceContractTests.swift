import Foundation
import Testing

@testable import PipedriveSandbox

/// Runs the contract validator (Tests/Contract/workspace.py over check.py) against a served workspace: every
/// workspace endpoint's answer must validate against Pipedrive's OpenAPI spec. Needs python3 with PyYAML and
/// openapi-schema-validator, as CI installs them.
@Suite("Workspace: contract")
struct WorkspaceContractTests {
    @Test func everyWorkspaceAnswerMatchesTheSpec() throws {
        let sandbox = try WorkspaceSandbox()
        let (status, output) = try ContractTests.runScript(
            ["--base-url", sandbox.server.baseURL, "--token", sandbox.server.apiToken], script: "workspace.py")
        let failures = output.split(separator: "\n").filter { !$0.hasPrefix("PASS") }.joined(separator: "\n")
        #expect(status == 0, "contract failures:\n\(failures)")
        let summary = output.split(separator: "\n").last { $0.hasSuffix(" calls") } ?? ""
        #expect(summary.hasSuffix("0 failed, 0 skipped, \(summary.split(separator: " ").first ?? "?") calls"))
        #expect((Int(summary.split(separator: " ").first ?? "") ?? 0) >= 120, "\(summary)")
    }
}
