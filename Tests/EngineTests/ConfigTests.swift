import Foundation
import JSONValue
import Testing

@testable import PipedriveEngine

/// Config files are real files in a fresh temporary folder.
@Suite struct ConfigTests {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "pdtui-config-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func write(_ text: String, mode: Int = 0o600) throws -> String {
        let path = folder + "/pdtui/config.json"
        try FileManager.default.createDirectory(atPath: folder + "/pdtui", withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func configPathFollowsXDG() {
        #expect(ConfigFile.defaultPath(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/pdtui/config.json")
        #expect(ConfigFile.defaultPath(environment: ["HOME": "/h"]) == "/h/.config/pdtui/config.json")
    }

    @Test func profilesAreResolvedWithTheirPrecedence() throws {
        _ = try write(
            """
            {"default_profile": "acme", "profiles": {
              "acme": {"company_domain": "acme", "api_token": "tok-acme", "theme": "dark"},
              "demo": {"base_url": "http://127.0.0.1:9999", "api_token": "tok-demo", "read_only": true}}}
            """)
        let env = ["XDG_CONFIG_HOME": folder]
        let acme = try ConnectionSettings.resolve(environment: env)
        #expect(acme.baseURL.absoluteString == "https://acme.pipedrive.com")
        #expect(acme.credential == .apiToken("tok-acme"))
        #expect(acme.theme == "dark")
        let demo = try ConnectionSettings.resolve(profile: "demo", environment: env)
        #expect(demo.baseURL.absoluteString == "http://127.0.0.1:9999")
        #expect(demo.readOnly)
        // The environment beats the default profile, not a profile chosen by name.
        let fromEnv = try ConnectionSettings.resolve(environment: env.merging(["PIPEDRIVE_API_TOKEN": "tok-env"]) { $1 })
        #expect(fromEnv.credential == .apiToken("tok-env"))
        let chosen = try ConnectionSettings.resolve(profile: "demo", environment: env.merging(["PIPEDRIVE_API_TOKEN": "tok-env"]) { $1 })
        #expect(chosen.credential == .apiToken("tok-demo"))
        let flag = try ConnectionSettings.resolve(baseURL: "http://localhost:1", environment: env)
        #expect(flag.baseURL.absoluteString == "http://localhost:1")
        #expect(throws: PipedriveError.self) { try ConnectionSettings.resolve(profile: "nope", environment: env) }
    }

    @Test func theConfigsThemeIsAName() throws {
        #expect(try ConfigFile.load(try write(#"{"theme": "gruvbox"}"#))?.theme == "gruvbox")
        let error = #expect(throws: PipedriveError.self) { try ConfigFile.load(try write(#"{"theme": 7}"#)) }
        #expect(error?.message.contains("\"theme\" must be a theme's name") == true)
    }

    @Test func theConfigsMouseSwitch() throws {
        #expect(try ConfigFile.load(try write(#"{}"#))?.mouse == true)
        #expect(try ConfigFile.load(try write(#"{"mouse": false}"#))?.mouse == false)
        let error = #expect(throws: PipedriveError.self) { try ConfigFile.load(try write(#"{"mouse": "off"}"#)) }
        #expect(error?.message.contains("\"mouse\" must be true or false") == true)
    }

    @Test func noConfigNeedsTheEnvironment() throws {
        let env = ["XDG_CONFIG_HOME": folder, "PIPEDRIVE_API_TOKEN": "t", "PIPEDRIVE_BASE_URL": "https://x.pipedrive.com"]
        let settings = try ConnectionSettings.resolve(environment: env)
        #expect(settings.credential == .apiToken("t"))
        #expect(settings.configPath == nil)
        let error = #expect(throws: PipedriveError.self) {
            try ConnectionSettings.resolve(environment: ["XDG_CONFIG_HOME": folder, "PIPEDRIVE_API_TOKEN": "t"])
        }
        #expect(error?.message.contains("--base-url") == true)
    }

