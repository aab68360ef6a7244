import Foundation
import Testing

/// A tmux server of its own (a private socket) running one pane: the real `pdtui` binary in a real
/// terminal, driven with send-keys and read with capture-pane.
public final class Tmux {
    public let socket = "pdtui-e2e-\(UUID().uuidString.prefix(8))"

    /// The release build, when `.ci/run` (or `swift build -c release`) made one.
    public static var releaseBinary: String? { PDTUIBinary.releasePath }

    /// The built `pdtui` (see `PDTUIBinary.path`).
    public static var binary: String { PDTUIBinary.path }

    /// Starts `pdtui <arguments>` in a `width`x`height` pane. When pdtui exits the pane prints its
    /// exit status and the terminal's settings (`stty -a`), then stays open to be read.
    public init(_ arguments: String, width: Int = 80, height: Int = 24, environment: [String: String] = [:], binary: String = Tmux.binary) throws {
        // State (staged changes, journal, column layouts), the schema cache and config go to directories of this pane's own,
        // unless the test gives them: the runner's own config (a remapped key, a theme) must not leak in.
        let state = FileManager.default.temporaryDirectory.appendingPathComponent(socket).path
        let defaults = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "SWIFT_BACKTRACE": "enable=no",
                        "XDG_STATE_HOME": state, "XDG_CONFIG_HOME": state + "/config", "XDG_CACHE_HOME": state + "/cache"]
        let env = (defaults.merging(environment) { $1 })
            .map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        let script = "env \(env) \(binary) \(arguments); echo EXIT=$?; stty -a; sleep 120"
        try tmux(["new-session", "-d", "-x", String(width), "-y", String(height), "sh", "-c", script])
        serverPID = Int32(try tmux(["display-message", "-p", "#{pid}"]).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private var serverPID: Int32?

    /// Ends what this test started, by pid: pdtui (if still running), then the tmux server.
    deinit {
        if let pid = try? pdtuiPID() { kill(pid, SIGTERM) }
        _ = try? tmux(["kill-server"])
        if let serverPID { kill(serverPID, SIGKILL) }
        try? FileManager.default.removeItem(at: FileManager.default.temporaryDirectory.appendingPathComponent(socket))
    }

    @discardableResult
    public func tmux(_ arguments: [String]) throws -> String {
        try Self.run(["tmux", "-L", socket] + arguments)
    }

    public func send(_ keys: String...) throws { try tmux(["send-keys", "-t", "0"] + keys) }

    /// Types text literally (no key-name lookup).
    public func type(_ text: String) throws { try tmux(["send-keys", "-t", "0", "-l", text]) }

    public func screen(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-t", "0"] + (escapes ? ["-e"] : []))
    }

    /// The screen once `condition` holds, or the last screen after `timeout` (recorded as an issue).
    /// Tests wait for the state they need, never for a time: the timeout only bounds a failure.
    @discardableResult
    public func wait(for what: String, timeout: Double = 60, sourceLocation: SourceLocation = #_sourceLocation,
              _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last), let settled = try settled(last), condition(settled) { return settled }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("timed out waiting for \(what); screen:\n\(last)", sourceLocation: sourceLocation)
        return last
    }

    /// The screen once pdtui has drawn everything the keys sent so far asked for (it stopped changing).
    @discardableResult
    public func settle() throws -> String {
        let first = try screen()
        return try settled(first) ?? first
    }

    /// `:TEXT` Enter, each key once the screen shows the previous one took: the command line open, then
    /// the text in it. (A `:` sent right behind an Esc could be read as part of an escape sequence.)
    public func command(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try send(":")
        try wait(for: "the command line", sourceLocation: sourceLocation) { $0.bottomLine.hasPrefix(":") }
        try type(text)
        try wait(for: "\":\(text)\" in the command line", sourceLocation: sourceLocation) { $0.bottomLine.hasPrefix(":" + text) }
        try send("Enter")
    }

    /// The screen once a frame has finished arriving (two captures alike, 50 ms apart): a frame is
    /// written in pieces, and a capture between them shows half of it. Nil if it keeps changing.
    private func settled(_ first: String) throws -> String? {
        var previous = first
        for _ in 0..<20 {
            Thread.sleep(forTimeInterval: 0.05)
            let next = try screen()
            if next == previous { return next }
            previous = next
        }
        return nil
    }

    @discardableResult
    public func wait(for text: String, timeout: Double = 60, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try wait(for: "\"\(text)\"", timeout: timeout, sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// The pid of pdtui: the child of the pane's shell.
    public func pdtuiPID() throws -> Int32 {
        let shell = try tmux(["display-message", "-p", "-t", "0", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
        guard let pid = children.split(separator: " ").first.flatMap({ Int32($0) }) else {
            throw TmuxError(message: "no pdtui process under the pane's shell \(shell)")
        }
        return pid
    }

    /// After pdtui exited: its status and whether the terminal is back in cooked mode with echo.
    public func exitReport(sourceLocation: SourceLocation = #_sourceLocation) throws -> (status: Int?, sane: Bool, screen: String) {
        let screen = try wait(for: "EXIT= and stty -a", sourceLocation: sourceLocation) { $0.contains("EXIT=") && $0.contains("icanon") }
        let status = screen.components(separatedBy: "EXIT=").last?.prefix { $0.isNumber }
        let words = screen.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init)
        let sane = words.contains("icanon") && words.contains("echo") && !words.contains("-icanon") && !words.contains("-echo")
        return (status.flatMap { Int($0) }, sane, screen)
    }

    public struct TmuxError: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }

        public init(message: String) { self.message = message }
    }

    /// Runs a command and returns its output. posix_spawn and waitpid, with output to a file: a
    /// tmux server the command starts keeps a pipe open forever, and Foundation's Process did not
    /// reap the tmux client here.
    @discardableResult
    public static func run(_ arguments: [String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pdtui-tmux-\(UUID().uuidString)").path
        defer { unlink(path) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
        guard spawned == 0 else { throw TmuxError(message: "cannot run \(arguments[0]): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw TmuxError(message: "\(arguments.joined(separator: " ")) failed (status \(status))")
        }
        return output
    }
}

extension String {
    /// The `row N of M` position in the status line.
    public var gridPosition: (row: Int, of: Int)? {
        guard let range = range(of: #"row (\d+) of (\d+)"#, options: .regularExpression) else { return nil }
        let numbers = self[range].split(separator: " ").compactMap { Int($0) }
        return numbers.count == 2 ? (numbers[0], numbers[1]) : nil
    }

    public var lines: [String] { components(separatedBy: "\n") }

    /// The last line with text: the key hints, the command line or the filter being typed.
    public var bottomLine: String { lines.last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? "" }
}
