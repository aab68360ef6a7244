import Foundation
import JSONValue
import Testing

@testable import PipedriveSandbox

@Suite struct RequestLogTests {
    @Test func recordsMethodPathQueryStatusAndCost() async throws {
        try await Fixture.withServer { server async throws in
            _ = try await HTTP.get(server, "/api/v2/things?limit=2&sort_by=id")
            _ = try await HTTP.get(server, "/api/v1/things/999")
            _ = try await HTTP.get(server, "/api/v1/nothing")
            _ = try await HTTP.get(server, "/api/v1/things", headers: [:])
            #expect(server.requestLog == [
                RequestLogEntry(method: "GET", path: "/api/v2/things", query: "limit=2&sort_by=id", status: 200, tokenCost: 10),
                RequestLogEntry(method: "GET", path: "/api/v1/things/999", query: "", status: 404, tokenCost: 2),
                RequestLogEntry(method: "GET", path: "/api/v1/nothing", query: "", status: 404, tokenCost: 0),
                RequestLogEntry(method: "GET", path: "/api/v1/things", query: "", status: 401, tokenCost: 0),
            ])
            #expect(server.requestLog.first?.description == "GET /api/v2/things?limit=2&sort_by=id 200 cost=10")
            server.clearRequestLog()
            #expect(server.requestLog.isEmpty)
        }
    }

    @Test func tokensNeverReachTheLog() async throws {
        try await Fixture.withServer { server async throws in
            let token = server.apiToken
            _ = try await HTTP.get(server, "/api/v1/things?api_token=\(token)&start=0", headers: [:])
            _ = try await HTTP.get(server, "/api/v1/things?API_TOKEN=\(token)", headers: [:])
            _ = try await HTTP.get(server, "/api/v1/things", headers: ["x-api-token": token])
            let tokens = try await HTTP.send(
                server, "POST", "/oauth/token", headers: [
                    "authorization": "Basic " + Data("sandbox-client:sandbox-secret".utf8).base64EncodedString(),
                    "content-type": "application/x-www-form-urlencoded",
                ],
                body: Array("grant_type=authorization_code&code=\(server.mintAuthorizationCode())&redirect_uri=http%3A%2F%2F127.0.0.1%2Foauth%2Fcallback".utf8))
            let access = try #require(tokens.json?["access_token"]?.stringValue)
            _ = try await HTTP.get(server, "/api/v1/things?access_token=\(access)", headers: ["authorization": "Bearer \(access)"])
            let log = server.requestLog.map(\.description).joined(separator: "\n")
            #expect(!log.contains(token))
            #expect(!log.contains(access))
            #expect(server.requestLog[0].query == "api_token=REDACTED&start=0")
            #expect(server.requestLog[1].query == "API_TOKEN=REDACTED")
            #expect(server.requestLog[4].query == "access_token=REDACTED")
            #expect(server.requestLog[3].path == "/oauth/token")
        }
    }
}
