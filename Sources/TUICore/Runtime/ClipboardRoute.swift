import Foundation

/// How `y` reaches the clipboard: OSC 52. Inside tmux a plain OSC 52 is taken by tmux itself when its
/// `set-clipboard` is `on` (it keeps a buffer, which can be read back to confirm the copy, and passes the
/// copy on to the outer terminal); tmux's passthrough (`allow-passthrough`, off by default since tmux 3.3)
/// is used only when `set-clipboard` is not `on` and passthrough is enabled. A terminal never confirms an
/// OSC 52, so everywhere else the status line says the copy was sent, not that it arrived.
public struct ClipboardRoute: Sendable, Equatable {
    public enum Wrapping: Sendable, Equatable { case plain, tmuxPassthrough }

    public var wrapping: Wrapping
    /// tmux's buffer can be read back to confirm the copy.
    public var confirmable: Bool
    /// Said after copying when the copy cannot be confirmed.
    public var caveat: String?

    /// `setClipboard` and `allowPassthrough` are tmux's options (nil when unknown or outside tmux).
    public static func choose(inTmux: Bool, inScreen: Bool, setClipboard: String?, allowPassthrough: String?) -> ClipboardRoute {
        if inTmux {
            if setClipboard == "on" { return ClipboardRoute(wrapping: .plain, confirmable: true, caveat: nil) }
            if ["on", "all"].contains(allowPassthrough) {
                return ClipboardRoute(wrapping: .tmuxPassthrough, confirmable: false,
                                      caveat: "sent through tmux's passthrough, not confirmed")
            }
            return ClipboardRoute(wrapping: .plain, confirmable: false,
                                  caveat: "tmux drops it unless `tmux set -s set-clipboard on`")
        }
        if inScreen {
            return ClipboardRoute(wrapping: .plain, confirmable: false, caveat: "GNU screen may not pass OSC 52 copies on")
        }
        return ClipboardRoute(wrapping: .plain, confirmable: false, caveat: "sent as OSC 52, not confirmed")
    }

    /// The escape sequence that copies `text`.
    public func sequence(_ text: String) -> String {
        let osc52 = "\u{1B}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}"
        switch wrapping {
        case .plain: return osc52
        case .tmuxPassthrough: return "\u{1B}Ptmux;\u{1B}\(osc52)\u{1B}\\"
        }
    }
}
