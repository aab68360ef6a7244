import Foundation
import PipedriveSandbox
import Testing

/// The status line of the real binary in tmux shows the tokens spent and the daily budget left, and says when
/// the company's daily API budget is why names stayed ids, against a sandbox over HTTP.
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

    @Test func theTokensSpentAndTheBudgetLeftShowAt80Columns() throws {
        let server = try SandboxServer.start(SandboxConfiguration(rateLimits: .pipedriveGrowth))
        defer { server.stop() }
        let tui = try Tmux("--base-url \(server.baseURL)", environment: ["PIPEDRIVE_API_TOKEN": server.apiToken])
        try tui.wait(for: "Resources")
        try tui.command("deals")
        try tui.wait(for: "the rows") { $0.gridPosition != nil }
        // Once the names in view are in, what the sandbox charged is what the status line says was spent.
        let screen = try tui.wait(for: "tokens spent as charged") { screen in
            let charged = server.requestLog.reduce(0) { $0 + $1.tokenCost }
            return screen.contains(" \(charged) tokens · ") && !screen.contains("loading")
        }
        let charged = server.requestLog.reduce(0) { $0 + $1.tokenCost }
        let status = try #require(screen.split(separator: "\n").first { $0.contains(" tokens · ") })
        let left = try #require(status.split(separator: "·").last?.trimmingCharacters(in: .whitespaces))
        #expect(left.hasSuffix("left today") && left.hasPrefix("\(60 - (charged + 999) / 1_000)."), "\(status)")
    }
}
