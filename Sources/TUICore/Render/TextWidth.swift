/// Display width of text in terminal columns, measured the way the terminal will place it.
///
/// Terminals (tmux, xterm) and ncursesw place text code point by code point with the C library's
/// `wcwidth`, not grapheme by grapheme: a Devanagari vowel sign such as U+093F takes a column of its
/// own, a combining mark joins the cell before it, an emoji with a skin tone takes four columns.
/// So widths come from `WidthTable` (glibc's answers, fixed so layout and the snapshot tests do not
/// depend on the process locale), and `cells(of:)` splits a grapheme into exactly those cells.
///
/// A few scalars mean different widths to different terminals and tmux versions, and would shift
/// everything after them: the zero-width joiner (tmux joins the next emoji into its cell), the
/// emoji variation selector U+FE0F (newer tmux widens the cell) and skin-tone modifiers after a
/// base (some terminals merge them). They are left out of the drawn cells, so an emoji sequence
/// shows as its parts side by side and every row lines up in every terminal.
public enum TextWidth {
    /// Columns a grapheme takes: the sum of its cells.
    public static func of(_ character: Character) -> Int {
        var width = 0
        for scalar in character.unicodeScalars {
            if width > 0 && isDropped(scalar) { continue }
            // What the terminal must not get (even a zero-width bidi override) is drawn as a one-column
            // picture (`Sanitizer`), as is what the C library cannot print (U+FFFD).
            let w = Sanitizer.isUnsafe(scalar) ? 1 : of(scalar)
            width += w < 0 ? 1 : w
        }
        return width
    }

    public static func of(_ text: some StringProtocol) -> Int {
        if isPrintableASCII(text) { return text.utf8.count }
        var total = 0
        for character in text {
            // ("\r\n" is one ASCII character, drawn as two pictures.)
            if let byte = character.asciiValue, byte >= 0x20, byte < 0x7F { total += 1 } else { total += of(character) }
        }
        return total
    }

    /// Printable ASCII (most cells): a column a byte, drawn with no grapheme breaking.
    static func isPrintableASCII(_ text: some StringProtocol) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// `wcwidth` of a scalar: 0 for combining and format marks, 2 for wide, -1 for not printable.
    static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v >= 0x20 && v < 0x7F || v >= 0xA0 && v < 0x300 { return 1 }
        return WidthTable.width(v)
    }

    /// Scalars left out of a grapheme's cells after its first (see the type's comment).
    static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200D, 0xFE0F, 0x1F3FB...0x1F3FF: return true
        default: return false
        }
    }

    /// ncursesw keeps at most this many code points in a cell (CCHARW_MAX): a spacing one and four
    /// combining ones. Further marks are left out rather than make the cell fail to draw.
    static let scalarsPerCell = 5

    /// The terminal cells of a grapheme: each spacing scalar with the zero-width scalars after it.
    /// A zero-width scalar with nothing before it has no cell; a scalar the C library cannot print
    /// becomes U+FFFD.
    static func cells(of character: Character) -> [(text: String, width: Int)] {
        var parts: [(text: String, width: Int)] = []
        var count = 0
        for scalar in character.unicodeScalars {
            if !parts.isEmpty && isDropped(scalar) { continue }
            let w = of(scalar)
            if w == 0 {
                guard !parts.isEmpty, count < scalarsPerCell else { continue }
                parts[parts.count - 1].text.unicodeScalars.append(scalar)
                count += 1
            } else {
                parts.append(w < 0 ? ("\u{FFFD}", 1) : (String(scalar), w))
                count = 1
            }
        }
        return parts
    }

    /// The text cut to at most `columns` display columns, ending in `ellipsis` when cut.
    public static func truncate(_ text: String, to columns: Int, ellipsis: String = "…") -> String {
        if columns <= 0 { return "" }
        let ascii = isPrintableASCII(text)
        if ascii ? text.utf8.count <= columns : of(text) <= columns { return text }
        let room = columns - of(ellipsis)
        if ascii { return room < 0 ? "" : String(decoding: text.utf8.prefix(room), as: UTF8.self) + ellipsis }
        var result = ""
        var used = 0
        for character in text {
            let w = of(character)
            if used + w > room { break }
            result.append(character)
            used += w
        }
        return room < 0 ? "" : result + ellipsis
    }

    /// The text padded with spaces (or cut) to exactly `columns`, aligned left or right.
    public static func fit(_ text: String, to columns: Int, alignRight: Bool = false, ellipsis: String = "…") -> String {
        let cut = truncate(text, to: columns, ellipsis: ellipsis)
        let pad = String(repeating: " ", count: max(0, columns - of(cut)))
        return alignRight ? pad + cut : cut + pad
    }
}
