import Testing

@testable import PipedriveEngine

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 3, baseDelay: 0.5, maxDelay: 30)

    @Test func readsRetryOnRateLimitServerAndGatewayErrors() {
        for status in [429, 500, 502, 503, 504] {
            #expect(policy.delay(method: .get, attempt: 1, outcome: .response(status: status, headers: [:]), random: 1) == 0.5)
            #expect(policy.delay(method: .get, attempt: 2, outcome: .response(status: status, headers: [:]), random: 1) == 1)
            #expect(policy.delay(method: .get, attempt: 3, outcome: .response(status: status, headers: [:]), random: 1) == nil)
        }
        for status in [400, 401, 403, 404, 501] {
            #expect(policy.delay(method: .get, attempt: 1, outcome: .response(status: status, headers: [:]), random: 1) == nil)
        }
    }

    @Test func backoffIsFullJitterCapped() {
        #expect(policy.delay(method: .get, attempt: 2, outcome: .transportFailure(sent: true), random: 0) == 0)
        #expect(policy.delay(method: .get, attempt: 2, outcome: .transportFailure(sent: true), random: 0.5) == 0.5)
        #expect(policy.delay(method: .get, attempt: 1, outcome: .malformedBody, random: 1) == 0.5)
        #expect(policy.delay(method: .post, attempt: 1, outcome: .malformedBody, random: 1) == nil)
        let long = RetryPolicy(maxAttempts: 100, baseDelay: 0.5, maxDelay: 30)
        #expect(long.delay(method: .get, attempt: 60, outcome: .response(status: 503, headers: [:]), random: 1) == 30)
        for _ in 0..<100 {
            let wait = policy.delay(method: .get, attempt: 2, outcome: .response(status: 502, headers: [:]))!
            #expect(wait >= 0 && wait <= 1)
        }
    }

    @Test func retryAfterAndRateLimitResetAreHonoured() {
        #expect(policy.delay(method: .get, attempt: 1, outcome: .response(status: 429, headers: ["retry-after": "2"]), random: 1) == 2)
        #expect(policy.delay(method: .get, attempt: 1, outcome: .response(status: 429, headers: ["x-ratelimit-reset": "1"]), random: 1) == 1)
        // A wait longer than worth making is left to the user.
        #expect(policy.delay(method: .get, attempt: 1, outcome: .response(status: 429, headers: ["retry-after": "3600"]), random: 1) == nil)
    }

    @Test func writesAreRepeatedOnlyWhenTheyCannotHaveHappened() {
        for method in [HTTPMethod.post, .put, .patch, .delete] {
            #expect(policy.delay(method: method, attempt: 1, outcome: .response(status: 429, headers: [:]), random: 1) == 0.5)
            for status in [500, 502, 503, 504] {
                #expect(policy.delay(method: method, attempt: 1, outcome: .response(status: status, headers: [:]), random: 1) == nil)
            }
            #expect(policy.delay(method: method, attempt: 1, outcome: .transportFailure(sent: true), random: 1) == nil)
            #expect(policy.delay(method: method, attempt: 1, outcome: .transportFailure(sent: false), random: 1) == 0.5)
        }
        #expect(policy.delay(method: .get, attempt: 1, outcome: .transportFailure(sent: true), random: 1) == 0.5)
    }

    @Test func budgetKeepsEarlierValuesForMissingHeaders() {
        let first = RateLimitBudget().updated(with: [
            "x-ratelimit-limit": "40", "x-ratelimit-remaining": "39", "x-ratelimit-reset": "2",
            "x-daily-ratelimit-token-limit": "60000", "x-daily-ratelimit-token-remaining": "59990",
        ])
        let second = first.updated(with: ["x-ratelimit-remaining": "38"])
        #expect(second.burstLimit == 40)
        #expect(second.burstRemaining == 38)
        #expect(second.dailyTokensRemaining == 59990)
    }
}
