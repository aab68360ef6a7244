import Foundation
import JSONValue
import PipedriveSandbox
import Testing

@testable import PipedriveEngine

/// Each way a call can fail, against a real sandbox over HTTP, with faults injected by the sandbox.
@Suite struct ClientErrorTests {
    func deals(_ session: Session) throws -> PageSequence {
        let deals = try session.resource(named: "deals")
        return try session.pages(try session.readAction("", of: deals), limit: 1000)
    }

    /// A proxy or a wrong base URL may echo the request's headers in its error: the token never reaches the message.
    @Test func anErrorBodyEchoingTheTokenIsRedacted() {
        let token = "0123456789abcdef0123456789abcdef01234567"
        let body = #"{"success":false,"error":"bad header x-api-token: \#(token)","error_info":"Bearer \#(token)"}"#
        let error = ErrorMapping.error(
            for: HTTPResponse(status: 400, headers: [:], body: Array(body.utf8)), what: "GET /api/v2/deals", method: .get,
            redacting: ["Bearer " + token, token])
        for text in [error.message, error.apiError ?? "", error.errorInfo ?? "", "\(error)"] {
            #expect(!text.contains(token), "\(text)")
        }
        #expect(error.message.contains("[redacted]"))
    }

    @Test func badTokenSaysToCheckTheToken() async throws {
        let sandbox = try SandboxFixture()
        let session = sandbox.session(token: "wrong-token-0123456789")
        let error = await #expect(throws: PipedriveError.self) { try await deals(session).allRows() }
        #expect(error?.kind == .unauthorized)
        #expect(error?.status == 401)
        #expect(error?.apiError == "unauthorized access")
        #expect(error?.message.contains("PIPEDRIVE_API_TOKEN") == true)
        #expect(error?.message.contains("wrong-token") == false)
        #expect(sandbox.calls.count == 1)  // a refused credential is not retried
    }

