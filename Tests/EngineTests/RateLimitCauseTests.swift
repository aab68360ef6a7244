import Foundation
import JSONValue
import PipedriveSandbox
import Testing

@testable import PipedriveEngine

/// A 429 from a real sandbox over HTTP says which limit was met: the burst window, the search window or the
/// company's daily budget, typed for the screens and named in the sentence.
@Suite struct RateLimitCauseTests {
    func refusal(_ sandbox: SandboxFixture, _ request: APIRequest, times: Int) async -> PipedriveError? {
        let session = Session(
            settings: ConnectionSettings(baseURL: sandbox.baseURL, credential: .apiToken(sandbox.server.apiToken), profileName: "test"),
            retry: RetryPolicy(maxAttempts: 1))
        // At once, so that a loaded machine cannot spread them past the 2-second window.
        return await withTaskGroup(of: PipedriveError?.self) { group in
            for _ in 0..<times {
                group.addTask {
                    do { _ = try await session.client.send(request) } catch let error as PipedriveError { return error } catch {}
                    return nil
                }
            }
            for await error in group where error != nil { return error }
            return nil
        }
    }

    @Test func theBurstLimitIsNamed() async throws {
        let sandbox = try SandboxFixture(rateLimits: RateLimits(burst: 2, oauthBurst: 2, searchBurst: 2, dailyTokens: 1_000_000))
        let error = try #require(await refusal(sandbox, APIRequest(.get, .v2, "/deals"), times: 10))
        #expect(error.kind == .rateLimited(.burst(requests: 2), retryAfter: error.retryAfterSeconds))
        #expect(error.message.hasPrefix("Rate limited: GET /api/v2/deals hit the burst limit (2 requests per 2 s)"), "\(error.message)")
    }

    @Test func theSearchLimitIsNamedApart() async throws {
        let sandbox = try SandboxFixture(rateLimits: RateLimits(burst: 100, oauthBurst: 100, searchBurst: 2, dailyTokens: 1_000_000))
        let search = APIRequest(.get, .v2, "/deals/search", query: [QueryItem("term", "acme")])
        let error = try #require(await refusal(sandbox, search, times: 10))
        guard case .rateLimited(.search(let requests), _) = error.kind else { Issue.record("\(error.kind)"); return }
        #expect(requests == 2)
        #expect(error.message.contains("the search limit (2 searches per 2 s)"), "\(error.message)")
    }

    @Test func aSpentDailyBudgetSaysSo() async throws {
        let sandbox = try SandboxFixture(rateLimits: RateLimits(burst: 100, oauthBurst: 100, searchBurst: 100, dailyTokens: 25))
        let error = try #require(await refusal(sandbox, APIRequest(.get, .v2, "/deals"), times: 10))
        guard case .rateLimited(.dailyBudget(let tokens), _) = error.kind else { Issue.record("\(error.kind)"); return }
        #expect(tokens == 25)
        #expect(error.message.hasPrefix("Daily budget spent: the company's daily API budget (25 tokens) is used up"), "\(error.message)")
        #expect(error.message.contains("resets at midnight"))
    }

    @Test func activityTypesBecomeTheTypeFieldsOptionsWhereTheListGivesNone() {
        let fields = [CustomField(key: "type", name: "Type", type: .varcharOptions, isCustom: false),
                      CustomField(key: "subject", name: "Subject", type: .varchar, isCustom: false)]
        let types: [JSON] = [["key_string": "call", "name": "Call"], ["key_string": "old", "name": "Old", "active_flag": false],
                             ["key_string": "lunch_2", "name": "Lunch"]]
        #expect(ActivityTypeOptions.lacksOptions(fields))
        let filled = ActivityTypeOptions.filled(fields, types: types)
        #expect(filled[0].options.map(\.label) == ["Call", "Lunch"])
        #expect(filled[0].options.map(\.value) == ["call", "lunch_2"])
        #expect(!ActivityTypeOptions.lacksOptions(filled))
        #expect(filled[1] == fields[1])
    }
}

extension PipedriveError {
    var retryAfterSeconds: Double? {
        if case .rateLimited(_, let seconds) = kind { return seconds }
        return nil
    }
}
