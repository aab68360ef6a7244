import CNcursesw
import Foundation
import Synchronization
import TUICore

/// The terminal through ncursesw: draws buffers by diffing them, reads keys with `wget_wch`, and
/// restores the terminal on every exit path (quit, error, SIGINT/SIGTERM/SIGHUP, a crash).
@MainActor
public final class CursesTerminal: TerminalScreen {
    public let depth: ColorDepth
    /// The locale is not UTF-8: draw ASCII only.
    public let ascii: Bool
    private let screen: OpaquePointer
    private var previous: Buffer?
    private var pairs: [PairKey: Int32] = [:]
    private var open = true

    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Starts curses on the controlling terminal.
    /// - Parameter noColor: NO_COLOR is set (attributes only).
    /// - Parameter mouse: report clicks and the wheel (`--no-mouse` and the config's `"mouse": false` turn it off).
    public init(noColor: Bool, mouse: Bool = true) throws {
        setlocale(LC_ALL, "")
        ascii = pd_locale_is_utf8() == 0
        // A bare Esc should act at once; keep a user's own ESCDELAY.
        setenv("ESCDELAY", "25", 0)
        pd_save_termios()
        // newterm returns nil for an unknown TERM where initscr would exit; try common fallbacks.
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        var opened: OpaquePointer?
        for candidate in [term, "xterm-256color", "xterm", "vt100"] where !candidate.isEmpty {
            opened = pd_newterm(candidate)
            if opened != nil { break }
        }
        guard let opened else {
            throw StartError(description: "cannot open the terminal (TERM=\(term.isEmpty ? "unset" : term)): install its terminfo entry or set TERM=xterm-256color")
        }
        screen = opened
        set_term(opened)
        pd_install_crash_handlers()
        raw()
        noecho()
        nonl()
        keypad(pd_stdscr(), true)
        curs_set(0)
        if has_colors() && !noColor {
            start_color()
            use_default_colors()
            depth = ColorDepth(colors: Int(pd_colors()))
        } else {
            depth = .none
        }
        if mouse { _ = pd_enable_mouse(1) }
        installSignalHandlers()
    }

    /// Restores the terminal; safe to call more than once.
    public func close() {
        guard open else { return }
        open = false
        curs_set(1)
        endwin()
        delscreen(screen)
    }

    /// SIGINT, SIGTERM, SIGHUP and SIGQUIT end the loop cleanly (the loop then calls `close`). The handler only
    /// stores the signal's number in an atomic: no Dispatch queue and no actor, so no executor check can fire
    /// from it, and curses is never touched from the signal itself. Without `SA_RESTART` the key read returns
    /// at once, so the loop sees the signal within one read.
    private func installSignalHandlers() { SignalFlag.install() }

    public var interrupted: Bool { signal != 0 }

    /// The signal that asked pdtui to end, 0 for none: exit with 128 + it.
    public var signal: Int32 { SignalFlag.signalled.load(ordering: .relaxed) }

    public func suspend() {
        def_prog_mode()
        endwin()
        SignalFlag.suspended.store(true, ordering: .relaxed)
    }

    public func resume() {
        SignalFlag.suspended.store(false, ordering: .relaxed)
        reset_prog_mode()
        curs_set(0)
        previous = nil
        clearok(pd_stdscr(), true)
        wrefresh(pd_stdscr())
    }

    public var size: Size {
        var rows: Int32 = 0, cols: Int32 = 0
        pd_getmaxyx(pd_stdscr(), &rows, &cols)
        return Size(width: Int(cols), height: Int(rows))
    }

    public func read(timeoutMilliseconds: Int) -> TerminalInput? {
        wtimeout(pd_stdscr(), Int32(timeoutMilliseconds))
        var ch: wint_t = 0
        let status = wget_wch(pd_stdscr(), &ch)
        if status == KEY_CODE_YES {
            if Int32(ch) == KEY_RESIZE {
                previous = nil
                return .resize(size)
            }
            if Int32(ch) == KEY_MOUSE { return mouse() }
            return Self.functionKey(Int32(ch)).map(TerminalInput.key)
        }
        guard status == OK else { return nil }
        return Self.characterKey(ch).map(TerminalInput.key)
    }

    /// The last press, to tell a double-click (a second press on the same cell soon after) from two clicks.
    private var lastPress: (x: Int, y: Int, at: ContinuousClock.Instant)?

    private func mouse() -> TerminalInput? {
        var cx: Int32 = 0, cy: Int32 = 0
        let button = pd_read_mouse(&cx, &cy)
        let (x, y) = (Int(cx), Int(cy))
        switch button {
        case 1:
            let now = ContinuousClock.now
            if let last = lastPress, last.x == x, last.y == y, now - last.at < Self.doubleClick {
                lastPress = nil
                return .mouse(MouseEvent(.doubleClick, x: x, y: y))
            }
            lastPress = (x, y, now)
            return .mouse(MouseEvent(.click, x: x, y: y))
        case 4: return .mouse(MouseEvent(.wheelUp, x: x, y: y))
        case 5: return .mouse(MouseEvent(.wheelDown, x: x, y: y))
        default: return nil
        }
    }

