import PipedriveEngine
import Testing
@testable import TUICore

/// Rate limits reach the screens typed: which window was met, or the daily budget spent.
@Suite struct UserErrorTests {
    @Test func rateLimitsAreTypedByTheirCause() {
        let burst = UserError(PipedriveError(.rateLimited(.burst(requests: 40), retryAfter: 2), "Rate limited: …"))
        #expect(burst.kind == .rateLimited(.burst(requests: 40)))
        let search = UserError(PipedriveError(.rateLimited(.search(requests: 10), retryAfter: 1), "Rate limited: …"))
        #expect(search.kind == .rateLimited(.search(requests: 10)))
        #expect(search.kind != burst.kind)
        let budget = UserError(PipedriveError(.rateLimited(.dailyBudget(tokens: 60_000), retryAfter: nil), "Daily budget spent: …"))
        #expect(budget.kind == .budgetSpent)
        #expect(budget.message == "Daily budget spent: …")
    }
}
