import Foundation
import PipedriveSandbox
import Testing

/// The status line of the real binary in tmux says when the company's daily API budget is why names stayed
/// ids, against a sandbox over HTTP whose budget runs out while the first grid loads.
@Suite struct RateLimitStatusTests {
    @Test func aSpentDailyBudgetIsNamedInTheStatusLine() throws {
        let server = try SandboxServer.start(SandboxConfiguration(
            rateLimits: RateLimits(burst: 20_000, oauthBurst: 20_000, searchBurst: 1_000, dailyTokens: 25)))
        defer { server.stop() }
        let tui = try Tmux("--base-url \(server.baseURL)", width: 240, height: 30, environment: ["PIPEDRIVE_API_TOKEN": server.apiToken])
        try tui.wait(for: "Resources")
        try tui.command("deals")
        let screen = try tui.wait(for: "the budget named") { $0.contains("Daily budget spent") }
        #expect(screen.contains("daily API budget (25 tokens) is used up"), "\(screen)")
        #expect(screen.gridPosition != nil, "the rows still show:\n\(screen)")
    }
}
