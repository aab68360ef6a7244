import Foundation
import Testing

/// SIGTERM, SIGHUP and SIGINT sent to the real binary, debug and release: pdtui ends within a second with
/// 128 + the signal, prints no crash report, restores the terminal and keeps what was staged.
@Suite struct SignalTests {
    static let signals: [(name: String, number: Int32)] = [("TERM", SIGTERM), ("HUP", SIGHUP), ("INT", SIGINT)]

    /// The release binary is built by `.ci/run` before the tests (`swift build -c release --product pdtui`);
    /// without it only the debug build is tried, and the release cases say so.
    static let builds = ["debug", "release"]

    @Test(arguments: builds, signals.map(\.name))
    func aSignalEndsPdtuiCleanlyKeepingStagedChanges(build: String, signal: String) throws {
        let binary: String
        if build == "release" {
            guard let release = Tmux.releaseBinary else {
                Issue.record("no release build at .build/release/pdtui: run `swift build -c release --product pdtui` (as .ci/run does)")
                return
            }
            binary = release
        } else {
            binary = Tmux.binary
        }
        let number = try #require(Self.signals.first { $0.name == signal }).number
        let account = try Account()
        let tui = try account.start(binary: binary)
        let grid = try tui.openGrid("persons")
        let id = try #require(grid.lines.dropFirst(2).first.flatMap { Int($0.prefix { $0 != "│" }.filter(\.isNumber)) })
        try tui.send("d")
        try tui.wait(for: "deletion of 1 person staged")
        let pid = try tui.pdtuiPID()
        let sent = Date()
        kill(pid, number)
        while kill(pid, 0) == 0 && Date().timeIntervalSince(sent) < 5 { Thread.sleep(forTimeInterval: 0.01) }
        let took = Date().timeIntervalSince(sent)
        #expect(took < 1, "SIG\(signal) to the \(build) build: pdtui took \(took) s to end")
        let exit = try tui.exitReport()
        #expect(exit.status == 128 + Int(number), "SIG\(signal) to the \(build) build: exit \(String(describing: exit.status))\n\(exit.screen)")
        #expect(exit.sane, "terminal not restored after SIG\(signal):\n\(exit.screen)")
        for crash in ["crashed", "Backtrace", "Fatal error", "assert", "Illegal instruction"] {
            #expect(!exit.screen.contains(crash), "SIG\(signal) to the \(build) build printed \(crash):\n\(exit.screen)")
        }
        let staged = try account.staged()
        #expect(staged?.changes.first?.deletedIDs.map(\.description) == [String(id)], "the staged deletion was not kept")
        #expect(account.writes.isEmpty)
    }
}
