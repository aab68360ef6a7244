import Foundation
import Testing

/// Column layouts that outlive the process, and keys remapped by the config file: the real
/// `pdtui --demo` in tmux with its own XDG_STATE_HOME and XDG_CONFIG_HOME.
@Suite(.serialized) struct ColumnsAndKeysTests {
    /// A fresh folder for one test, removed at the end.
    final class Folder {
        let path = NSTemporaryDirectory() + "pdtui-e2e-" + UUID().uuidString
        init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    /// The grid's header row (the line under the breadcrumb).
    func header(_ screen: String) -> String { screen.lines.dropFirst().first ?? "" }

    func openDeals(_ tui: Tmux) throws -> String {
        try tui.wait(for: "26 resources")
        try tui.command("deals")
        return try tui.wait(for: "deals grid") { $0.gridPosition != nil && $0.contains("loaded") && $0.contains("Creator") }
    }

    @Test func aHiddenColumnStaysHiddenAfterARestart() throws {
        let state = try Folder()
        let environment = ["XDG_STATE_HOME": state.path, "XDG_CONFIG_HOME": state.path + "/config"]
        do {
            let tui = try Tmux("--demo", width: 120, height: 30, environment: environment)
            let grid = try openDeals(tui)
            #expect(header(grid).contains("│Title"))
            // The selection starts on Title: hide it.
            try tui.send("-")
            let hidden = try tui.wait(for: "Title hidden") { $0.contains("hid Title") }
            #expect(!header(hidden).contains("Title"), "\(hidden)")
            #expect(header(hidden).contains("Creator"))
            try tui.command("q")
            #expect(try tui.exitReport().status == 0)
        }
        let file = state.path + "/pdtui/columns/demo.json"
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)

        let tui = try Tmux("--demo", width: 120, height: 30, environment: environment)
        let again = try openDeals(tui)
        #expect(!header(again).contains("Title"), "Title is back after a restart:\n\(again)")
        #expect(header(again).contains("ID│Creator"))
        // The chooser shows it hidden; Space and Enter bring it back.
        try tui.send("C")
        let chooser = try tui.wait(for: "the column chooser") { $0.contains("Columns of Deals") }
        #expect(chooser.contains("[ ] Title"), "\(chooser)")
        // Typing finds the column (a space would be typed too); Esc ends the search on it, Space ticks it.
        try tui.send("T", "i", "t", "l", "e", "Escape", "Space", "Enter")
        let shown = try tui.wait(for: "Title shown") { self.header($0).contains("│Title") && !$0.contains("Columns of Deals") }
        #expect(header(shown).contains("ID│Title"))
        try tui.send("C-c")
        #expect(try tui.exitReport().sane)
    }

    /// Issue 12: at 80x24 the deals grid hides its empty columns until chosen; in `C` they are unticked,
    /// typing finds one, Esc ends the search, Space and Enter show it, and the layout file remembers it.
    @Test func emptyColumnsAreHiddenUntilChosenInTheChooserByTyping() throws {
        let state = try Folder()
        let tui = try Tmux("--demo", width: 80, height: 24, environment: ["XDG_STATE_HOME": state.path, "XDG_CONFIG_HOME": state.path + "/config"])
        try tui.wait(for: "26 resources")
        try tui.command("deals")
        try tui.wait(for: "deals grid") { $0.gridPosition != nil && $0.contains("loaded") }
        try tui.send("C")
        let chooser = try tui.wait(for: "the column chooser") { $0.contains("Columns of Deals") }
        #expect(chooser.contains("[ ] Weighted value") && chooser.contains("41 of 68 columns shown"), "\(chooser)")
        try tui.send("w", "e", "i", "g")
        try tui.wait(for: "the search") { $0.contains("find: weig") }
        // While a search is typed Space types; Esc clears the search, the cursor staying on the column, then Space ticks it.
        try tui.send("Escape")
        try tui.wait(for: "the search cleared") { $0.contains("Columns of Deals") && !$0.contains("find:") }
        try tui.send("Space", "Enter")
        try tui.wait(for: "the chooser closed") { !$0.contains("Columns of Deals") }
        try tui.send("C")
        let again = try tui.wait(for: "the column chooser again") { $0.contains("Columns of Deals") }
        #expect(again.contains("[x] Weighted value") && again.contains("42 of 68 columns shown"), "\(again)")
        let file = try String(contentsOfFile: state.path + "/pdtui/columns/demo.json", encoding: .utf8)
        #expect(file.contains("weighted_value") && !file.contains("\"hidden\":[\"weighted_value"), "\(file)")
        try tui.send("C-c")
        #expect(try tui.exitReport().sane)
    }

