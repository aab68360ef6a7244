import Foundation
import JSONValue
import Testing

@testable import PipedriveSandbox

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite struct FaultPlanTests {
    @Test func firesOnTheNthMatchingRequestOnceOrAlways() {
        var plan = FaultPlan(rules: [
            FaultRule(.serverError(503), method: "GET", path: "/api/v2/deals/{id}", nth: 2),
            FaultRule(.resetMidBody, path: "/api/v1/**", nth: 3, always: true),
        ])
        #expect(plan.next(method: "GET", path: "/api/v2/deals/1").fault == nil)
        #expect(plan.next(method: "POST", path: "/api/v2/deals/1").fault == nil)
        #expect(plan.next(method: "GET", path: "/api/v2/deals").fault == nil)
        #expect(plan.next(method: "GET", path: "/api/v2/deals/7").fault == .serverError(503))
        #expect(plan.next(method: "GET", path: "/api/v2/deals/8").fault == nil)
        #expect(plan.next(method: "GET", path: "/api/v1/a").fault == nil)
        #expect(plan.next(method: "PUT", path: "/api/v1/a/b").fault == nil)
        #expect(plan.next(method: "GET", path: "/api/v1/c").fault == .resetMidBody)
        #expect(plan.next(method: "GET", path: "/api/v1/d").fault == .resetMidBody)
    }

    @Test func latencyAddsUpAndDoesNotHideAFault() {
        var plan = FaultPlan(rules: [
            FaultRule(.latency(milliseconds: 30), always: true), FaultRule(.latency(milliseconds: 20), always: true),
            FaultRule(.htmlForbidden),
        ])
        let first = plan.next(method: "GET", path: "/x")
        #expect(first.latencyMilliseconds == 50)
        #expect(first.fault == .htmlForbidden)
        #expect(plan.next(method: "GET", path: "/x").fault == nil)
    }

    @Test func parsesTheCommandLineForm() throws {
        #expect(
            try FaultRule(parsing: "503,method=get,path=/api/v2/deals/*,nth=4,always")
                == FaultRule(.serverError(503), method: "GET", path: "/api/v2/deals/*", nth: 4, always: true))
        #expect(try FaultRule(parsing: "hang=1500") == FaultRule(.hang(milliseconds: 1_500)))
        #expect(try FaultRule(parsing: "latency=200,always") == FaultRule(.latency(milliseconds: 200), always: true))
        #expect(try FaultRule(parsing: "malformed-json").kind == .malformedJSON)
        for bad in ["", "404", "latency", "reset,nth=0", "reset,color=red"] {
            #expect(throws: FaultParseError.self, "\(bad)") { try FaultRule(parsing: bad) }
        }
    }
}

@Suite struct FaultHTTPTests {
    func server(_ rules: [FaultRule]) throws -> SandboxServer {
        var configuration = Fixture.configuration()
        configuration.faults = rules
        return try SandboxServer.start(configuration)
    }

