import Foundation
import JSONValue
import Testing

@testable import PipedriveSandbox

/// The limiter as a state machine over an explicit clock.
@Suite struct RateLimiterTests {
    static let limits = RateLimits(burst: 3, oauthBurst: 5, searchBurst: 2, dailyTokens: 100)

    func header(_ decision: RateLimiter.Decision, _ name: String) -> String? {
        decision.headers.first { $0.0 == name }?.1
    }

    @Test func burstIsARolling2SecondWindowPerToken() {
        var limiter = RateLimiter(limits: RateLimiterTests.limits)
        let start = 1_000_000.0
        for (offset, remaining) in [(0.0, "2"), (0.5, "1"), (1.0, "0")] {
            let decision = limiter.admit(credential: "a", oauth: false, search: false, cost: 1, now: start + offset)
            #expect(decision.admitted)
            #expect(header(decision, "x-ratelimit-limit") == "3")
            #expect(header(decision, "x-ratelimit-remaining") == remaining)
        }
        let refused = limiter.admit(credential: "a", oauth: false, search: false, cost: 1, now: start + 1.5)
        #expect(!refused.admitted)
        #expect(!refused.dailyBudgetSpent)
        #expect(refused.retryAfter == 1)
        // Another token has its own window.
        #expect(limiter.admit(credential: "b", oauth: false, search: false, cost: 1, now: start + 1.5).admitted)
        // The first request leaves the window 2 s after it was made.
        #expect(limiter.admit(credential: "a", oauth: false, search: false, cost: 1, now: start + 2.01).admitted)
        #expect(!limiter.admit(credential: "a", oauth: false, search: false, cost: 1, now: start + 2.02).admitted)
    }

