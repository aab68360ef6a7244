import Foundation
import Testing

/// `y` inside tmux: a plain OSC 52, which tmux (with `set-clipboard on`) keeps as a buffer and passes to the
/// outer terminal. tmux 3.3 blocks its passthrough by default, so a wrapped copy never arrived.
@Suite(.serialized) struct ClipboardTests {
    func openDeals(_ tui: Tmux) throws -> String {
        try tui.wait(for: "26 resources")
        try tui.command("deals")
        return try tui.wait(for: "deals grid") { $0.gridPosition != nil && $0.contains("Title") }
    }

    @Test func yCopiesIntoTmuxAndConfirmsIt() throws {
        let tui = try Tmux("--demo", width: 120)
        try tui.tmux(["set-option", "-s", "set-clipboard", "on"])
        let grid = try openDeals(tui)
        try tui.send("y")  // the grid opens on the deal's title, plain text (a reference may still show its id)
        let said = try tui.wait(for: "copied") { $0.contains("copied") }
        let buffer = try tui.tmux(["show-buffer"])
        #expect(buffer.count > 3 && grid.contains(String(buffer.prefix(8))), "buffer: \(buffer)")
        #expect(!said.contains("confirm") && !said.contains("drop"), "\(said.bottomLine)")
    }

    @Test func withoutSetClipboardItSaysTheCopyMayNotArrive() throws {
        let tui = try Tmux("--demo", width: 120)
        try tui.tmux(["set-option", "-s", "set-clipboard", "off"])
        _ = try openDeals(tui)
        try tui.send("y")
        let said = try tui.wait(for: "copied, with a caveat") { $0.contains("copied") && $0.contains("set-clipboard") }
        #expect(said.contains("tmux drops it"))
        #expect((try? tui.tmux(["show-buffer"])) ?? "" == "")
    }
}