    @Test func serverErrorsAndTheCDNsBlockPage() async throws {
        let server = try server([
            FaultRule(.serverError(500), path: "/api/v1/things/1"), FaultRule(.serverError(502), path: "/api/v1/things/2"),
            FaultRule(.serverError(503), path: "/api/v1/things/3"), FaultRule(.htmlForbidden, path: "/api/v1/things/4"),
            FaultRule(.rateLimited, path: "/api/v1/things/5"),
        ])
        defer { server.stop() }
        let serverError = try await HTTP.get(server, "/api/v1/things/1")
        #expect(serverError.status == 500)
        #expect(serverError.json?["success"] == false)
        let gateway = try await HTTP.get(server, "/api/v1/things/2")
        #expect(gateway.status == 502)
        #expect(gateway.headers["content-type"]?.hasPrefix("text/html") == true)
        #expect(gateway.json == nil)
        let unavailable = try await HTTP.get(server, "/api/v1/things/3")
        #expect(unavailable.status == 503)
        #expect(unavailable.json?["success"] == false)
        let blocked = try await HTTP.get(server, "/api/v1/things/4")
        #expect(blocked.status == 403)
        #expect(blocked.headers["content-type"]?.hasPrefix("text/html") == true)
        #expect(blocked.text.contains("Cloudflare"))
        let limited = try await HTTP.get(server, "/api/v1/things/5")
        #expect(limited.status == 429)
        #expect(limited.headers["retry-after"] == "2")
        #expect(limited.headers["x-ratelimit-remaining"] == "0")
        // Once only: the next requests are answered normally.
        for id in 1...5 { #expect(try await HTTP.get(server, "/api/v1/things/\(id)").status == 200) }
        #expect(server.requestLog.prefix(5).map(\.fault) == [
            "serverError(500)", "serverError(502)", "serverError(503)", "htmlForbidden", "rateLimited",
        ])
    }

    @Test func aFailedWriteChangesNothing() async throws {
        let server = try server([FaultRule(.serverError(503), method: "POST")])
        defer { server.stop() }
        let reply = try await HTTP.send(server, "POST", "/api/v1/things", body: Array(#"{"name":"x"}"#.utf8))
        #expect(reply.status == 503)
        #expect(server.withStore { $0["things"].count } == 10)
    }

    @Test func malformedJSONIsCutShort() async throws {
        let server = try server([FaultRule(.malformedJSON, path: "/api/v1/things")])
        defer { server.stop() }
        let reply = try await HTTP.get(server, "/api/v1/things")
        #expect(reply.status == 200)
        #expect(reply.text.hasPrefix(#"{"additional_data":"#))
        #expect(reply.json == nil)
    }

    @Test func resetMidBodyAfterTheWriteHappened() throws {
        let server = try server([FaultRule(.resetMidBody, method: "POST")])
        defer { server.stop() }
        let connection = try RawConnection(port: server.port)
        let body = #"{"name":"written"}"#
        connection.write(
            "POST /api/v1/things HTTP/1.1\r\nx-api-token: \(server.apiToken)\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
        let (bytes, error) = connection.readUntilClosed()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 201 Created\r\n"))
        let head = try #require(text.range(of: "\r\n\r\n"))
        let lengthLine = try #require(text[..<head.lowerBound].split(separator: "\r\n").first { $0.hasPrefix("content-length:") })
        let declared = Int(lengthLine.split(separator: " ")[1])!
        #expect(text[head.upperBound...].utf8.count < declared)
        #expect(error == ECONNRESET)
        // The write happened: exactly what makes blind retries of writes dangerous.
        #expect(server.withStore { $0["things"][11]?["name"] } == "written")
    }

    @Test func aHangOutlastsTheClientsTimeout() async throws {
        let server = try server([FaultRule(.hang(milliseconds: 120_000), path: "/api/v1/things/1")])
        defer { server.stop() }
        let started = Date()
        // (URLSession on Linux rounds timeouts below a second down to nothing.)
        let error = await #expect(throws: URLError.self) {
            _ = try await HTTP.send(server, "GET", "/api/v1/things/1", timeout: 1)
        }
        // The client gave up (timed out) while the server still held the connection (else: connection lost).
        #expect(error?.code == .timedOut)
        #expect(Date().timeIntervalSince(started) >= 1)
        #expect(try await HTTP.get(server, "/api/v1/things/1").status == 200)
    }

    @Test func latencyDelaysEveryAnswer() async throws {
        var configuration = Fixture.configuration()
        configuration.latencyMilliseconds = 150
        let server = try SandboxServer.start(configuration)
        defer { server.stop() }
        var started = Date()
        #expect(try await HTTP.get(server, "/api/v1/things/1").status == 200)
        #expect(Date().timeIntervalSince(started) >= 0.15)
        server.latencyMilliseconds = 0
        server.addFault(FaultRule(.latency(milliseconds: 300), path: "/api/v1/things/2"))
        started = Date()
        #expect(try await HTTP.get(server, "/api/v1/things/2").status == 200)
        #expect(Date().timeIntervalSince(started) >= 0.3)
        server.removeAllFaults()
        server.addFault(FaultRule(.serverError(500), always: true))
        #expect(try await HTTP.get(server, "/api/v1/things/1").status == 500)
        #expect(try await HTTP.get(server, "/api/v1/things/1").status == 500)
    }
}
