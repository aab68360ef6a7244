import Foundation
import JSONValue
import PDTUITestSupport
import PipedriveEngine
import PipedriveSandbox
import Testing
@testable import TUICore

/// The status line shows the tokens this session spent and the daily budget left, from the real sandbox's
/// rate-limit headers (Pipedrive's Growth plan limits) and the costs it charged.
@Suite @MainActor struct SessionBudgetTests {
    @Test func theStatusLineShowsTokensSpentAndTheBudgetLeft() async throws {
        let sandbox = try SandboxFixture(rateLimits: .pipedriveGrowth)
        let source = SessionSource(session: sandbox.session())
        let runtime = Runtime(state: makeState(80, 24), renderer: Renderer(theme: .plain), source: source, terminal: StillTerminal())
        for key in ":deals".map(Key.char) + [.enter] { runtime.send(.key(key)) }
        await runtime.settle(timeout: starvedTestDeadline)
        let grid = runtime.state.top(GridScreen.self)
        #expect(grid?.rows.isEmpty == false, "loading: \(runtime.state.isLoading), error: \(grid?.error ?? "none")")

        // The engine counts what the sandbox charged, request by request, once each answer has arrived (the
        // server logs a request before its answer reaches the client). A wait of its own: under load the
        // first page alone may take most of the first one.
        var charged = 0
        let counted = ContinuousClock.now + starvedTestDeadline
        repeat {
            await runtime.settle()
            charged = sandbox.server.requestLog.reduce(0) { $0 + $1.tokenCost }
        } while runtime.state.rateLimit?.sessionTokens != charged && ContinuousClock.now < counted
        let budget = try #require(runtime.state.rateLimit)
        #expect(charged > 0 && budget.sessionTokens == charged)
        // As of the latest answer: requests sent together may be answered in another order than counted.
        let left = try #require(budget.dailyTokensRemaining)
        #expect(budget.dailyTokenLimit == 60_000 && left >= 60_000 - charged && left < 60_000)
        let status = Renderer(theme: .plain).render(runtime.state).text().split(separator: "\n")[22]
        #expect(status.hasSuffix("\(charged) tokens · \(Context.compact(left)) left today "), "\(status)")
    }

    /// At 80 columns the budget gives way (short, then not at all), never the staged count or the mode.
    @Test func theBudgetGivesWayToTheStagedCountAndTheMode() throws {
        var state = makeState(80, 24)
        state.writeMode = .dryRun
        state.command = LineEditor("deals")
        let (id, _) = try #require(state.loadID(state.press(.enter)))
        state.update(.pageLoaded(id, RowPage(rows: deals(1...60), next: "2", columns: dealColumns)))
        func status() -> String { String(Renderer(theme: .plain).render(state).text().split(separator: "\n")[22]) }
        state.update(.rateLimit(RateLimitBudget(burstLimit: 40, burstRemaining: 39, dailyTokensRemaining: 59_930, sessionTokens: 70)))
        #expect(status().hasSuffix("DRY-RUN · 70 tokens · 59.9k left today "), "\(status())")
        try state.staging.delete([Record(id: .int(1), values: ["id": 1, "title": "Deal 1"])], of: Catalog.pipedrive.resource(named: "deals")!)
        state.update(.rateLimit(RateLimitBudget(burstLimit: 40, burstRemaining: 39, dailyTokensRemaining: 999, sessionTokens: 70)))
        #expect(status().hasSuffix(" 1 staged · DRY-RUN · 70 tok · 999 left "), "\(status())")
        state.update(.rateLimit(RateLimitBudget(burstLimit: 40, burstRemaining: 3, dailyTokensRemaining: 999_999_930, sessionTokens: 1_234_567)))
        #expect(status().hasPrefix(" row 1 of 60 · 60 loaded, more to load ") && status().hasSuffix(" 1 staged · DRY-RUN "), "\(status())")
    }

    @Test func numbersStayShort() {
        #expect(Context.compact(999) == "999" && Context.compact(9_999) == "9,999" && Context.compact(1_005) == "1,005")
        #expect(Context.compact(57_940) == "57.9k" && Context.compact(999_999_962) == "999.9M" && Context.compact(1_000_000_000) == "1.0G")
        #expect(Context.budgetText(RateLimitBudget(burstLimit: 40, burstRemaining: 9, sessionTokens: 12)) == "burst 9 left · 12 tokens")
        #expect(Context.budgetText(RateLimitBudget(burstLimit: 40, burstRemaining: 10, dailyTokensRemaining: 100, sessionTokens: 12))
            == "12 tokens · 100 left today")
        #expect(Context.budgetText(RateLimitBudget(burstLimit: 40, burstRemaining: 9, dailyTokensRemaining: 57_940, sessionTokens: 12), short: true)
            == "burst 9 · 12 tok · 57.9k left")
    }
}
