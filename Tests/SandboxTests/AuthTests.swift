import Foundation
import JSONValue
import Testing

@testable import PipedriveSandbox

@Suite struct AuthTests {
    static let unauthorized: JSON = [
        "success": false, "error": "unauthorized access", "errorCode": 401,
        "error_info": "Please check developers.pipedrive.com",
    ]

    @Test func acceptsTheHeaderAndTheLegacyQueryParameter() async throws {
        try await Fixture.withServer { server async throws in
            #expect(try await HTTP.get(server, "/api/v1/whoami").json?["data"]?["user_id"] == 1)
            let byQuery = try await HTTP.get(server, "/api/v1/whoami?api_token=\(server.apiToken)", headers: [:])
            #expect(byQuery.json?["data"]?["user_id"] == 1)
        }
    }

    @Test func everyBadCredentialGetsPipedrivesExact401() async throws {
        try await Fixture.withServer { server async throws in
            let token = server.apiToken
            let attempts: [(String, [String: String])] = [
                ("/api/v1/whoami", [:]),
                ("/api/v1/whoami", ["x-api-token": "0000"]),
                ("/api/v1/whoami", ["x-api-token": ""]),
                ("/api/v1/whoami?api_token=0000", [:]),
                // The header wins: a wrong header is not rescued by a right query parameter.
                ("/api/v1/whoami?api_token=\(token)", ["x-api-token": "0000"]),
                ("/api/v1/whoami", ["authorization": "Bearer not-a-token"]),
                ("/api/v1/whoami", ["authorization": "Basic " + Data("\(token):".utf8).base64EncodedString()]),
                ("/api/v1/whoami", ["authorization": token]),
                ("/api/v1/whoami?api_token=\(token)", ["authorization": "Bearer nope"]),
            ]
            for (target, headers) in attempts {
                let reply = try await HTTP.get(server, target, headers: headers)
                #expect(reply.status == 401, "\(target) \(headers)")
                #expect(reply.json == AuthTests.unauthorized, "\(target) \(headers)")
                #expect(reply.headers["x-ratelimit-limit"] == nil)
            }
        }
    }

    @Test func theTokenResolvesToItsUser() async throws {
        try await Fixture.withServer { server async throws in
            server.addAPIToken("second-user-token", userID: 2)
            let reply = try await HTTP.get(server, "/api/v1/whoami", headers: ["x-api-token": "second-user-token"])
            #expect(reply.json?["data"]?["user_id"] == 2)
        }
    }

    @Test func unknownPathsAnswer404EvenWithoutACredential() async throws {
        try await Fixture.withServer { server async throws in
            #expect(try await HTTP.get(server, "/api/v1/nothing", headers: [:]).status == 404)
        }
    }

    @Test func aGivenTokenReplacesTheDemoToken() async throws {
        var configuration = Fixture.configuration()
        configuration.apiToken = "my-token"
        try await Fixture.withServer(configuration) { server async throws in
            #expect(server.apiToken == "my-token")
            #expect(try await HTTP.get(server, "/api/v1/whoami").status == 200)
            let demo = SandboxServer.demoAPIToken(seed: configuration.generation.seed)
            #expect(try await HTTP.get(server, "/api/v1/whoami", headers: ["x-api-token": demo]).status == 401)
        }
    }
}
