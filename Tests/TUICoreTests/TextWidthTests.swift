import Foundation
import Testing
@testable import TUICore

/// Widths as the terminal measures them: per code point, with the C library's `wcwidth`.
@Suite struct TextWidthTests {
    /// The built-in table is the C library's answer for every code point (in a UTF-8 locale, set
    /// for this thread only), so what we lay out is what ncursesw and tmux will place.
    @Test func tableMatchesTheCLibrary() throws {
        // Swift's Glibc module leaves wcwidth out (it is an X/Open function): look it up.
        let symbol = try #require(dlsym(dlopen(nil, RTLD_NOW), "wcwidth"), "no wcwidth in the C library")
        let wcwidth = unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
        let utf8 = try #require(newlocale(LC_CTYPE_MASK, "C.UTF-8", nil), "no C.UTF-8 locale")
        let previous = uselocale(utf8)
        defer { uselocale(previous); freelocale(utf8) }
        var mismatches: [String] = []
        for value in UInt32(0)...0x10FFFF where !(0xD800...0xDFFF).contains(value) {
            let libc = Int(wcwidth(Int32(bitPattern: value)))
            if WidthTable.width(value) != libc, mismatches.count < 20 {
                mismatches.append(String(format: "U+%04X: table %d, wcwidth %d", value, WidthTable.width(value), libc))
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }

    /// Columns each text takes in tmux 3.3 (measured there with a cursor-position report after
    /// printing it), except where a scalar is left out of the cells (ZWJ, U+FE0F, skin tones).
    @Test(arguments: [
        ("कि", 2),  // KA + vowel sign I (U+093F, a spacing mark): two columns, not one
        ("हिन्दी", 5),  // the virama (U+094D) joins the cell before it
        ("ท่าน", 3),  // Thai tone mark (U+0E48) is combining
        ("กำ", 2),  // Thai SARA AM is a letter of its own
        ("한국", 4),
        ("\u{1100}\u{1161}\u{11A8}", 2),  // conjoining jamo: a wide lead, zero-width vowel and tail
        ("日本語", 6),
        ("e\u{301}", 1),
        ("a\u{AD}b", 3),  // soft hyphen: glibc gives it a column
        ("\u{200B}", 0),
        ("👍", 2),
        ("🇪🇪", 2),  // two regional indicators, one column each
        ("👩‍💻", 4),  // drawn as 👩💻: the joiner is left out
        ("❤️", 1),  // drawn as ❤: U+FE0F is left out
        ("👍🏽", 2),  // drawn as 👍: the skin tone is left out
        ("\u{1FAE9}", 1),  // unknown to the C library (Unicode 16): drawn as U+FFFD
        ("\u{202E}txt", 4),  // a bidi override, zero-width to the C library, is drawn as U+FFFD
        ("a\u{1B}[2J", 5),  // ESC drawn as ␛
    ])
    func displayWidth(text: String, width: Int) {
        #expect(TextWidth.of(text) == width)
    }

    @Test func cellsAreWhatTheTerminalPlacesInOne() {
        func cells(_ text: String) -> [String] { text.flatMap { TextWidth.cells(of: $0).map(\.text) } }
        #expect(cells("कि") == ["क", "ि"])
        #expect(cells("न्द") == ["न्", "द"])
        #expect(cells("👨‍👩‍👧") == ["👨", "👩", "👧"])
        #expect(cells("❤️") == ["❤"])
        #expect(cells("\u{1FAE9}") == ["\u{FFFD}"])
        // ncursesw keeps five code points in a cell: the base and four marks.
        let zalgo = "Z" + String(repeating: "\u{301}", count: 8)
        #expect(cells(zalgo) == ["Z\u{301}\u{301}\u{301}\u{301}"])
    }

    /// Every cell a buffer holds is one the terminal accepts as written: a printable spacing code
    /// point of the cell's width, then at most four zero-width ones; and the columns used are the
    /// text's measured width.
    @Test(arguments: [
        "प्रिया शर्मा", "สมชาย ใจดี", "김민준", "山田製作所合同会社", "👨‍👩‍👧‍👦 family", "Z̴̡̛͓a̶l̷g̸o̵",
        "Nordics 🇫🇮", "Café ☕ Central", "✌🏿 peace", "\u{FEFF}bom", "\u{200B}zero\u{200B}width", "e\u{301}\u{301}\u{301}",
        "\u{202E}txt.exe", "\u{1B}[31mRED\u{1B}[0m", "tab\tand\r\ncarriage", "\u{7F}\u{9B}31m", "line\u{2028}sep",
    ])
    func bufferCellsAgreeWithTheTable(text: String) {
        var buffer = Buffer(width: 60, height: 1)
        let used = buffer.put(text, x: 0, y: 0, style: .plain)
        #expect(used == TextWidth.of(text))
        var columns = 0
        for cell in buffer.cells.prefix(used) where !cell.isContinuation {
            let scalars = Array(cell.text.unicodeScalars)
            #expect(scalars.count <= 5)
            #expect(TextWidth.of(scalars[0]) == Int(cell.width), "\(cell.text.debugDescription)")
            #expect(scalars.dropFirst().allSatisfy { TextWidth.of($0) == 0 }, "\(cell.text.debugDescription)")
            columns += Int(cell.width)
        }
        #expect(columns == used)
    }

    @Test func fitPadsWideAndCombiningTextToExactColumns() {
        for text in ["अनीता गुप्ता", "สุดา ศรีสุข", "佐藤さくら", "👩‍👩‍👧‍👦 family"] {
            for columns in 1...14 {
                #expect(TextWidth.of(TextWidth.fit(text, to: columns)) == columns, "\(text) to \(columns)")
            }
        }
    }
}
