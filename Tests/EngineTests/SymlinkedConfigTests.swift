import Foundation
import JSONValue
import PipedriveSandbox
import Testing

@testable import PipedriveEngine

/// An OAuth refresh through a `config.json` that is a symlink (dotfiles kept elsewhere) writes the new tokens
/// to the link's target, and the link stays a link: against a real sandbox's token endpoint over HTTP.
@Suite struct SymlinkedConfigTests {
    @Test func anOAuthRefreshUpdatesTheLinksTarget() async throws {
        let sandbox = try SandboxFixture()
        let granted = try await OAuthTests().signIn(sandbox)
        let access = try #require(granted["access_token"]?.stringValue)
        let refresh = try #require(granted["refresh_token"]?.stringValue)
        let folder = try TemporaryFolder()
        let target = folder.path + "/dotfiles/pdtui.json", link = folder.path + "/pdtui/config.json"
        try FileManager.default.createDirectory(atPath: folder.path + "/pdtui", withIntermediateDirectories: true)
        let expiresSoon = Int(Date().timeIntervalSince1970) + 120
        let config: JSON = ["profiles": ["sandbox": [
            "base_url": .string(sandbox.server.baseURL),
            "oauth": [
                "client_id": .string(OAuthServerSettings.demoClient.id), "client_secret": .string(OAuthServerSettings.demoClient.secret),
                "access_token": .string(access), "refresh_token": .string(refresh), "expires_at": .int(expiresSoon),
                "token_url": .string(sandbox.server.baseURL + "/oauth/token"),
            ],
        ]]]
        try SecureFile.write(config.serialized(), to: target)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "../dotfiles/pdtui.json")

        let session = try Session.connect(environment: ["XDG_CONFIG_HOME": folder.path])
        _ = try await session.pages(try session.readAction("", of: try session.resource(named: "deals")), limit: 1).allRows()
        #expect(sandbox.calls.first == "POST /oauth/token")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "../dotfiles/pdtui.json")
        let saved = try #require(try ConfigFile.load(target)?.profiles["sandbox"]?.oauth?.tokens)
        #expect(saved.accessToken != access)
        #expect(saved.expiresAt > expiresSoon)
    }
}
