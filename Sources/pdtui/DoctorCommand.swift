import ArgumentParser
import CursesBackend
import Foundation
import JSONValue
import PipedriveEngine
import PipedriveSandbox
import PipedriveSandboxServer

/// `pdtui doctor`: what pdtui needs on this machine, checked and explained for someone on an unfamiliar
/// server. Never prints a token.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the terminal, the locale, the config, the account and its token.",
        discussion: """
            Prints one line per check (ok, warn or FAIL) with what it found and what to do about it. The token \
            is checked with GET /v1/users/me, which names its user and company. Exits 0 when nothing failed.
            """)

    @Flag(help: "Check the built-in sandbox's account instead of a configured one.")
    var demo = false

    @OptionGroup var account: AccountOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        print(Version.text)
        var checks = localChecks(environment)
        checks.insert(contentsOf: await accountChecks(), at: 4)
        for check in checks { print(check.line) }
        if checks.contains(where: { $0.status == .fail }) { throw ExitCode(1) }
    }

    /// Terminal, locale, multiplexer, config, state folder and cache: nothing leaves the machine.
    private func localChecks(_ environment: [String: String]) -> [DoctorCheck] {
        let term = environment["TERM"]
        let locale = TerminalProbe.locale()
        let configPath = ConfigFile.defaultPath(environment: environment)
        var info = stat()
        let configMode = stat(configPath, &info) == 0 ? Int(info.st_mode & 0o777) : nil
        let loaded = Result { () throws(PipedriveError) in try ConfigFile.load(configPath) }
        let state = StatePaths.directory(environment: environment)
        var existing = state
        while !FileManager.default.fileExists(atPath: existing), existing != "/" {
            existing = (existing as NSString).deletingLastPathComponent
        }
        return [
            DoctorChecks.terminal(
                term: term, colors: term.flatMap { $0.isEmpty ? nil : TerminalProbe.colors(term: $0) },
                noColor: !(environment["NO_COLOR"] ?? "").isEmpty),
            DoctorChecks.locale(codeset: locale.codeset, installed: locale.installed, environment: environment),
            DoctorChecks.multiplexer(environment: environment, passthrough: environment["TMUX"] == nil ? nil : Self.tmuxPassthrough()),
            DoctorChecks.config(path: configPath, mode: configMode, loaded: loaded),
            DoctorChecks.state(path: state, exists: existing == state, writable: access(existing, W_OK) == 0),
            DoctorCheck(.ok, "cache", "none: pdtui keeps no cache on disk (records stay in memory)"),
        ]
    }

    /// Profile, token and rate limit: one `GET /v1/users/me` to the account (the sandbox's with `--demo`).
    private func accountChecks() async -> [DoctorCheck] {
        let settings: ConnectionSettings
        var server: SandboxServer?
        defer { server?.stop() }
        if demo {
            do {
                let account = try DemoAccount.start()
                server = account.server
                settings = account.settings
            } catch {
                return [DoctorCheck(.fail, "profile", "the built-in sandbox did not start: \(error)")]
            }
        } else {
            do { settings = try account.settings() } catch {
                return [DoctorCheck(.fail, "profile", error.message + " Or try `pdtui doctor --demo`.")]
            }
        }
        // One attempt: the doctor reports what the account answers now rather than waiting it out.
        let session = Session(settings: settings, retry: RetryPolicy(maxAttempts: 1))
        var checks = [DoctorChecks.profile(settings, demo: demo)]
        do {
            let me = try await session.client.send(APIRequest(.get, .v1, "/users/me")).json["data"]
            let keys = ["name", "email", "company_name", "company_domain"]
            checks.append(DoctorChecks.token(user: Dictionary(uniqueKeysWithValues: keys.compactMap { key in
                me?[key]?.stringValue.map { (key, $0) }
            })))
            checks.append(DoctorChecks.rateLimit(session.rateLimit))
        } catch let error as PipedriveError {
            checks.append(DoctorCheck(.fail, "token", error.message))
        } catch {
            checks.append(DoctorCheck(.fail, "token", "\(error)"))
        }
        return checks
    }

    /// tmux's `allow-passthrough` (tmux 3.3+), read with `tmux show-options`; nil when it cannot be read
    /// within 2 seconds.
    private static func tmuxPassthrough() -> String? {
        let process = Process()
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux", "show-options", "-gv", "allow-passthrough"]
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { process.terminate(); return nil }
        guard process.terminationStatus == 0 else { return nil }
        let output = pipe.fileHandleForReading.readDataToEndOfFile().prefix(64)
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
