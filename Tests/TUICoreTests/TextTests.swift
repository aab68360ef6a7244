import Testing
@testable import TUICore

@Suite struct TextTests {
    @Test(arguments: [
        ("abc", 3), ("日本語", 6), ("e\u{301}", 1), ("👍", 2), ("👩‍💻", 4), ("🇪🇪", 2), ("ä", 1), ("\u{200B}", 0),
    ])
    func displayWidth(text: String, width: Int) {
        #expect(TextWidth.of(text) == width)
    }

    @Test func truncatesByColumnsNotCharacters() {
        #expect(TextWidth.truncate("日本語テキスト", to: 7) == "日本語…")
        #expect(TextWidth.fit("7", to: 4, alignRight: true) == "   7")
        #expect(TextWidth.of(TextWidth.fit("日本語", to: 5)) == 5)
    }

    @Test func controlCharactersAndEscapesAreShownInert() {
        #expect(Sanitizer.inert("a\u{1B}[2Jb") == "a␛[2Jb")
        #expect(Sanitizer.inert("a\u{1B}[2Jb", ascii: true) == "a^[[2Jb")
        #expect(Sanitizer.inert("x\u{9B}31m") == "x\u{FFFD}31m")
        #expect(Sanitizer.inert("line\r\nnext") == "line␍␊next")
        #expect(Sanitizer.inert("abc\u{202E}def") == "abc\u{FFFD}def")
        #expect(Sanitizer.inert("tab\there") == "tab␉here")
    }

    @Test func bufferClipsAndKeepsWideCharactersWhole() {
        var buffer = Buffer(width: 5, height: 1)
        let used = buffer.put("ab日本", x: 0, y: 0, style: .plain)
        #expect(used == 5)
        #expect(buffer.text() == "ab日 ")  // 本 would straddle the edge
        buffer.put("\u{1B}]52;c;x\u{07}", x: 0, y: 0, style: .plain)
        #expect(buffer.cells.allSatisfy { cell in cell.text.unicodeScalars.allSatisfy { $0.value >= 0x20 } })
        var offscreen = Buffer(width: 3, height: 1)
        offscreen.put("hello", x: -2, y: 0, style: .plain)
        #expect(offscreen.text() == "llo")
        offscreen.put("x", x: 0, y: 5, style: .plain)  // outside: ignored
    }
}
