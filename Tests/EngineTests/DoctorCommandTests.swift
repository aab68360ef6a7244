import Foundation
import Testing
import JSONValue

@testable import PipedriveEngine

/// `pdtui doctor`, run as the built binary against the sandbox (`--demo`, and `--base-url` with a token).
@Suite struct DoctorCommandTests {
    /// A clean terminal and locale, no config, home and state in `folder`.
    func environment(_ folder: TemporaryFolder, _ extra: [String: String] = [:]) -> [String: String] {
        [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": folder.path,
            "XDG_CONFIG_HOME": folder.path + "/config", "XDG_STATE_HOME": folder.path + "/state",
            "TERM": "xterm-256color", "LANG": "C.UTF-8",
        ].merging(extra) { $1 }
    }

    /// The check's line (`ok    token       valid: …`), by its name.
    func line(_ run: BinaryRun, _ name: String) -> String {
        run.lines.first { $0.dropFirst(6).hasPrefix(name + " ") }.map(String.init) ?? "(no \(name) line in:\n\(run.output))"
    }

    @Test func theDemoAccountIsAllWell() throws {
        let folder = try TemporaryFolder()
        let run = try PDTUIBinary.run(["doctor", "--demo"], environment: environment(folder))
        #expect(run.status == 0, "\(run.output)\(run.errors)")
        #expect(run.lines.first?.hasPrefix("pdtui ") == true && run.lines.first?.contains("(commit ") == true)
        #expect(line(run, "terminal") == "ok    terminal    TERM=xterm-256color, 256 colours")
        #expect(line(run, "locale").hasPrefix("ok    locale      UTF-8 (LANG=C.UTF-8)"))
        #expect(line(run, "multiplexer").hasPrefix("ok    multiplexer none"))
        #expect(line(run, "config").hasPrefix("ok    config      no file at \(folder.path)/config/pdtui/config.json"))
        #expect(line(run, "profile").hasPrefix("ok    profile     the built-in sandbox (--demo) at http://127.0.0.1:"))
        // Seed 1's user 1 and company.
        #expect(line(run, "token").hasPrefix("ok    token       valid: Kaisa Tamm <") && line(run, "token").hasSuffix("> of Sandbox Demo Ltd (sandbox-demo)"))
        #expect(line(run, "rate limit").contains(" requests left in this 2-second window; "))
        #expect(line(run, "state") == "ok    state       \(folder.path)/state/pdtui: staged changes, journal, column layouts (made on first use)")
        #expect(!run.output.contains("FAIL") && !run.output.contains("3394f6f10f65643c008f2defc2028609797ea82b"))
    }

    @Test func aTokenIsCheckedWithUsersMeAndNeverShown() async throws {
        let sandbox = try SandboxFixture()
        let folder = try TemporaryFolder()
        let me = try await sandbox.session().client.send(APIRequest(.get, .v1, "/users/me")).json["data"]
        let name = try #require(me?["name"]?.stringValue), email = try #require(me?["email"]?.stringValue)
        let before = sandbox.server.requestLog.count
        let run = try PDTUIBinary.run(
            ["doctor", "--base-url", sandbox.server.baseURL],
            environment: environment(folder, ["PIPEDRIVE_API_TOKEN": sandbox.server.apiToken]))
        #expect(run.status == 0, "\(run.output)\(run.errors)")
        #expect(line(run, "profile") == "ok    profile     the environment (no profile) at \(sandbox.server.baseURL), API token")
        #expect(line(run, "token") == "ok    token       valid: \(name) <\(email)> of Sandbox Demo Ltd (sandbox-demo)")
        // The sandbox's relaxed limits, after the one call of cost 2.
        #expect(line(run, "rate limit").contains("tokens left today"))
        #expect(sandbox.server.requestLog.dropFirst(before).map { "\($0.method) \($0.path)" } == ["GET /api/v1/users/me"])
        #expect(!run.output.contains(sandbox.server.apiToken) && !run.errors.contains(sandbox.server.apiToken))

        let refused = try PDTUIBinary.run(
            ["doctor", "--base-url", sandbox.server.baseURL],
            environment: environment(folder, ["PIPEDRIVE_API_TOKEN": "0123456789abcdef0123456789abcdef01234567"]))
        #expect(refused.status == 1)
        #expect(line(refused, "token").hasPrefix("FAIL  token       "), "\(refused.output)")
        #expect(!refused.output.contains("0123456789abcdef0123456789abcdef01234567"))
        #expect(!refused.output.contains("rate limit"))
    }

    @Test func noAccountFailsAndPointsAtTheDemo() throws {
        let folder = try TemporaryFolder()
        let run = try PDTUIBinary.run(["doctor"], environment: environment(folder))
        #expect(run.status == 1)
        #expect(line(run, "profile").hasPrefix("FAIL  profile     No company to connect to."))
        #expect(line(run, "profile").hasSuffix("Or try `pdtui doctor --demo`."))
    }

    @Test func aConfigOthersCanReadFails() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/config/pdtui/config.json"
        try FileManager.default.createDirectory(atPath: folder.path + "/config/pdtui", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: path, contents: Data(#"{"profiles": {"p": {"base_url": "http://127.0.0.1:9"}}}"#.utf8),
                                       attributes: [.posixPermissions: 0o644])
        let run = try PDTUIBinary.run(["doctor", "--demo"], environment: environment(folder))
        #expect(run.status == 1)
        #expect(line(run, "config").hasPrefix("FAIL  config      \(path) holds credentials but other users can access it (mode 644)"))
        #expect(line(run, "config").hasSuffix("Run: chmod 600 '\(path)'"))

        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let fixed = try PDTUIBinary.run(["doctor", "--demo"], environment: environment(folder))
        #expect(fixed.status == 0, "\(fixed.output)")
        #expect(line(fixed, "config") == "ok    config      \(path), mode 0600, profiles: p")
    }

    /// An unknown TERM, a locale that is not UTF-8 and GNU screen are explained, and do not fail.
    @Test func anUnfamiliarTerminalIsExplained() throws {
        let folder = try TemporaryFolder()
        let run = try PDTUIBinary.run(
            ["doctor", "--demo"],
            environment: environment(folder, ["TERM": "no-such-terminal", "LANG": "C", "STY": "123.pts-0.host"]))
        #expect(run.status == 0, "\(run.output)")
        #expect(line(run, "terminal").hasPrefix("warn  terminal    no terminfo entry for TERM=no-such-terminal"))
        #expect(line(run, "locale").hasPrefix("warn  locale      ANSI_X3.4-1968 (LANG=C), not UTF-8: pdtui draws ASCII glyphs"))
        #expect(line(run, "multiplexer").hasPrefix("warn  multiplexer inside GNU screen"))

        let vt100 = try PDTUIBinary.run(["doctor", "--demo"], environment: environment(folder, ["TERM": "vt100", "NO_COLOR": "1"]))
        #expect(line(vt100, "terminal") == "ok    terminal    TERM=vt100, no colours: themes draw with attributes (bold, reverse) only; NO_COLOR is set: attributes only")
    }
}