    @Test func oauthTokensAndSearchesHaveTheirOwnLimits() {
        var limiter = RateLimiter(limits: RateLimiterTests.limits)
        let now = 1_000_000.0
        for _ in 0..<5 { #expect(limiter.admit(credential: "o", oauth: true, search: false, cost: 1, now: now).admitted) }
        #expect(!limiter.admit(credential: "o", oauth: true, search: false, cost: 1, now: now).admitted)

        let first = limiter.admit(credential: "s", oauth: false, search: true, cost: 1, now: now)
        #expect(header(first, "x-ratelimit-limit") == "2")
        #expect(limiter.admit(credential: "s", oauth: false, search: true, cost: 1, now: now).admitted)
        #expect(!limiter.admit(credential: "s", oauth: false, search: true, cost: 1, now: now).admitted)
        // Searches count towards the general window too: one ordinary request is left.
        #expect(limiter.admit(credential: "s", oauth: false, search: false, cost: 1, now: now).admitted)
        #expect(!limiter.admit(credential: "s", oauth: false, search: false, cost: 1, now: now).admitted)
    }

    @Test func theDailyBudgetIsSharedAndResetsAtMidnightUTC() {
        var limiter = RateLimiter(limits: RateLimits(burst: 1_000, oauthBurst: 1_000, searchBurst: 1_000, dailyTokens: 25))
        let midnight = 20_000.0 * 86_400
        let noon = midnight + 43_200
        let first = limiter.admit(credential: "a", oauth: false, search: false, cost: 10, now: noon)
        #expect(header(first, "x-daily-ratelimit-token-limit") == "25")
        #expect(header(first, "x-daily-ratelimit-token-remaining") == "15")
        #expect(limiter.admit(credential: "b", oauth: true, search: false, cost: 10, now: noon).admitted)
        let last = limiter.admit(credential: "a", oauth: false, search: false, cost: 10, now: noon)
        #expect(last.admitted)
        #expect(header(last, "x-daily-ratelimit-token-remaining") == "0")
        let refused = limiter.admit(credential: "a", oauth: false, search: false, cost: 1, now: noon + 1)
        #expect(!refused.admitted)
        #expect(refused.dailyBudgetSpent)
        #expect(refused.retryAfter == 43_199)
        #expect(limiter.admit(credential: "a", oauth: false, search: false, cost: 1, now: midnight + 86_400).admitted)
    }

    @Test func costsComeFromPipedrivesSpecsElseTheGenericTable() {
        #expect(TokenCost.of(method: "GET", version: .v1, pattern: "/deals") == 20)
        #expect(TokenCost.of(method: "GET", version: .v2, pattern: "/deals") == 10)
        #expect(TokenCost.of(method: "GET", version: .v2, pattern: "/deals/{deal_id}") == 1)
        #expect(TokenCost.of(method: "GET", version: .v1, pattern: "/deals/{id}/flow") == 40)
        #expect(TokenCost.of(method: "GET", version: .v1, pattern: "/users/me") == 2)
        #expect(TokenCost.of(method: "GET", version: .v2, pattern: "/deals/search") == 20)
        #expect(TokenCost.of(method: "DELETE", version: .v1, pattern: "/deals") == 10)
        // Not in either spec (the seed's retired /teams): generic costs.
        #expect(TokenCost.of(method: "GET", version: .v1, pattern: "/teams") == 20)
        #expect(TokenCost.of(method: "PUT", version: .v1, pattern: "/teams/{id}") == 10)
        #expect(TokenCost.of(method: "GET", version: .v1, pattern: "/teams/user/{id}") == 2)
        #expect(TokenCost.of(method: "DELETE", version: .v2, pattern: "/things/{id}") == 3)
        #expect(TokenCost.isSearch("/itemSearch/field"))
        #expect(!TokenCost.isSearch("/deals"))
    }

    /// `x-daily-requests-left`: the POST and PUT requests an API token has left today (OAuth tokens get none).
    @Test func writesLeftTodayAreCountedPerAPIToken() {
        var limiter = RateLimiter(limits: RateLimits(burst: 100, oauthBurst: 100, searchBurst: 10, dailyTokens: 1_000, dailyWrites: 5))
        let read = limiter.admit(credential: "a", oauth: false, search: false, cost: 1, now: 10)
        #expect(header(read, "x-daily-requests-left") == "5")
        #expect(header(limiter.admit(credential: "a", oauth: false, search: false, write: true, cost: 1, now: 11), "x-daily-requests-left") == "4")
        #expect(header(limiter.admit(credential: "b", oauth: false, search: false, write: true, cost: 1, now: 12), "x-daily-requests-left") == "4")
        #expect(header(limiter.admit(credential: "o", oauth: true, search: false, write: true, cost: 1, now: 13), "x-daily-requests-left") == nil)
        // A new UTC day starts afresh.
        #expect(header(limiter.admit(credential: "a", oauth: false, search: false, cost: 1, now: 86_400 + 1), "x-daily-requests-left") == "5")
    }

    /// The generated table (scripts/generate-token-costs.py) holds every cost of Pipedrive's TSVs.
    @Test func theGeneratedTableMatchesTheTSVs() throws {
        let specs = ContractTests.packageRoot.appendingPathComponent("spec/pipedrive-openapi")
        var keys: Set<String> = []
        for (file, version, prefix) in [
            ("token-costs-v1-2026-01-14.tsv", RouteVersion.v1, "/v1"), ("token-costs-v2-2026-08-18.tsv", .v2, "/api/v2"),
        ] {
            let text = try String(contentsOf: specs.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n").dropFirst() {
                let columns = line.split(separator: "\t").map(String.init)
                let pattern = String(columns[1].dropFirst(prefix.count))
                #expect(TokenCost.of(method: columns[0], version: version, pattern: pattern) == Int(columns[2]), "\(line)")
                keys.insert(TokenCost.key(method: columns[0], version: version, pattern: pattern))
            }
        }
        #expect(keys.count == TokenCost.table.count)
        #expect(keys.count > 400)
    }
}

/// The limits as a client sees them over HTTP.
@Suite struct RateLimitHTTPTests {
    @Test func everyAnswerCarriesTheLimitHeaders() async throws {
        var configuration = Fixture.configuration()
        configuration.clock = ManualClock().function
        try await Fixture.withServer(configuration) { server async throws in
            let reply = try await HTTP.get(server, "/api/v1/things")
            #expect(reply.headers["x-ratelimit-limit"] == String(RateLimits.relaxed.burst))
            #expect(reply.headers["x-ratelimit-remaining"] == String(RateLimits.relaxed.burst - 1))
            #expect(reply.headers["x-ratelimit-reset"] == "2")
            #expect(reply.headers["x-daily-ratelimit-token-limit"] == String(RateLimits.relaxed.dailyTokens))
            #expect(reply.headers["x-daily-requests-left"] == "10000")
            // An unknown endpoint costs the generic list price: 20 for a v1 list.
            #expect(reply.headers["x-daily-ratelimit-token-remaining"] == String(RateLimits.relaxed.dailyTokens - 20))
            let missing = try await HTTP.get(server, "/api/v1/things/999")
            #expect(missing.status == 404)
            #expect(missing.headers["x-ratelimit-remaining"] == String(RateLimits.relaxed.burst - 2))
        }
    }

