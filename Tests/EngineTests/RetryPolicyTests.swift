import Testing

@testable import PipedriveEngine

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 3, baseDelay: 0.5, maxDelay: 30)

    @Test func readsRetryOnRateLimitAndGatewayErrors() {
        for status in [429, 502, 503, 504] {
            #expect(policy.delay(method: .get, attempt: 1, outcome: .response(status: status, headers: [:])) == 0.5)
            #expect(policy.delay(method: .get, attempt: 2, outcome: .response(status: status, headers: [:])) == 1)
            #expect(policy.delay(method: .get, attempt: 3, outcome: .response(status: status, headers: [:])) == nil)
        }
        for status in [400, 401, 403, 404, 500] {
            #expect(policy.delay(method: .get, attempt: 1, outcome: .response(status: status, headers: [:])) == nil)
        }
    }

    @Test func retryAfterAndRateLimitResetAreHonoured() {
        #expect(policy.delay(method: .get, attempt: 1, outcome: .response(status: 429, headers: ["retry-after": "2"])) == 2)
        #expect(policy.delay(method: .get, attempt: 1, outcome: .response(status: 429, headers: ["x-ratelimit-reset": "1"])) == 1)
        // A wait longer than worth making is left to the user.
        #expect(policy.delay(method: .get, attempt: 1, outcome: .response(status: 429, headers: ["retry-after": "3600"])) == nil)
    }

    @Test func writesAreRepeatedOnlyWhenTheyCannotHaveHappened() {
        for method in [HTTPMethod.post, .put, .patch, .delete] {
            #expect(policy.delay(method: method, attempt: 1, outcome: .response(status: 429, headers: [:])) == 0.5)
            for status in [500, 502, 503, 504] {
                #expect(policy.delay(method: method, attempt: 1, outcome: .response(status: status, headers: [:])) == nil)
            }
            #expect(policy.delay(method: method, attempt: 1, outcome: .transportFailure(sent: true)) == nil)
            #expect(policy.delay(method: method, attempt: 1, outcome: .transportFailure(sent: false)) == 0.5)
        }
        #expect(policy.delay(method: .get, attempt: 1, outcome: .transportFailure(sent: true)) == 0.5)
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
