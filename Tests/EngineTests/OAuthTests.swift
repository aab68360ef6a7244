import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import JSONValue
import PipedriveSandbox
import Testing

@testable import PipedriveEngine

/// OAuth against the sandbox's `/oauth/token`: an access token about to expire is refreshed before the
/// request and the new tokens are written back to the profile file.
@Suite struct OAuthTests {
    /// Exchanges a freshly minted authorization code for tokens, as the app's sign-in would.
    func signIn(_ sandbox: SandboxFixture) async throws -> JSON {
        let code = sandbox.server.mintAuthorizationCode()
        var request = URLRequest(url: sandbox.baseURL.appendingPathComponent("oauth/token"))
        request.httpMethod = "POST"
        let client = OAuthServerSettings.demoClient
        request.setValue("Basic " + Data("\(client.id):\(client.secret)".utf8).base64EncodedString(), forHTTPHeaderField: "Authorization")
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        let redirect = client.redirectURI.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        request.httpBody = Data("grant_type=authorization_code&code=\(code)&redirect_uri=\(redirect)".utf8)
        let (data, _) = try await URLSession.shared.data(for: request)
        return try JSON(parsing: Array(data))
    }

    @Test func expiringTokenIsRefreshedAndSavedToTheProfile() async throws {
        let sandbox = try SandboxFixture()
        let granted = try await signIn(sandbox)
        let access = try #require(granted["access_token"]?.stringValue)
        let refresh = try #require(granted["refresh_token"]?.stringValue)
        let folder = NSTemporaryDirectory() + "pdtui-oauth-" + UUID().uuidString
        let path = folder + "/pdtui/config.json"
        let expiresSoon = Int(Date().timeIntervalSince1970) + 120  // within the 300-second margin
        let config: JSON = [
            "default_profile": "sandbox",
            "profiles": [
                "sandbox": [
                    "base_url": .string(sandbox.server.baseURL),
                    "oauth": [
                        "client_id": .string(OAuthServerSettings.demoClient.id), "client_secret": .string(OAuthServerSettings.demoClient.secret),
                        "access_token": .string(access), "refresh_token": .string(refresh), "expires_at": .int(expiresSoon),
                        "token_url": .string(sandbox.server.baseURL + "/oauth/token"),
                    ],
                ]
            ],
        ]
        try SecureFile.write(config.serialized(), to: path)
        sandbox.server.clearRequestLog()

        let session = try Session.connect(environment: ["XDG_CONFIG_HOME": folder])
        let deals = try session.resource(named: "deals")
        let rows = try await session.pages(try session.readAction("", of: deals), limit: 5).allRows()
        #expect(rows.count == 5)

        let calls = sandbox.calls
        #expect(calls.first == "POST /oauth/token")
        #expect(calls.dropFirst().allSatisfy { $0.hasPrefix("GET /api/") }, "\(calls)")
        let saved = try #require(try ConfigFile.load(path)?.profiles["sandbox"]?.oauth?.tokens)
        #expect(saved.accessToken != access)
        #expect(saved.expiresAt > expiresSoon)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)

        // A second session reads the saved token and needs no refresh.
        sandbox.server.clearRequestLog()
        let again = try Session.connect(environment: ["XDG_CONFIG_HOME": folder])
        _ = try await again.pages(try again.readAction("", of: deals), limit: 1).allRows()
        #expect(!sandbox.calls.contains("POST /oauth/token"))
    }

    @Test func tokenRefusedBeforeItsExpiryIsRefreshedAndTheRequestRepeatedOnce() async throws {
        let sandbox = try SandboxFixture()
        let granted = try await signIn(sandbox)
        let refresh = try #require(granted["refresh_token"]?.stringValue)
        let client = PipedriveEngine.OAuthClient(
            clientID: OAuthServerSettings.demoClient.id, clientSecret: OAuthServerSettings.demoClient.secret,
            tokenURL: URL(string: sandbox.server.baseURL + "/oauth/token")!)
        // The profile believes the token good for an hour more; Pipedrive no longer knows it (revoked).
        let later = Int(Date().timeIntervalSince1970) + 3600
        let session = Session(settings: ConnectionSettings(
            baseURL: sandbox.baseURL, credential: .oauth(client, OAuthTokens(accessToken: "revoked", refreshToken: refresh, expiresAt: later))))
        sandbox.server.clearRequestLog()
        let response = try await session.client.send(APIRequest(.post, .v2, "/deals", body: .json(["title": "After a refused token"])))
        #expect(response.json["data"]?["title"] == "After a refused token")
        #expect(sandbox.calls == ["POST /api/v2/deals", "POST /oauth/token", "POST /api/v2/deals"])
        #expect(sandbox.rows("deals").filter { $0["title"] == "After a refused token" }.count == 1)

        // A refresh that is refused too ends it: no loop.
        let stale = Session(settings: ConnectionSettings(
            baseURL: sandbox.baseURL, credential: .oauth(client, OAuthTokens(accessToken: "revoked", refreshToken: "gone", expiresAt: later))))
        sandbox.server.clearRequestLog()
        await #expect(throws: PipedriveError.self) { try await stale.client.send(APIRequest(.get, .v2, "/deals")) }
        #expect(sandbox.calls == ["GET /api/v2/deals", "POST /oauth/token"])
    }

    @Test func refusedRefreshSaysToSignInAgain() async throws {
        let sandbox = try SandboxFixture()
        let settings = ConnectionSettings(
            baseURL: sandbox.baseURL,
            credential: .oauth(
                PipedriveEngine.OAuthClient(
                    clientID: OAuthServerSettings.demoClient.id, clientSecret: OAuthServerSettings.demoClient.secret,
                    tokenURL: URL(string: sandbox.server.baseURL + "/oauth/token")!),
                OAuthTokens(accessToken: "expired", refreshToken: "not-a-real-refresh-token", expiresAt: 0)))
        let session = Session(settings: settings)
        let error = await #expect(throws: PipedriveError.self) {
            try await session.client.send(APIRequest(.get, .v2, "/deals"))
        }
        #expect(error?.kind == .unauthorized)
        #expect(error?.message.contains("Sign in again") == true)
        #expect(error?.message.contains("not-a-real-refresh-token") == false)
    }
}
