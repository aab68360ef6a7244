extension Key {
    struct ParseError: Error { let reason: String }

    /// Reads a key as the config writes it: a character (`E`, `?`), `space`, `enter`, `esc`, `tab`,
    /// `shift-tab`, `up`/`down`/`left`/`right`, `shift-up`/`shift-down`, `pgup`/`pgdn`, `home`/`end`,
    /// `backspace`, `delete`, `f1`…`f24`, `ctrl-x`. Case matters for a single character only.
    init(parsing text: String) throws(ParseError) {
        if text.count == 1, let c = text.first {
            guard !c.isWhitespace, c.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else {
                throw ParseError(reason: "write a blank or control key by name (space, tab, ctrl-x)")
            }
            self = .char(c)
            return
        }
        let lower = text.lowercased()
        if let named = Self.names[lower] { self = named; return }
        for prefix in ["ctrl-", "ctrl+", "c-", "^"] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            guard rest.count == 1, let c = rest.first, c.isASCII, c.isLetter else {
                throw ParseError(reason: "Ctrl goes with a letter, e.g. ctrl-f")
            }
            self = .ctrl(c)
            return
        }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...24).contains(n) {
            self = .function(n)
            return
        }
        throw ParseError(reason: "use one character, or a name: space, enter, esc, tab, shift-tab, up, down, left, right, "
            + "shift-up, shift-down, pgup, pgdn, home, end, backspace, delete, f1-f24, ctrl-a…ctrl-z")
    }

    private static let names: [String: Key] = [
        "space": .char(" "), "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape,
        "tab": .tab, "shift-tab": .backTab, "backtab": .backTab, "up": .up, "down": .down, "left": .left,
        "right": .right, "shift-up": .shiftUp, "shift-down": .shiftDown, "pgup": .pageUp, "pageup": .pageUp,
        "pgdn": .pageDown, "pagedown": .pageDown, "home": .home, "end": .end, "backspace": .backspace,
        "delete": .delete, "del": .delete,
    ]

    /// How help and hints write the key.
    public var label: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .shiftUp: return "S-↑"
        case .shiftDown: return "S-↓"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .ctrl(let c): return "^" + c.uppercased()
        case .function(let n): return "F\(n)"
        }
    }
}
