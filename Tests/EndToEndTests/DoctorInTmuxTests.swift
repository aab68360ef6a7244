import Foundation
import Testing

/// `pdtui doctor` inside a real tmux pane reads tmux's own `allow-passthrough`, which OSC 52 copying needs.
@Suite struct DoctorInTmuxTests {
    @Test func thePassthroughOptionIsReadFromTmux() throws {
        // tmux 3.3+ starts with allow-passthrough off; the second run sees it turned on.
        let tui = try Tmux(
            "doctor --demo; tmux set-option -g allow-passthrough on && \(Tmux.binary) doctor --demo | grep multiplexer",
            width: 200, height: 30)
        let screen = try tui.exitReport().screen
        #expect(screen.contains("warn  multiplexer inside tmux with allow-passthrough off: `y` (OSC 52 copy) will not reach"), "\(screen)")
        #expect(screen.contains("ok    multiplexer inside tmux, allow-passthrough on: `y` copies to your clipboard (OSC 52)"), "\(screen)")
    }
}
