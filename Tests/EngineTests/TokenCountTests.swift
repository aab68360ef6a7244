import Foundation
import JSONValue
import PDTUITestSupport
import PipedriveSandbox
import Testing

@testable import PipedriveEngine

/// The tokens a session counts as spent are what the sandbox (built from Pipedrive's specs apart from the
/// engine) charged, request by request: lists, single records, archived deals, searches, writes, deletes, a
/// lead by UUID, in v1 and v2; a 429 is not charged.
@Suite struct TokenCountTests {
    @Test func eachRequestCountsWhatTheSandboxCharged() async throws {
        let sandbox = try SandboxFixture(inProcess: true)
        let session = sandbox.session()
        let leads = try await session.client.send(APIRequest(.get, .v1, "/leads", query: [QueryItem("limit", "1")])).json
        let lead = try #require(leads["data"]?[0]?["id"]?.stringValue)
        let requests: [APIRequest] = [
            APIRequest(.get, .v2, "/deals", query: [QueryItem("limit", "5")]), APIRequest(.get, .v1, "/deals", query: [QueryItem("limit", "5")]),
            APIRequest(.get, .v2, "/deals/1"), APIRequest(.get, .v1, "/deals/1"), APIRequest(.get, .v2, "/deals/archived"),
            APIRequest(.get, .v2, "/stages"), APIRequest(.get, .v1, "/users/me"), APIRequest(.get, .v1, "/users/2"),
            APIRequest(.get, .v2, "/deals/search", query: [QueryItem("term", "ab")]), APIRequest(.get, .v1, "/itemSearch", query: [QueryItem("term", "ab")]),
            APIRequest(.get, .v1, "/leads/\(lead)"), APIRequest(.get, .v1, "/dealFields"), APIRequest(.get, .v2, "/dealFields"),
            APIRequest(.patch, .v2, "/deals/1", body: .json(["title": "Renamed"])), APIRequest(.delete, .v2, "/deals/2"),
            APIRequest(.post, .v1, "/notes", body: .json(["content": "hello", "deal_id": 1])),
        ]
        for request in requests {
            let before = session.rateLimit.sessionTokens, logged = sandbox.server.requestLog.count
            _ = try await session.client.send(request)
            let charged = sandbox.server.requestLog.dropFirst(logged).reduce(0) { $0 + $1.tokenCost }
            #expect(charged > 0 && session.rateLimit.sessionTokens - before == charged, "\(request.method) \(request.version) \(request.path)")
        }
    }

    @Test func aRefusedRequestIsNotCounted() async throws {
        let sandbox = try SandboxFixture(faults: [FaultRule(.rateLimited, method: "GET", path: "/api/v2/deals/1", always: true)])
        let session = Session(settings: sandbox.session().settings, retry: RetryPolicy(maxAttempts: 1))
        await #expect(throws: PipedriveError.self) { _ = try await session.client.send(APIRequest(.get, .v2, "/deals/1")) }
        #expect(session.rateLimit.sessionTokens == 0)
    }
}
