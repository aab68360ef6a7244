import Foundation
import PipedriveEngine

/// Opens a record's page in Pipedrive's web app: with `$BROWSER` (else `xdg-open`) on a local session with
/// a display, waiting a bounded time for it to say whether it started; over ssh or without a display it
/// only gives the address back, for the screen to show and copy.
struct LinkOpener: Sendable {
    var environment = ProcessInfo.processInfo.environment
    /// How long the opener may take before it is taken as started (browsers may stay running).
    var wait: Duration = .seconds(5)

    /// A local session with a display; over ssh a browser would open on the far machine, if at all.
    var canOpen: Bool {
        let set = { (name: String) in !(environment[name] ?? "").isEmpty }
        return !set("SSH_CONNECTION") && !set("SSH_TTY") && (set("DISPLAY") || set("WAYLAND_DISPLAY"))
    }

    func open(_ resource: String, _ id: RecordID, _ session: Session) async throws -> Output {
        guard let url = session.webLink(try session.resource(named: resource), id: id)?.absoluteString else {
            throw UserError(.other, "\(resource) have no page of their own in Pipedrive's web app")
        }
        guard canOpen else { return .link(url, opened: false) }
        // $BROWSER may list several (`firefox:chromium`); the first is used, `%s` standing for the address.
        let browser = (environment["BROWSER"] ?? "").split(separator: ":").first.map(String.init) ?? ""
        let command = browser.isEmpty ? ["xdg-open", url]
            : browser.contains("%s") ? browser.replacingOccurrences(of: "%s", with: url).split(separator: " ").map(String.init)
            : browser.split(separator: " ").map(String.init) + [url]
        try await run(command)
        return .link(url, opened: true)
    }

    /// Starts the command with no terminal (its output would land on the screen) and waits for it at most `wait`.
    private func run(_ command: [String]) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { throw UserError(.other, "cannot start \(command[0]): \(error.localizedDescription)") }
        let deadline = ContinuousClock.now + wait
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        if !process.isRunning, process.terminationStatus != 0 {
            throw UserError(.other, "\(command[0]) could not open the address (exit status \(process.terminationStatus))")
        }
    }
}
