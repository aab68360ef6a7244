import Testing
@testable import TUICore

/// Remapped keys: the config's names and keys, their translation to the state machine's keys, help and hints.
@Suite struct KeyMapTests {
    @Test func defaultsPassEveryKeyThroughUnchanged() {
        let map = KeyMap()
        for binding in KeyMap.bindings {
            for key in binding.defaults { #expect(map.translate(key) == binding.defaults[0], "\(binding.name)") }
        }
        #expect(map.translate(.char("x")) == .char("x"))
        #expect(map.translate(.ctrl("c")) == .ctrl("c"))
    }

    @Test func everyDefaultKeyBelongsToOneBinding() {
        let keys = KeyMap.bindings.flatMap(\.defaults)
        #expect(Set(keys).count == keys.count)
        #expect(Set(KeyMap.bindings.map(\.name)).count == KeyMap.bindings.count)
    }

    @Test func aRemappedKeySendsItsBindingsDefaultAndTheOldKeyNoLongerDoes() throws {
        let map = try KeyMap(overrides: [("edit", ["E"]), ("filter", ["ctrl-f"]), ("page-down", ["pgdn"]), ("quit", ["Q"])])
        #expect(map.translate(.char("E")) == .char("e"))
        #expect(map.translate(.char("e")) == nil)
        #expect(map.translate(.ctrl("f")) == .char("/"))
        #expect(map.translate(.char("/")) == nil)
        #expect(map.translate(.pageDown) == .pageDown)
        #expect(map.translate(.char("Q")) == .char("q"))
        #expect(map.translate(.char("q")) == nil)
        #expect(map.keys("edit") == [.char("E")])
        // Several keys for one binding; arrows by name.
        let arrows = try KeyMap(overrides: [("down", ["n", "down"]), ("new", ["N"])])
        #expect(arrows.translate(.char("n")) == .char("j"))
        #expect(arrows.translate(.down) == .char("j"))
        #expect(arrows.translate(.char("j")) == nil)
        #expect(arrows.translate(.char("N")) == .char("n"))
    }

    @Test func badBindingsAreRefusedWithTheEntryNamed() {
        #expect(throws: KeyMapError.unknownBinding("edti")) { try KeyMap(overrides: [("edti", ["E"])]) }
        #expect(throws: KeyMapError.conflict(key: "S", first: "sort", second: "search")) {
            try KeyMap(overrides: [("sort", ["S"])])
        }
        // Both moved apart is fine; both on one new key is not.
        #expect(throws: Never.self) { try KeyMap(overrides: [("sort", ["S"]), ("search", ["F"])]) }
        #expect(throws: KeyMapError.conflict(key: "x", first: "reload", second: "edit")) {
            try KeyMap(overrides: [("edit", ["x"]), ("reload", ["x"])])
        }
        for bad in ["ctrl-", "ctrl-1", "hyper-x", "", "ctrl-c", "\u{7}"] {
            #expect(throws: KeyMapError.self, "\(bad)") { try KeyMap(overrides: [("edit", [bad])]) }
        }
        let text = "\(KeyMapError.badKey(binding: "edit", key: "ctrl-", reason: "Ctrl goes with a letter, e.g. ctrl-f"))"
        #expect(text.contains("\"edit\"") && text.contains("ctrl-"))
        #expect("\(KeyMapError.unknownBinding("edti"))".contains("columns"))
    }

    @Test func keysParseByNameAndBack() throws {
        let cases: [(String, Key)] = [
            ("E", .char("E")), ("space", .char(" ")), ("ctrl-f", .ctrl("f")), ("C-x", .ctrl("x")), ("^B", .ctrl("b")),
            ("enter", .enter), ("Esc", .escape), ("shift-tab", .backTab), ("shift-up", .shiftUp), ("pgdn", .pageDown),
            ("f5", .function(5)), ("?", .char("?")),
        ]
        for (text, key) in cases {
            #expect(try Key(parsing: text) == key, "\(text)")
            #expect(Key(label: key.label) == key, "\(key.label)")
        }
    }

    @Test func helpAndHintLabelsShowTheRemappedKeys() throws {
        let map = try KeyMap(overrides: [("sort", ["o"]), ("down", ["m", "down"]), ("filter", ["ctrl-f"]), ("page-down", ["pgdn"])])
        #expect(map.relabel("s") == "o")
        #expect(map.relabel("j k ↓ ↑") == "m k ↓ ↑")
        #expect(map.relabel("/") == "^F")
        #expect(map.relabel("PgDn PgUp ^F ^B") == "PgDn PgUp ^B")
        #expect(map.relabel("h/l") == "h/l")
        #expect(map.relabel(":deals search acme") == ":deals search acme")
        #expect(KeyMap().relabel("j k ↓ ↑") == "j k ↓ ↑")

        var state = makeState(80, 24)
        state.keyMap = map
        state.command = LineEditor("deals")
        state.press(.enter)
        let bottom = Renderer(theme: .plain).render(state).text().split(separator: "\n").last.map(String.init) ?? ""
        #expect(bottom.contains("o sort") && bottom.contains("^F filter"), "\(bottom)")
        state.press(.char("?"))
        let help = Renderer(theme: .plain).render(state).text()
        #expect(help.contains("m k ↓ ↑"), "\(help)")
    }

    @Test func textEntryIsNeverTranslated() throws {
        var state = makeState()
        state.keyMap = try KeyMap(overrides: [("quit", ["Q"]), ("filter", ["F"])])
        state.command = LineEditor("deals")
        state.press(.enter)
        #expect(!state.isTextEntry)
        #expect(state.translated(.char("q")) == nil)
        #expect(state.translated(.char("F")) == .char("/"))
        state.update(.key(state.translated(.char("F"))!))
        #expect(state.isTextEntry)
        // In the filter, q and F are letters.
        #expect(state.translated(.char("q")) == .char("q"))
        #expect(state.translated(.char("F")) == .char("F"))
        state.press(.escape, .char(":"))
        #expect(state.isTextEntry)
        state.press(.escape, .char("S"))
        guard case .prompt? = state.stack.last else { Issue.record("no prompt"); return }
        #expect(state.isTextEntry)
        #expect(state.translated(.char("q")) == .char("q"))
    }
}
