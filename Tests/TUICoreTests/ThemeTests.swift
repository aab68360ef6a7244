import Foundation
import Testing
@testable import TUICore

@Suite struct ThemeTests {
    @Test func everyBuiltInThemeIsValidAndResolvesAtEveryDepth() throws {
        let library = ThemeLibrary(environment: [:])
        let names = library.list().map(\.name)
        #expect(Set(names).isSuperset(of: ["default", "light", "high-contrast", "mono", "dracula", "solarized-dark"]))
        for name in names {
            let theme = try library.theme(named: name)
            #expect(theme.problems().isEmpty, "\(name): \(theme.problems())")
            for depth in ColorDepth.allCases {
                let resolved = theme.resolve(depth: depth)
                for role in ThemeRole.allCases {
                    let style = resolved[role]
                    for color in [style.fg, style.bg] {
                        if case .indexed(let i) = color { #expect(Int(i) < max(depth.rawValue, 1), "\(name) \(role) at \(depth)") }
                        if depth == .none { #expect(color == .terminalDefault) }
                    }
                }
            }
        }
    }

    @Test func embeddedThemesMatchTheThemesFolder() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Themes")
        for (file, data) in ThemeLibrary.builtinFiles {
            let onDisk = try Data(contentsOf: folder.appendingPathComponent(file))
            #expect(onDisk == data, "\(file)")
        }
    }

    @Test func theSchemaNamesEveryElementAndGlyph() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Themes/theme.schema.json")
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let properties = schema?["properties"] as? [String: Any]
        let styles = (properties?["styles"] as? [String: Any])?["properties"] as? [String: Any]
        let glyphs = (properties?["glyphs"] as? [String: Any])?["properties"] as? [String: Any]
        #expect(Set(styles?.keys ?? [:].keys) == Set(ThemeRole.allCases.map(\.rawValue)))
        #expect(Set(glyphs?.keys ?? [:].keys) == Set(Glyphs.keys))
    }

    @Test func colourChainsFallBackToWhatTheTerminalHas() throws {
        let theme = try ThemeLibrary(environment: [:]).theme(named: "dracula")
        // "#bd93f9 141 magenta": 256 colours take the hex's nearest index, 16 and 8 take magenta (5).
        let primary = try theme.parseStyle("primary").get()
        #expect(primary.style(depth: .full).fg == .indexed(141))
        #expect(primary.style(depth: .sixteen).fg == .indexed(5))
        #expect(primary.style(depth: .eight).fg == .indexed(5))
        #expect(primary.style(depth: .none).fg == .terminalDefault)
    }

    @Test func noColorKeepsTheCursorVisibleWithAttributes() throws {
        let mono = try ThemeLibrary(environment: [:]).theme(named: "mono").resolve(depth: .none)
        #expect(mono[.rowCursor].attributes.contains(.reverse))
        #expect(mono[.crumbsActive].attributes.contains(.reverse))
        #expect(mono[.statusError].attributes.contains(.bold))
    }

    @Test func asciiGlyphsWhenTheLocaleIsNotUTF8() throws {
        let resolved = try ThemeLibrary(environment: [:]).theme(named: "default").resolve(depth: .full, ascii: true)
        #expect(resolved.glyphs == .ascii)
        for glyph in [resolved.glyphs.crumbSeparator, resolved.glyphs.boolTrue, resolved.glyphs.ellipsis] {
            #expect(glyph.unicodeScalars.allSatisfy { $0.isASCII })
        }
    }

    @Test func userThemesExtendAndReplaceBuiltInOnes() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("pdtui-themes-\(UUID())")
        let dir = home.appendingPathComponent("pdtui/themes")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        try """
        // a partial theme: only what differs from dracula
        { name: 'prod-red', extends: 'dracula', palette: { accent: '#ff0000 196 red', }, }
        """.write(to: dir.appendingPathComponent("prod.json5"), atomically: true, encoding: .utf8)
        let library = ThemeLibrary(environment: ["XDG_CONFIG_HOME": home.path])
        #expect(library.list().contains { $0.name == "prod-red" })
        let theme = try library.theme(named: "prod-red")
        #expect(theme.problems().isEmpty)
        #expect(theme.palette["primary"] == "#bd93f9 141 magenta")
        #expect(theme.resolve(depth: .full)[.columnKey].fg == .indexed(196))
        // Also by path.
        let byPath = try library.theme(named: dir.appendingPathComponent("prod.json5").path)
        #expect(byPath.name == "prod-red")
    }

    @Test func badThemesAreReportedWithWhatToFix() throws {
        let library = ThemeLibrary(environment: [:])
        #expect(throws: ThemeError.self) { try library.decode(Data("{ name: 'x', extends: 'nope' }".utf8)) }
        #expect(throws: ThemeError.self) { try library.decode(Data("{ nme: 'x' }".utf8)) }
        let theme = try library.decode(Data("{ name: 'x', palette: { accent: 'chartreuse' }, styles: { 'row.curser': 'reverse' } }".utf8))
        let problems = theme.problems()
        #expect(problems.contains { $0.contains("palette.accent") && $0.contains("chartreuse") })
        #expect(problems.contains { $0.contains("styles.row.curser: unknown element") })
        #expect(throws: ThemeError.self) { try library.theme(named: "no-such-theme") }
    }
}