    @Test func plainHTTPIsRefusedBeyondLoopback() {
        let env = ["XDG_CONFIG_HOME": folder, "PIPEDRIVE_API_TOKEN": "secret-token"]
        let error = #expect(throws: PipedriveError.self) {
            try ConnectionSettings.resolve(baseURL: "http://example.com", environment: env)
        }
        #expect(error?.message.contains("https") == true)
        #expect(error?.message.contains("secret-token") == false)
    }

    @Test func readableConfigIsRefusedWithTheChmodToRun() throws {
        let path = try write(#"{"profiles": {"a": {"company_domain": "a", "api_token": "secret-token"}}}"#, mode: 0o644)
        let error = #expect(throws: PipedriveError.self) {
            try ConnectionSettings.resolve(environment: ["XDG_CONFIG_HOME": folder])
        }
        #expect(error?.message.contains("chmod 600 '\(path)'") == true)
        #expect(error?.message.contains("secret-token") == false)
    }

    @Test func tokenCommandRunsThroughTheShell() throws {
        _ = try write(#"{"profiles": {"a": {"company_domain": "a", "token_command": "printf 'from-cmd\\n' | tr a-z A-Z"}}}"#)
        let settings = try ConnectionSettings.resolve(environment: ["XDG_CONFIG_HOME": folder])
        #expect(settings.credential == .apiToken("FROM-CMD"))
        _ = try write(#"{"profiles": {"a": {"company_domain": "a", "token_command": "echo leaked-secret; exit 3"}}}"#)
        let error = #expect(throws: PipedriveError.self) {
            try ConnectionSettings.resolve(environment: ["XDG_CONFIG_HOME": folder])
        }
        #expect(error?.message.contains("exit 3") == true)
        #expect(error?.message.contains("leaked-secret") == false)
    }

    @Test func invalidProfilesSayWhatIsWrong() throws {
        _ = try write(#"{"profiles": {"a": {"company_domain": "a", "read_only": "yes"}}}"#)
        let error = #expect(throws: PipedriveError.self) {
            try ConnectionSettings.resolve(environment: ["XDG_CONFIG_HOME": folder])
        }
        #expect(error?.message.hasSuffix("config.json: In profile \"a\", read_only must be true or false.") == true)
    }

    @Test func oauthTokensAreSavedBackAtomicallyWithMode0600() throws {
        let path = try write(
            """
            {"profiles": {"o": {"company_domain": "o", "theme": "light", "custom": [1, 2],
              "oauth": {"client_id": "cid", "client_secret": "cs", "access_token": "old", "refresh_token": "r1", "expires_at": 10}}}}
            """)
        try ConfigFile.saveTokens(OAuthTokens(accessToken: "new", refreshToken: "r2", expiresAt: 99), profile: "o", path: path)
        #expect(try mode(path) == 0o600)
        let profile = try #require(try ConfigFile.load(path)?.profiles["o"])
        #expect(profile.oauth?.tokens == OAuthTokens(accessToken: "new", refreshToken: "r2", expiresAt: 99))
        #expect(profile.theme == "light")
        let json = try JSON(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(json["profiles"]?["o"]?["custom"] == [1, 2])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder + "/pdtui")
        #expect(leftovers == ["config.json"])
    }

    @Test func keyBindingsAreReadAsKeysOrListsAndKeptOnWriteBack() throws {
        let path = try write(
            """
            {"keys": {"edit": "E", "down": ["j", "down"], "filter": "ctrl-f"}, "future": {"x": 1},
             "profiles": {"o": {"company_domain": "o",
               "oauth": {"client_id": "c", "client_secret": "s", "access_token": "a", "refresh_token": "r", "expires_at": 1}}}}
            """)
        let config = try #require(try ConfigFile.load(path))
        #expect(config.keys.map(\.name) == ["down", "edit", "filter"])
        #expect(config.keys.map(\.keys) == [["j", "down"], ["E"], ["ctrl-f"]])
        // Saving refreshed tokens keeps the bindings and keys this version does not know.
        try ConfigFile.saveTokens(OAuthTokens(accessToken: "b", refreshToken: "r2", expiresAt: 2), profile: "o", path: path)
        let again = try #require(try ConfigFile.load(path))
        #expect(again.keys.map(\.keys) == config.keys.map(\.keys))
        #expect(again.json["future"] == ["x": 1])
        // No "keys": no bindings.
        #expect(try ConfigFile.load(try write("{}"))?.keys.isEmpty == true)
    }

    @Test func badKeyBindingsNameTheFileAndTheEntry() throws {
        for (text, expected) in [
            (#"{"keys": ["E"]}"#, "\"keys\" must be an object"),
            (#"{"keys": {"edit": 5}}"#, "\"keys\": \"edit\" must be a key"),
            (#"{"keys": {"edit": []}}"#, "\"keys\": \"edit\" must be a key"),
            (#"{"keys": {"edit": ["E", 1]}}"#, "\"keys\": \"edit\" must be a key"),
        ] {
            let path = try write(text)
            let error = #expect(throws: PipedriveError.self) { try ConfigFile.load(path) }
            #expect(error?.message.contains(path) == true, "\(text)")
            #expect(error?.message.contains(expected) == true, "\(text): \(error?.message ?? "")")
        }
    }
}
