import Foundation
import Testing

/// `pdtui themes list|check`, run as the built binary: a user theme's name and description are its author's
/// text and reach the terminal inert.
@Suite struct ThemesCommandTests {
    let folder: TemporaryFolder
    let themeFile: String

    init() throws {
        folder = try TemporaryFolder()
        let dir = folder.path + "/config/pdtui/themes"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        themeFile = dir + "/hostile.json5"
        // Escape sequences (clear screen, red), a bell, a backspace and a C1 CSI, as JSON5 escapes (a raw
        // control character is not valid JSON5).
        let theme = "{ name: 'evil\\u001b[2J\\u001b[31mred\\u0007', description: 'rings\\u0007\\u0008 \\u009b31m and \\u001b]0;title\\u0007', extends: 'default' }"
        #expect(FileManager.default.createFile(atPath: themeFile, contents: Data(theme.utf8)))
    }

    func pdtui(_ arguments: String...) throws -> BinaryRun {
        try PDTUIBinary.run(["themes"] + arguments, environment: ["HOME": folder.path, "XDG_CONFIG_HOME": folder.path + "/config"])
    }

    /// No C0 control but a newline, no DEL and no C1 control.
    func isInert(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0 == "\n" || ($0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value)) }
    }

    @Test func listShowsAUserThemesTextInert() throws {
        let run = try pdtui("list")
        #expect(run.status == 0, "\(run.errors)")
        let line = try #require(run.lines.first { $0.contains("evil") })
        #expect(line.contains("[2J") && line.contains("rings") && line.contains("title"))
        #expect(!run.output.contains("\u{1b}"), "a raw ESC reached stdout")
        #expect(isInert(run.output) && isInert(run.errors))
    }

    @Test func checkShowsTheNameInert() throws {
        let run = try pdtui("check", themeFile)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("evil") && run.output.contains("is valid"))
        #expect(!run.output.contains("\u{1b}"), "a raw ESC reached stdout")
        #expect(isInert(run.output) && isInert(run.errors))
    }

    @Test func checkShowsProblemsInert() throws {
        try "{ name: 'bad\\u001b[31m', palette: { accent: 'no\\u001b[2Jcolour' } }".write(toFile: themeFile, atomically: true, encoding: .utf8)
        let run = try pdtui("check", themeFile)
        #expect(run.status != 0)
        #expect(run.errors.contains("palette.accent") && run.errors.contains("[2J"))
        #expect(!run.output.contains("\u{1b}") && !run.errors.contains("\u{1b}"), "a raw ESC reached the terminal")
        #expect(isInert(run.output) && isInert(run.errors))
    }
}
