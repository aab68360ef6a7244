/// Named key bindings and the user's remapping of them (the config's `"keys"` object).
///
/// The state machine only knows the default keys. The runtime passes each pressed key through
/// `translate`, which turns a key the user bound into its binding's default key, and drops a default
/// key whose binding the user moved elsewhere. Text entry (filter, command line, prompts, forms) is
/// never translated.
public struct KeyMap: Sendable, Equatable {
    public struct Binding: Sendable, Equatable {
        public var name: String
        /// The keys that trigger it out of the box; the first is the one the state machine is sent.
        public var defaults: [Key]
    }

    /// Every key the TUI uses outside text entry, by the name the config gives it. Ctrl-C is not
    /// among them: it always quits.
    public static let bindings: [Binding] = [
        Binding(name: "down", defaults: [.char("j"), .down]),
        Binding(name: "up", defaults: [.char("k"), .up]),
        Binding(name: "left", defaults: [.char("h"), .left]),
        Binding(name: "right", defaults: [.char("l"), .right]),
        Binding(name: "page-down", defaults: [.pageDown, .ctrl("f")]),
        Binding(name: "page-up", defaults: [.pageUp, .ctrl("b")]),
        Binding(name: "half-page-down", defaults: [.ctrl("d")]),
        Binding(name: "half-page-up", defaults: [.ctrl("u")]),
        Binding(name: "top", defaults: [.char("g"), .home]),
        Binding(name: "bottom", defaults: [.char("G"), .end]),
        Binding(name: "first-column", defaults: [.char("0")]),
        Binding(name: "last-column", defaults: [.char("$")]),
        Binding(name: "open", defaults: [.enter]),
        Binding(name: "back", defaults: [.escape]),
        Binding(name: "quit", defaults: [.char("q")]),
        Binding(name: "help", defaults: [.char("?")]),
        Binding(name: "command", defaults: [.char(":")]),
        Binding(name: "filter", defaults: [.char("/")]),
        Binding(name: "sort", defaults: [.char("s")]),
        Binding(name: "reload", defaults: [.char("r")]),
        Binding(name: "copy", defaults: [.char("y")]),
        Binding(name: "next-field", defaults: [.tab]),
        Binding(name: "previous-field", defaults: [.backTab]),
        Binding(name: "edit", defaults: [.char("e")]),
        Binding(name: "new", defaults: [.char("n")]),
        Binding(name: "delete", defaults: [.char("d")]),
        Binding(name: "mark", defaults: [.char(" ")]),
        Binding(name: "commit", defaults: [.char("c")]),
        Binding(name: "undo", defaults: [.char("u")]),
        Binding(name: "upload", defaults: [.char("U")]),
        Binding(name: "download", defaults: [.char("D")]),
        Binding(name: "columns", defaults: [.char("C")]),
        Binding(name: "search", defaults: [.char("S")]),
        Binding(name: "hide-column", defaults: [.char("-")]),
        Binding(name: "move-column-left", defaults: [.char("<")]),
        Binding(name: "move-column-right", defaults: [.char(">")]),
        Binding(name: "move-up", defaults: [.char("K"), .shiftUp]),
        Binding(name: "move-down", defaults: [.char("J"), .shiftDown]),
    ]

    /// Pressed key → the default key to send, for every key that is bound (by default or by the user).
    private var table: [Key: Key] = [:]
    /// Binding name → the keys that now trigger it, for help and hints.
    private var keysByName: [String: [Key]] = [:]
    /// No binding moved: labels need no rewriting (checked once, not on every frame's hints).
    private var isDefault = true

    /// The default bindings.
    public init() {
        try! self.init(overrides: [])
    }

    /// The defaults with `overrides` (binding name → its new keys) applied. Throws on an unknown
    /// name, an unreadable key, or a key left on two bindings.
    public init(overrides: [(name: String, keys: [String])]) throws(KeyMapError) {
        var keys = Dictionary(uniqueKeysWithValues: Self.bindings.map { ($0.name, $0.defaults) })
        for (name, texts) in overrides {
            guard keys[name] != nil else { throw .unknownBinding(name) }
            guard !texts.isEmpty else { throw .badKey(binding: name, key: "", reason: "give at least one key") }
            var parsed: [Key] = []
            for text in texts {
                let key: Key
                do { key = try Key(parsing: text) } catch { throw .badKey(binding: name, key: text, reason: error.reason) }
                if key == .ctrl("c") { throw .badKey(binding: name, key: text, reason: "Ctrl-C always quits") }
                parsed.append(key)
            }
            keys[name] = parsed
        }
        for binding in Self.bindings {
            for key in keys[binding.name] ?? [] {
                if let other = table[key], let owner = Self.bindings.first(where: { $0.defaults[0] == other }) {
                    throw .conflict(key: key.label, first: owner.name, second: binding.name)
                }
                table[key] = binding.defaults[0]
            }
        }
        keysByName = keys
        isDefault = overrides.isEmpty || table == Self.defaultTable
    }