    static let doubleClick = Duration.milliseconds(400)

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_SR: return .shiftUp
        case KEY_SF: return .shiftDown
        case KEY_NPAGE: return .pageDown
        case KEY_PPAGE: return .pageUp
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_F0 + 1...KEY_F0 + 24: return .function(Int(code - KEY_F0))
        default: return nil
        }
    }

    static func characterKey(_ ch: wint_t) -> Key? {
        switch ch {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(UnicodeScalar(ch + 96)!))
        default:
            guard let scalar = UnicodeScalar(ch) else { return nil }
            return .char(Character(scalar))
        }
    }

    public func draw(_ buffer: Buffer) {
        let win = pd_stdscr()
        if previous?.width != buffer.width || previous?.height != buffer.height {
            previous = nil
            wclear(win)
        }
        let old = previous
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                if cell.isContinuation { continue }
                if let old, old[x, y] == cell { continue }
                // The bottom-right cell would scroll some terminals; ncurses handles it with insert mode.
                // A cell holds at most CCHARW_MAX (5) code points, or setcchar refuses it (Buffer keeps to that).
                var scalars = cell.text.unicodeScalars.prefix(5).map { wchar_t(bitPattern: $0.value) }
                scalars.append(0)
                _ = pd_put_cell(win, Int32(y), Int32(x), scalars, attributes(cell.style), pair(cell.style))
            }
        }
        wnoutrefresh(win)
        doupdate()
        if hyperlinks, !buffer.links.isEmpty { writeLinks(buffer) }
        previous = buffer
    }

    /// Whether the terminal takes OSC 8 hyperlinks (`PDTUI_HYPERLINKS=0` turns them off): not the Linux
    /// console, nor GNU screen outside tmux, which show the sequence's text.
    let hyperlinks: Bool = {
        let environment = ProcessInfo.processInfo.environment
        let term = environment["TERM"] ?? ""
        if environment["PDTUI_HYPERLINKS"] == "0" || ["linux", "dumb", ""].contains(term) || term.hasPrefix("vt") { return false }
        return !term.hasPrefix("screen") || environment["TMUX"] != nil
    }()

    /// Writes each link's cells again inside OSC 8, after curses drew them: the cursor and attributes are
    /// saved and restored around it (DECSC/DECRC), so curses' idea of the screen stays right. The URL is
    /// printable ASCII (`Buffer.link`) and the text comes from the buffer's sanitised cells.
    private func writeLinks(_ buffer: Buffer) {
        var out = "\u{1B}7"
        for link in buffer.links {
            let text = (link.x..<link.x + link.width).map { buffer[$0, link.y] }.filter { !$0.isContinuation }.map(\.text).joined()
            out += "\u{1B}[\(link.y + 1);\(link.x + 1)H\u{1B}[0;4m\u{1B}]8;;\(link.url)\u{1B}\\\(text)\u{1B}]8;;\u{1B}\\"
        }
        out += "\u{1B}8"
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    private func attributes(_ style: Style) -> attr_t {
        var a: attr_t = 0
        if style.attributes.contains(.bold) { a |= pd_a_bold() }
        if style.attributes.contains(.dim) || style.attributes.contains(.strikethrough) { a |= pd_a_dim() }
        if style.attributes.contains(.italic) { a |= pd_a_italic() }
        if style.attributes.contains(.underline) { a |= pd_a_underline() }
        if style.attributes.contains(.reverse) { a |= pd_a_reverse() }
        return a
    }

    private struct PairKey: Hashable {
        var fg: Int32
        var bg: Int32
    }

    /// A colour pair per (fg, bg), allocated on first use; pair 0 when colours are off or run out.
    private func pair(_ style: Style) -> Int32 {
        guard depth != .none else { return 0 }
        let key = PairKey(fg: Self.number(style.fg), bg: Self.number(style.bg))
        if key.fg == -1 && key.bg == -1 { return 0 }
        if let known = pairs[key] { return known }
        let next = Int32(pairs.count + 1)
        guard next < pd_color_pairs(), init_extended_pair(next, key.fg, key.bg) == OK else { return 0 }
        pairs[key] = next
        return next
    }

    private static func number(_ color: Color) -> Int32 {
        switch color {
        case .terminalDefault: return -1
        case .indexed(let i): return Int32(i)
        case .rgb: return -1  // themes resolve hex colours to indexes before drawing
        }
    }

    /// OSC 52 by the way tmux or the terminal takes it (`ClipboardRoute`); inside tmux with `set-clipboard on`
    /// the copy is confirmed by reading tmux's newest buffer back. A sentence when it cannot be confirmed.
    public func copy(_ text: String) -> String? {
        let route = clipboardRoute
        FileHandle.standardOutput.write(Data(route.sequence(text).utf8))
        guard route.confirmable else { return route.caveat }
        for _ in 0..<20 {
            if TmuxQuery.run(["show-buffer"]) == text { return nil }
            Thread.sleep(forTimeInterval: 0.025)
        }
        return "tmux did not confirm the copy"
    }

    private lazy var clipboardRoute: ClipboardRoute = {
        let environment = ProcessInfo.processInfo.environment
        let inTmux = !(environment["TMUX"] ?? "").isEmpty
        return ClipboardRoute.choose(
            inTmux: inTmux, inScreen: !(environment["STY"] ?? "").isEmpty,
            setClipboard: inTmux ? TmuxQuery.run(["show-options", "-sv", "set-clipboard"]) : nil,
            allowPassthrough: inTmux ? TmuxQuery.run(["show-options", "-gv", "allow-passthrough"]) : nil)
    }()
}

/// What the signal handler writes: plain atomics, safe from a signal handler and from any thread.
enum SignalFlag {
    static let signalled = Atomic<Int32>(0)
    /// The terminal is handed to `$EDITOR`: a Ctrl-C there is the editor's, not a request to quit.
    static let suspended = Atomic<Bool>(false)

    /// Installed from outside any actor: a C function pointer must not carry an isolation check.
    nonisolated static func install() {
        _ = signalled.load(ordering: .relaxed)  // both initialised before a handler can run
        _ = suspended.load(ordering: .relaxed)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { sig in
            if sig == SIGINT, SignalFlag.suspended.load(ordering: .relaxed) { return }
            SignalFlag.signalled.store(sig, ordering: .relaxed)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] { sigaction(sig, &action, nil) }
    }
}
