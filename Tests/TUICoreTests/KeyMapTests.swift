import Testing
@testable import TUICore

/// Remapped keys: the config's names and keys, their translation to the state machine's keys, help and hints.
@Suite struct KeyMapTests {
    @Test func defaultKeysTriggerTheirActionsWhereTheyApply() {
        let map = KeyMap()
        for action in KeyAction.allCases {
            for context in [KeyContext.resources, .actions, .grid, .detail, .commit, .chooser, .help, .form] where action.applies(in: context) {
                for key in action.defaultKeys { #expect(map.action(for: key, in: context) == action, "\(action) \(context)") }
            }
        }
        #expect(map.action(for: .char("x"), in: .grid) == nil)
        #expect(map.action(for: .ctrl("c"), in: .grid) == nil)
        // One key, two actions that never meet: s sorts a grid and skips a conflict in the commit view.
        #expect(map.action(for: .char("s"), in: .grid) == .sort)
        #expect(map.action(for: .char("s"), in: .commit) == .skip)
    }

    @Test func noKeyTriggersTwoActionsAtOnce() {
        for a in KeyAction.allCases {
            for b in KeyAction.allCases where a != b && a.meets(b) {
                #expect(Set(a.defaultKeys).isDisjoint(with: b.defaultKeys), "\(a) \(b)")
            }
        }
        #expect(Set(KeyAction.allCases.map(\.name)).count == KeyAction.allCases.count)
    }

    @Test func aRemappedKeyTriggersItsActionAndTheOldKeyNoLongerDoes() throws {
        let map = try KeyMap(overrides: [("edit", ["E"]), ("filter", ["ctrl-f"]), ("page-down", ["pgdn"]), ("quit", ["Q"])])
        #expect(map.action(for: .char("E"), in: .grid) == .edit)
        #expect(map.action(for: .char("e"), in: .grid) == nil)
        #expect(map.action(for: .ctrl("f"), in: .grid) == .filter)
        #expect(map.action(for: .char("/"), in: .grid) == nil)
        #expect(map.action(for: .pageDown, in: .grid) == .pageDown)
        #expect(map.action(for: .char("Q"), in: .resources) == .quit)
        #expect(map.action(for: .char("q"), in: .resources) == nil)
        #expect(map.keys(.edit) == [.char("E")])
        // Several keys for one action; arrows by name.
        let arrows = try KeyMap(overrides: [("down", ["n", "down"]), ("new", ["N"])])
        #expect(arrows.action(for: .char("n"), in: .grid) == .down)
        #expect(arrows.action(for: .down, in: .grid) == .down)
        #expect(arrows.action(for: .char("j"), in: .grid) == nil)
        #expect(arrows.action(for: .char("N"), in: .grid) == .new)
    }

    @Test func remappedKeysDriveTheScreens() throws {
        var state = makeState()
        state.keyMap = try KeyMap(overrides: [("sort", ["z"]), ("down", ["m", "down"])])
        state.command = LineEditor("deals")
        let (id, _) = try #require(state.loadID(state.press(.enter)))
        state.update(.pageLoaded(id, RowPage(rows: deals(1...5), next: nil, columns: dealColumns)))
        state.press(.char("j"))
        #expect(state.topGrid!.cursor == 0)
        state.press(.char("m"))
        #expect(state.topGrid!.cursor == 1)
        state.press(.char("s"))
        #expect(state.topGrid!.sort == nil)
        state.press(.char("z"))
        #expect(state.topGrid!.sort != nil)
    }

    @Test func badBindingsAreRefusedWithTheEntryNamed() {
        #expect(throws: KeyMapError.unknownBinding("edti")) { try KeyMap(overrides: [("edti", ["E"])]) }
        #expect(throws: KeyMapError.conflict(key: "S", first: "sort", second: "search")) {
            try KeyMap(overrides: [("sort", ["S"])])
        }
        // Both moved apart is fine; both on one new key is not.
        #expect(throws: Never.self) { try KeyMap(overrides: [("sort", ["S"]), ("search", ["Z"])]) }
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
        }
    }

    @Test func helpAndHintLabelsShowTheRemappedKeys() throws {
        let map = try KeyMap(overrides: [("sort", ["z"]), ("down", ["m", "down"]), ("filter", ["ctrl-f"]), ("page-down", ["pgdn"])])
        #expect(Hint(.sort, "sort").label(map) == "z")
        #expect(Hint([.down, .up], "move").label(map) == "m/k")
        #expect(Hint(.filter, "filter").label(map) == "^F")
        #expect(Hint(fixed: "↑↓", "pick").label(map) == "↑↓")
        #expect(HelpText.lines(.normal, keyMap: map).contains(HelpText.Line(key: "PgDn", text: KeyAction.pageDown.help)))
        #expect(HelpText.lines(.normal).contains(HelpText.Line(key: "PgDn ^F", text: KeyAction.pageDown.help)))

        var state = makeState(80, 24)
        state.keyMap = map
        state.command = LineEditor("deals")
        state.press(.enter)
        let bottom = Renderer(theme: .plain).render(state).text().split(separator: "\n").last.map(String.init) ?? ""
        #expect(bottom.contains("z sort") && bottom.contains("^F filter"), "\(bottom)")
        state.press(.char("?"))
        let help = Renderer(theme: .plain).render(state).text()
        #expect(help.contains("m ↓ "), "\(help)")
    }

    @Test func textEntryTakesKeysAsTyped() throws {
        var state = makeState()
        state.keyMap = try KeyMap(overrides: [("quit", ["Q"]), ("filter", ["Z"])])
        state.command = LineEditor("deals")
        let (id, _) = try #require(state.loadID(state.press(.enter)))
        state.update(.pageLoaded(id, RowPage(rows: deals(1...5), next: nil, columns: dealColumns)))
        state.press(.char("q"))
        #expect(state.stack.count == 2)  // q is no longer quit
        state.press(.char("Z"))
        #expect(state.topGrid!.filtering)
        // In the filter, q and Z are letters.
        state.type("qZ")
        #expect(state.topGrid!.filter.text == "qZ")
        state.press(.escape, .char("Q"))
        #expect(state.stack.count == 1)
    }
}
