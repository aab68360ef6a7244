/// Display width of text in terminal columns, independent of the process locale so that layout
/// (and the snapshot tests) are the same everywhere.
public enum TextWidth {
    /// Columns a grapheme takes. An emoji sequence takes 2; otherwise each scalar counts as
    /// `wcwidth` counts it (combining and format marks 0, wide 2), which is how terminals lay out
    /// clusters such as Devanagari conjuncts, scalar by scalar.
    public static func of(_ character: Character) -> Int {
        if isEmojiSequence(character) { return 2 }
        var width = 0
        for scalar in character.unicodeScalars { width += of(scalar) }
        return width
    }

    /// An emoji (with a presentation selector, a ZWJ sequence, a flag...), drawn as one wide glyph.
    static func isEmojiSequence(_ character: Character) -> Bool {
        character.unicodeScalars.contains {
            $0.value == 0xFE0F || $0.value == 0x200D || $0.properties.isEmojiPresentation
        }
    }

    /// The parts of a grapheme that take their own cells: a spacing scalar with the zero-width
    /// scalars after it. An emoji sequence stays whole.
    static func cells(of character: Character) -> [(text: String, width: Int)] {
        if isEmojiSequence(character) || character.unicodeScalars.count == 1 { return [(String(character), of(character))] }
        var parts: [(text: String, width: Int)] = []
        for scalar in character.unicodeScalars {
            let w = of(scalar)
            if w == 0, !parts.isEmpty {
                parts[parts.count - 1].text.unicodeScalars.append(scalar)
            } else {
                parts.append((String(scalar), w))
            }
        }
        return parts
    }

    public static func of(_ text: some StringProtocol) -> Int {
        var total = 0
        for character in text {
            if character.isASCII { total += 1 } else { total += of(character) }
        }
        return total
    }

    static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v == 0x200B || (v >= 0x1160 && v <= 0x11FF) { return 0 }  // zero-width space, jamo vowels
        if scalar.properties.isEmojiPresentation { return 2 }
        for range in wideRanges where range.contains(v) { return 2 }
        return 1
    }

    /// East Asian Wide and Fullwidth blocks (Unicode 15, EastAsianWidth.txt, W and F).
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
        0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
        0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x16FE0...0x18CFF, 0x1B000...0x1B2FF, 0x1F200...0x1F2FF, 0x1F300...0x1F64F,
        0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    /// The text cut to at most `columns` display columns, ending in `ellipsis` when cut.
    public static func truncate(_ text: String, to columns: Int, ellipsis: String = "…") -> String {
        if columns <= 0 { return "" }
        if text.utf8.count <= columns, text.allSatisfy(\.isASCII) { return text }
        if of(text) <= columns { return text }
        let room = columns - of(ellipsis)
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