    @Test func burstLimitAnswers429WithRetryAfter() async throws {
        var configuration = Fixture.configuration()
        configuration.rateLimits = RateLimits(burst: 3, oauthBurst: 3, searchBurst: 1, dailyTokens: 1_000_000)
        let clock = ManualClock()
        configuration.clock = clock.function
        try await Fixture.withServer(configuration) { server async throws in
            for _ in 0..<3 { #expect(try await HTTP.get(server, "/api/v1/things/1").status == 200) }
            let limited = try await HTTP.get(server, "/api/v1/things/1")
            #expect(limited.status == 429)
            #expect(limited.json?["success"] == false)
            #expect(limited.json?["error_info"] == "Please check developers.pipedrive.com")
            #expect(Int(limited.headers["retry-after"] ?? "") ?? 0 >= 1)
            #expect(limited.headers["x-ratelimit-remaining"] == "0")
            #expect(limited.headers["x-ratelimit-limit"] == "3")
            #expect(server.requestLog.last?.status == 429)
            #expect(server.requestLog.last?.tokenCost == 0)
            clock.advance(by: 1.9)
            #expect(try await HTTP.get(server, "/api/v1/things/1").status == 429)
            clock.advance(by: 0.2)
            #expect(try await HTTP.get(server, "/api/v1/things/1").status == 200)
        }
    }

    @Test func searchHasItsOwnBurstLimit() async throws {
        var configuration = Fixture.configuration()
        configuration.rateLimits = RateLimits(burst: 100, oauthBurst: 100, searchBurst: 2, dailyTokens: 1_000_000)
        configuration.clock = ManualClock().function
        try await Fixture.withServer(configuration) { server async throws in
            #expect(try await HTTP.get(server, "/api/v1/things/search?term=1").headers["x-ratelimit-limit"] == "2")
            #expect(try await HTTP.get(server, "/api/v1/things/search?term=1").status == 200)
            #expect(try await HTTP.get(server, "/api/v1/things/search?term=1").status == 429)
            #expect(try await HTTP.get(server, "/api/v1/things/1").status == 200)
        }
    }

    @Test func theDailyBudgetRunsOut() async throws {
        var configuration = Fixture.configuration()
        configuration.rateLimits = RateLimits(burst: 100, oauthBurst: 100, searchBurst: 10, dailyTokens: 45)
        configuration.clock = ManualClock().function
        try await Fixture.withServer(configuration) { server async throws in
            // A v1 list costs 20: 45 → 25 → 5 → 0 (the last admitted request may overdraw).
            for remaining in ["25", "5", "0"] {
                let reply = try await HTTP.get(server, "/api/v1/things")
                #expect(reply.status == 200)
                #expect(reply.headers["x-daily-ratelimit-token-remaining"] == remaining)
            }
            let spent = try await HTTP.get(server, "/api/v1/things/1")
            #expect(spent.status == 429)
            #expect(spent.headers["x-daily-ratelimit-token-remaining"] == "0")
            #expect(Int(spent.headers["retry-after"] ?? "") ?? 0 > 2)
            // Limits can be relaxed while running; what was spent stays spent.
            server.setRateLimits(RateLimits(burst: 100, oauthBurst: 100, searchBurst: 10, dailyTokens: 80))
            let again = try await HTTP.get(server, "/api/v1/things/1")
            #expect(again.status == 200)
            #expect(again.headers["x-daily-ratelimit-token-remaining"] == "18")
        }
    }
}
