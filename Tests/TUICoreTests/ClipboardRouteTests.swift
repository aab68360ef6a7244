import Testing

@testable import TUICore

/// Which OSC 52 `y` sends, and what it says: plain OSC 52 unless tmux takes only its passthrough.
@Suite struct ClipboardRouteTests {
    @Test func insideTmuxWithSetClipboardOnItIsPlainAndConfirmed() {
        let route = ClipboardRoute.choose(inTmux: true, inScreen: false, setClipboard: "on", allowPassthrough: "on")
        #expect(route.wrapping == .plain && route.confirmable && route.caveat == nil)
        #expect(route.sequence("Acme") == "\u{1B}]52;c;QWNtZQ==\u{07}")
    }

    @Test func passthroughOnlyWhereNeededAndEnabled() {
        let through = ClipboardRoute.choose(inTmux: true, inScreen: false, setClipboard: "external", allowPassthrough: "on")
        #expect(through.wrapping == .tmuxPassthrough && !through.confirmable)
        #expect(through.sequence("Acme") == "\u{1B}Ptmux;\u{1B}\u{1B}]52;c;QWNtZQ==\u{07}\u{1B}\\")
        let blocked = ClipboardRoute.choose(inTmux: true, inScreen: false, setClipboard: "external", allowPassthrough: "off")
        #expect(blocked.wrapping == .plain && blocked.caveat?.contains("set-clipboard on") == true)
    }

    @Test func outsideTmuxTheCopyIsSentButNotConfirmed() {
        let plain = ClipboardRoute.choose(inTmux: false, inScreen: false, setClipboard: nil, allowPassthrough: nil)
        #expect(plain.wrapping == .plain && !plain.confirmable && plain.caveat?.contains("not confirmed") == true)
        #expect(ClipboardRoute.choose(inTmux: false, inScreen: true, setClipboard: nil, allowPassthrough: nil).caveat?.contains("screen") == true)
    }
}