    @Test func aCorruptLayoutFileIsReportedAndSetAside() throws {
        let state = try Folder()
        let file = state.path + "/pdtui/columns/demo.json"
        try FileManager.default.createDirectory(atPath: state.path + "/pdtui/columns", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: file, contents: Data("{\"format\": 1, \"resources\": [".utf8),
                                       attributes: [.posixPermissions: 0o600])
        let tui = try Tmux("--demo", width: 240, height: 30, environment: ["XDG_STATE_HOME": state.path])
        let first = try tui.wait(for: "the notice") { $0.contains("not a column layout file") }
        #expect(first.contains("moved it aside to demo.json.bad"), "\(first)")
        #expect(FileManager.default.fileExists(atPath: file + ".bad"))
        // The default columns, and the next change is saved afresh.
        let grid = try openDeals(tui)
        #expect(header(grid).contains("ID│Title"))
        try tui.send("-")
        try tui.wait(for: "Title hidden") { $0.contains("hid Title") }
        #expect(FileManager.default.fileExists(atPath: file))
        try tui.send("C-c")
        #expect(try tui.exitReport().status == 0)
    }

    @Test func keysRemappedInTheConfigFile() throws {
        let home = try Folder()
        let config = home.path + "/pdtui/config.json"
        try FileManager.default.createDirectory(atPath: home.path + "/pdtui", withIntermediateDirectories: true)
        // F is the saved filters' key by default: it moves to W so that `/`'s filter can take it.
        FileManager.default.createFile(atPath: config, contents: Data(#"{"keys": {"filter": "F", "saved-filter": "W", "quit": "Q"}}"#.utf8),
                                       attributes: [.posixPermissions: 0o600])
        let environment = ["XDG_STATE_HOME": home.path + "/state", "XDG_CONFIG_HOME": home.path]
        let tui = try Tmux("--demo", width: 120, height: 30, environment: environment)
        let grid = try openDeals(tui)
        // The hints show the new key.
        #expect(grid.bottomLine.contains("F filter"), "\(grid)")
        // `/` no longer filters; F does, and in the filter q and F are letters.
        // (Keys are taken in order: once the `j` sent after `/` moved the cursor, `/` was taken too.)
        try tui.send("/", "j")
        let moved = try tui.wait(for: "row 2") { $0.gridPosition?.row == 2 }
        #expect(!moved.bottomLine.hasPrefix("/"))
        try tui.send("F")
        try tui.type("Fq")
        try tui.wait(for: "the filter with Fq") { $0.bottomLine.hasPrefix("/Fq") }
        try tui.send("Escape")
        // q no longer goes back; Q does.
        try tui.settle()
        try tui.send("q", "G")
        let last = try tui.wait(for: "the last row, still in the grid") { ($0.gridPosition?.row ?? 0) > 2 }
        #expect(last.gridPosition != nil)
        try tui.send("Q")
        try tui.wait(for: "the resource list") { $0.contains("26 resources") }
        try tui.send("Q")
        #expect(try tui.exitReport().status == 0)
    }

    @Test func aBadKeyBindingStopsTheStartNamingTheFileAndEntry() throws {
        let home = try Folder()
        let config = home.path + "/pdtui/config.json"
        try FileManager.default.createDirectory(atPath: home.path + "/pdtui", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: config, contents: Data(#"{"keys": {"sort": "S"}}"#.utf8),
                                       attributes: [.posixPermissions: 0o600])
        let tui = try Tmux("--demo", width: 160, height: 30, environment: ["XDG_CONFIG_HOME": home.path])
        let exit = try tui.exitReport()
        #expect(exit.status != 0)
        #expect(exit.screen.contains(config), "\(exit.screen)")
        #expect(exit.screen.contains("\"sort\"") && exit.screen.contains("\"search\""), "\(exit.screen)")
    }

    @Test func theConfigsThemeIsTheDefaultAndABadOneStopsTheStart() throws {
        let home = try Folder()
        try FileManager.default.createDirectory(atPath: home.path + "/pdtui", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: home.path + "/pdtui/config.json", contents: Data(#"{"theme": "no-such-theme"}"#.utf8),
                                       attributes: [.posixPermissions: 0o600])
        let tui = try Tmux("--demo", width: 160, height: 30, environment: ["XDG_CONFIG_HOME": home.path])
        let exit = try tui.exitReport()
        #expect(exit.status != 0)
        #expect(exit.screen.contains("theme no-such-theme"), "\(exit.screen)")
        // --theme beats the config.
        let chosen = try Tmux("--demo --theme mono", width: 160, height: 30, environment: ["XDG_CONFIG_HOME": home.path])
        try chosen.wait(for: "26 resources")
        try chosen.send("C-c")
        #expect(try chosen.exitReport().status == 0)
    }
}