    @Test func unknownIDNamesTheID() async throws {
        let sandbox = try SandboxFixture()
        let error = await #expect(throws: PipedriveError.self) {
            try await sandbox.session().client.send(APIRequest(.get, .v2, "/deals/987654"))
        }
        #expect(error?.kind == .notFound)
        #expect(error?.status == 404)
        #expect(error?.message.contains("Check that id 987654 exists") == true)
    }

    /// A path the server does not have (a deal's products where the account lacks the endpoint) says so,
    /// rather than blaming an id that exists.
    @Test func missingEndpointSaysSoNotTheID() async throws {
        let sandbox = try SandboxFixture()
        let error = await #expect(throws: PipedriveError.self) {
            try await sandbox.session().client.send(APIRequest(.get, .v2, "/deals/7/nothing-here"))
        }
        #expect(error?.kind == .notFound && error?.status == 404)
        #expect(error?.message.contains("no such endpoint") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("Check that id") == false)
        // A proxy's page instead of Pipedrive's envelope is about the path too.
        let page = ErrorMapping.error(
            for: HTTPResponse(status: 404, headers: [:], body: Array("<html>Not Found</html>".utf8)),
            what: "GET /api/v2/deals/7/products", method: .get, redacting: [])
        #expect(page.message.contains("no such endpoint") && !page.message.contains("Check that id"))
    }

    @Test func invalidValueIsRefusedBeforeAnyRequest() async throws {
        let sandbox = try SandboxFixture()
        let session = sandbox.session()
        let deals = try session.resource(named: "deals")
        _ = try await session.customFields(of: deals)  // the one read the check needs
        sandbox.server.clearRequestLog()
        let error = await #expect(throws: PipedriveError.self) {
            try await session.create(deals, text: ["title": "A deal", "value": "lots"])
        }
        #expect(error?.kind == .invalidInput)
        #expect(error?.message.contains("lots") == true)
        #expect(sandbox.calls.isEmpty)
    }

    @Test func rateLimitedReadIsRetriedAfterRetryAfter() async throws {
        let sandbox = try SandboxFixture(faults: [FaultRule(.rateLimited, method: "GET", path: "/api/v2/deals")])
        let started = Date()
        let rows = try await deals(sandbox.session()).allRows()
        #expect(!rows.isEmpty)
        #expect(Date().timeIntervalSince(started) >= 1.9)  // the sandbox's Retry-After: 2
        let log = sandbox.server.requestLog.filter { $0.path == "/api/v2/deals" }
        #expect(log.first?.status == 429)
        #expect(log.dropFirst().allSatisfy { $0.status == 200 })
    }

    @Test func gatewayErrorsOnReadsAreRetried() async throws {
        let sandbox = try SandboxFixture(faults: [
            FaultRule(.serverError(503), method: "GET", path: "/api/v2/deals"),
            FaultRule(.serverError(502), method: "GET", path: "/api/v2/deals", nth: 2),
        ])
        let session = sandbox.session()
        let rows = try await deals(session).allRows()
        #expect(!rows.isEmpty)
        let statuses = sandbox.server.requestLog.filter { $0.path == "/api/v2/deals" }.map(\.status)
        #expect(Array(statuses.prefix(3)) == [503, 502, 200])
        #expect(session.rateLimit.burstLimit != nil)
    }

    @Test func persistentServerErrorEndsWithAClearError() async throws {
        let sandbox = try SandboxFixture(faults: [FaultRule(.serverError(503), method: "GET", path: "/api/v2/deals", always: true)])
        let error = await #expect(throws: PipedriveError.self) { try await deals(sandbox.session()).allRows() }
        #expect(error?.kind == .server)
        #expect(error?.message.contains("503") == true)
        #expect(sandbox.calls.count == SandboxFixture.quickRetry.maxAttempts)
    }

    @Test func writeDroppedMidFlightIsNotRepeated() async throws {
        let sandbox = try SandboxFixture(faults: [FaultRule(.resetMidBody, method: "POST", path: "/api/v2/deals")])
        let session = sandbox.session(version: .v2)
        let deals = try session.resource(named: "deals")
        let before = sandbox.rows("deals").count
        let error = await #expect(throws: PipedriveError.self) {
            try await session.create(deals, text: ["title": "Dropped mid-flight"])
        }
        #expect(error?.kind == .outcomeUnknown)
        #expect(error?.message.contains("not repeated") == true)
        #expect(sandbox.calls.filter { $0.hasPrefix("POST") } == ["POST /api/v2/deals"])
        // The sandbox did perform it: exactly one deal was added, which is why repeating would be wrong.
        #expect(sandbox.rows("deals").count == before + 1)
    }

    @Test func serverErrorOnAWriteIsReportedAsUnknownOutcome() async throws {
        let sandbox = try SandboxFixture(faults: [FaultRule(.serverError(503), method: "POST", path: "/api/v2/deals")])
        let session = sandbox.session(version: .v2)
        let error = await #expect(throws: PipedriveError.self) {
            try await session.create(try session.resource(named: "deals"), text: ["title": "Maybe"])
        }
        #expect(error?.kind == .outcomeUnknown)
        #expect(sandbox.calls.filter { $0.hasPrefix("POST") }.count == 1)
    }

    @Test func malformedBodySaysWhatCameWithoutSecrets() async throws {
        let sandbox = try SandboxFixture(faults: [FaultRule(.malformedJSON, method: "GET", path: "/api/v2/deals", always: true)])
        let session = sandbox.session()
        let error = await #expect(throws: PipedriveError.self) {
            try await session.client.send(APIRequest(.get, .v2, "/deals", query: [QueryItem("limit", "2")]))
        }
        #expect(error?.kind == .malformedResponse)
        #expect(error?.message.contains("not Pipedrive's JSON") == true)
        #expect(error?.message.contains("cut short or damaged") == true)
        #expect(error?.message.contains(sandbox.server.apiToken) == false)
        // A read is repeated (full-jitter backoff) before the damage is reported.
        #expect(sandbox.calls.filter { $0.hasPrefix("GET /api/v2/deals") }.count == SandboxFixture.quickRetry.maxAttempts)
    }

    @Test func aDamagedReadIsRepeated() async throws {
        let sandbox = try SandboxFixture(faults: [FaultRule(.malformedJSON, method: "GET", path: "/api/v2/deals")])
        let response = try await sandbox.session().client.send(APIRequest(.get, .v2, "/deals", query: [QueryItem("limit", "2")]))
        #expect(response.json["data"]?.arrayValue?.count == 2)
    }

    @Test func unreachableHostIsNamed() async throws {
        let settings = ConnectionSettings(baseURL: URL(string: "http://127.0.0.1:9")!, credential: .apiToken("t"))
        let session = Session(settings: settings, retry: RetryPolicy(maxAttempts: 2, baseDelay: 0.01))
        let error = await #expect(throws: PipedriveError.self) { try await deals(session).allRows() }
        #expect(error?.kind == .network)
        #expect(error?.message.contains("127.0.0.1") == true)
    }

    @Test func readOnlyProfileRefusesWrites() async throws {
        let sandbox = try SandboxFixture()
        let session = sandbox.session(readOnly: true)
        let error = await #expect(throws: PipedriveError.self) {
            try await session.delete(try session.resource(named: "deals"), ids: [.int(1)])
        }
        #expect(error?.message.contains("read-only") == true)
        #expect(sandbox.calls.isEmpty)
    }

    @Test func cancellingStopsFetching() async throws {
        let sandbox = try SandboxFixture()
        sandbox.server.latencyMilliseconds = 50
        let session = sandbox.session()
        let deals = try session.resource(named: "deals")
        let pages = try session.pages(try session.readAction("", of: deals))
        let task = Task {
            var count = 0
            for try await page in pages {
                count += page.rows.count
                if count >= 1 { withUnsafeCurrentTask { $0?.cancel() } }
            }
            return count
        }
        _ = try? await task.value
        try await Task.sleep(nanoseconds: 300_000_000)
        // The first page, perhaps the one fetched ahead, and nothing after.
        #expect(sandbox.calls.filter { $0 == "GET /api/v2/deals" }.count <= 2)
    }
}
