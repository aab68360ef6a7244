import Foundation
import JSONValue
import Testing

@testable import PipedriveSandbox

@Suite struct OAuthTests {
    static let client = OAuthServerSettings.demoClient
    static let basic = "Basic " + Data("\(client.id):\(client.secret)".utf8).base64EncodedString()

    func token(_ server: SandboxServer, _ form: String, authorization: String = OAuthTests.basic,
               contentType: String = "application/x-www-form-urlencoded") async throws -> Reply {
        try await HTTP.send(
            server, "POST", "/oauth/token", headers: ["authorization": authorization, "content-type": contentType],
            body: Array(form.utf8))
    }

    func exchange(_ server: SandboxServer, code: String) async throws -> Reply {
        let redirect = OAuthTests.client.redirectURI.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        return try await token(server, "grant_type=authorization_code&code=\(code)&redirect_uri=\(redirect)")
    }

    @Test func authorizeRedirectsWithACodeAndState() throws {
        let server = try SandboxServer.start(Fixture.configuration())
        defer { server.stop() }
        let connection = try RawConnection(port: server.port)
        let redirect = OAuthTests.client.redirectURI.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        connection.write(
            "GET /oauth/authorize?client_id=\(OAuthTests.client.id)&redirect_uri=\(redirect)&state=xyz HTTP/1.1\r\n\r\n")
        let reply = try connection.readResponse()
        #expect(reply.status == 302)
        let location = try #require(reply.headers["location"].flatMap(URLComponents.init(string:)))
        #expect(location.path == "/oauth/callback")
        #expect(location.queryItems?.first { $0.name == "state" }?.value == "xyz")
        #expect(location.queryItems?.first { $0.name == "code" }?.value?.isEmpty == false)

        connection.write("GET /oauth/authorize?client_id=unknown&redirect_uri=\(redirect) HTTP/1.1\r\n\r\n")
        let refused = try connection.readResponse()
        #expect(refused.status == 400)
        #expect(refused.json?["error"] == "Invalid client: client is invalid")
    }

    @Test func codeExchangeRefreshAndBearerCalls() async throws {
        try await Fixture.withServer { server async throws in
            let code = server.mintAuthorizationCode(userID: 2)
            let tokens = try await exchange(server, code: code)
            #expect(tokens.status == 200)
            let body = try #require(tokens.json)
            #expect(body["token_type"] == "Bearer")
            #expect(body["expires_in"] == 3599)
            #expect(body["api_domain"] == .string(server.baseURL))
            #expect(body["scope"]?.stringValue?.hasPrefix("base") == true)
            let access = try #require(body["access_token"]?.stringValue)
            let refresh = try #require(body["refresh_token"]?.stringValue)

            let call = try await HTTP.get(server, "/api/v1/whoami", headers: ["authorization": "Bearer \(access)"])
            #expect(call.json?["data"]?["user_id"] == 2)
            #expect(call.headers["x-ratelimit-limit"] == String(RateLimits.relaxed.oauthBurst))

            // A code is good once.
            #expect(try await exchange(server, code: code).json?["error"] == "Invalid grant: authorization_code is invalid")

            let refreshed = try await token(server, "grant_type=refresh_token&refresh_token=\(refresh)")
            #expect(refreshed.status == 200)
            let newAccess = try #require(refreshed.json?["access_token"]?.stringValue)
            #expect(newAccess != access)
            #expect(refreshed.json?["refresh_token"] == .string(refresh))
            let second = try await HTTP.get(server, "/api/v1/whoami", headers: ["authorization": "Bearer \(newAccess)"])
            #expect(second.json?["data"]?["user_id"] == 2)
        }
    }

    @Test func accessTokensExpire() async throws {
        var configuration = Fixture.configuration()
        configuration.oauth.accessTokenLifetime = 60
        let clock = ManualClock()
        configuration.clock = clock.function
        try await Fixture.withServer(configuration) { server async throws in
            let tokens = try await exchange(server, code: server.mintAuthorizationCode())
            #expect(tokens.json?["expires_in"] == 60)
            let access = try #require(tokens.json?["access_token"]?.stringValue)
            #expect(try await HTTP.get(server, "/api/v1/whoami", headers: ["authorization": "Bearer \(access)"]).status == 200)
            clock.advance(by: 59)
            #expect(try await HTTP.get(server, "/api/v1/whoami", headers: ["authorization": "Bearer \(access)"]).status == 200)
            clock.advance(by: 1)
            let expired = try await HTTP.get(server, "/api/v1/whoami", headers: ["authorization": "Bearer \(access)"])
            #expect(expired.status == 401)
            #expect(expired.json == AuthTests.unauthorized)
            // The refresh token still works and gives a fresh access token.
            let refresh = try #require(tokens.json?["refresh_token"]?.stringValue)
            let renewed = try await token(server, "grant_type=refresh_token&refresh_token=\(refresh)")
            let fresh = try #require(renewed.json?["access_token"]?.stringValue)
            #expect(try await HTTP.get(server, "/api/v1/whoami", headers: ["authorization": "Bearer \(fresh)"]).status == 200)
        }
    }

    @Test func codesExpire() async throws {
        var configuration = Fixture.configuration()
        configuration.oauth.codeLifetime = 0
        try await Fixture.withServer(configuration) { server async throws in
            let reply = try await exchange(server, code: server.mintAuthorizationCode())
            #expect(reply.status == 400)
            #expect(reply.json?["error"] == "Invalid grant: authorization_code has expired")
        }
    }

    @Test func pipedrivesOAuthErrorMessages() async throws {
        // A clock that stands still: on a machine loaded by the whole suite the ten requests outlived the
        // code's five minutes once.
        var configuration = Fixture.configuration()
        configuration.clock = ManualClock().function
        try await Fixture.withServer(configuration) { server async throws in
            let code = server.mintAuthorizationCode()
            let wrongSecret = "Basic " + Data("\(OAuthTests.client.id):wrong".utf8).base64EncodedString()
            let cases: [(Reply, String)] = [
                (try await token(server, "grant_type=authorization_code&code=\(code)", contentType: "application/json"),
                 "Invalid request: content must be application/x-www-form-urlencoded"),
                (try await token(server, "code=\(code)"), "Missing parameter: grant_type"),
                (try await token(server, "grant_type=password"), "Unsupported grant type: grant_type is invalid"),
                (try await token(server, "grant_type=authorization_code&code=\(code)", authorization: wrongSecret),
                 "Invalid client: client is invalid"),
                (try await token(server, "grant_type=authorization_code&code=\(code)", authorization: "Bearer x"),
                 "Invalid client: cannot retrieve client credentials"),
                (try await token(server, "grant_type=authorization_code&code=\(code)&redirect_uri=nope"),
                 "Invalid request: redirect_uri is not a valid URI"),
                (try await token(server, "grant_type=authorization_code&code=\(code)&redirect_uri=https%3A%2F%2Fevil.example"),
                 "Invalid request: redirect_uri is invalid"),
                (try await token(server, "grant_type=authorization_code&code=nope&redirect_uri=x"),
                 "Invalid grant: authorization_code is invalid"),
                (try await token(server, "grant_type=refresh_token&refresh_token=nope"), "Invalid grant: refresh_token is invalid"),
            ]
            for (reply, message) in cases {
                #expect(reply.status == 400, "\(message)")
                #expect(reply.json?["success"] == false)
                #expect(reply.json?["error"] == .string(message))
            }
            // The refused attempts above did not spend the code.
            #expect(try await exchange(server, code: code).status == 200)
        }
    }
}