    /// What the state machine should see for a pressed key: its binding's default key, the key itself
    /// when no binding uses it, or nil when it is a default key whose binding now lives elsewhere.
    public func translate(_ key: Key) -> Key? {
        if let mapped = table[key] { return mapped }
        return Self.defaultKeys.contains(key) ? nil : key
    }

    private static let defaultKeys = Set(bindings.flatMap(\.defaults))

    /// The keys that now trigger a binding.
    public func keys(_ name: String) -> [Key] { keysByName[name] ?? [] }

    /// A key label as the help and hints write it (`j`, `^F`, `Enter`), rewritten for the user's
    /// bindings: `s` becomes `o` when sort moved to `o`. Labels of several keys (`j k ↓ ↑`, `h/l`)
    /// are rewritten key by key; a key with no binding left disappears from the label.
    public func relabel(_ text: String) -> String {
        guard !isDefault else { return text }
        var out = ""
        var token = ""
        func flush() {
            guard !token.isEmpty else { return }
            out += relabelKey(token)
            token = ""
        }
        for c in text {
            if c == " " || (c == "/" && !token.isEmpty) { flush(); out.append(c) } else { token.append(c) }
        }
        flush()
        return out.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    private static let defaultTable: [Key: Key] = {
        var table: [Key: Key] = [:]
        for binding in bindings { for key in binding.defaults { table[key] = binding.defaults[0] } }
        return table
    }()

    private func relabelKey(_ label: String) -> String {
        // Arrows written together (`↑↓`) are two keys.
        if label.count > 1, label.allSatisfy({ "↑↓←→".contains($0) }) {
            return label.map { relabelKey(String($0)) }.joined()
        }
        guard let key = Key(label: label), let binding = Self.bindings.first(where: { $0.defaults.contains(key) }),
              let index = binding.defaults.firstIndex(of: key) else { return label }
        let now = keys(binding.name)
        if now == binding.defaults { return label }
        return index < now.count ? now[index].label : ""
    }
}

public enum KeyMapError: Error, Equatable, CustomStringConvertible {
    case unknownBinding(String)
    case badKey(binding: String, key: String, reason: String)
    case conflict(key: String, first: String, second: String)

    public var description: String {
        switch self {
        case .unknownBinding(let name):
            let names = KeyMap.bindings.map(\.name).joined(separator: ", ")
            return "\"keys\": no binding named \"\(name)\" (the bindings are: \(names))"
        case .badKey(let binding, let key, let reason):
            return "\"keys\": \"\(binding)\": \"\(key)\" is not a key pdtui can bind: \(reason)"
        case .conflict(let key, let first, let second):
            return "\"keys\": \(key) would trigger both \"\(first)\" and \"\(second)\"; give one of them another key"
        }
    }
}

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

    /// The key a help or hint label names (the inverse of `label`).
    init?(label: String) {
        if label.count == 1, let c = label.first { self = .char(c); return }
        if label.count == 2, label.hasPrefix("^"), let c = label.last, c.isLetter { self = .ctrl(Character(c.lowercased())); return }
        if label.hasPrefix("F"), let n = Int(label.dropFirst()) { self = .function(n); return }
        guard let key = Self.byLabel[label] else { return nil }
        self = key
    }

    private static let byLabel: [String: Key] = {
        let keys: [Key] = [.char(" "), .up, .down, .left, .right, .shiftUp, .shiftDown, .pageUp, .pageDown, .home, .end,
                           .enter, .escape, .backspace, .delete, .tab, .backTab]
        return Dictionary(uniqueKeysWithValues: keys.map { ($0.label, $0) })
    }()
}

extension AppState {
    /// What a pressed key means under the user's bindings (nil: nothing); text entry takes keys as they are.
    public func translated(_ key: Key) -> Key? {
        isTextEntry ? key : keyMap.translate(key)
    }

    /// Whether keys now go into text (the filter, the command line, a prompt, a form, a path, a typed count),
    /// where they are never remapped.
    public var isTextEntry: Bool {
        if command != nil || dialog?.input != nil || transfer?.stage == .choosingPath { return true }
        switch stack.last {
        case .grid(let g)?: return g.filtering
        case .prompt?, .form?: return true
        default: return false
        }
    }
}
