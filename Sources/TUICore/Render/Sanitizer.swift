/// Makes text from the API inert before it reaches a cell: control characters, escape sequences,
/// C1 controls and bidi overrides are shown as visible glyphs instead of being sent to the terminal.
public enum Sanitizer {
    /// The visible stand-in for a character that must not reach the terminal, or nil if it is safe.
    /// With `ascii`, controls use caret notation (`^[`); otherwise Unicode control pictures (`␛`).
    public static func replacement(for character: Character, ascii: Bool) -> String? {
        let scalars = character.unicodeScalars
        if scalars.contains(where: isUnsafe) {
            // Each scalar on its own, so "\r\n" (one grapheme) shows as "␍␊".
            return scalars.map { isUnsafe($0) ? picture($0, ascii: ascii) : (ascii && !$0.isASCII ? "?" : String($0)) }.joined()
        }
        if ascii && !character.isASCII {
            if let stand = asciiStandIns[character] { return String(stand) }
            return String(repeating: "?", count: max(1, TextWidth.of(character)))
        }
        return nil
    }

    /// The glyphs pdtui draws (quotes, arrows, separators, marks, box lines) as one ASCII character each,
    /// so that a non-UTF-8 locale keeps the layout and shows them rather than `?`.
    static let asciiStandIns: [Character: Character] = [
        "“": "\"", "”": "\"", "‘": "'", "’": "'", "→": ">", "←": "<", "↑": "^", "↓": "v", "·": "-", "…": "~",
        "•": "*", "●": "*", "▸": ">", "›": ">", "‹": "<", "✓": "+", "✗": "x", "─": "-", "│": "|", "┌": "+",
        "┐": "+", "└": "+", "┘": "+", "–": "-", "—": "-", "▲": "^", "▼": "v", "×": "x",
    ]

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || isDangerousFormat(scalar)
    }

    /// `␛` (Unicode control pictures) or `^[` (caret notation) for a control; `�`/`?` for the rest.
    static func picture(_ scalar: Unicode.Scalar, ascii: Bool) -> String {
        let v = scalar.value
        if v < 0x20 { return ascii ? "^" + String(UnicodeScalar(UInt8(v + 0x40))) : String(UnicodeScalar(0x2400 + v)!) }
        if v == 0x7F { return ascii ? "^?" : "␡" }
        return ascii ? "?" : "\u{FFFD}"  // C1 controls (e.g. CSI 0x9B), bidi overrides
    }

    /// Bidi overrides and isolates can reorder what a user sees (Trojan Source); line and paragraph
    /// separators would break a row.
    private static func isDangerousFormat(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// The whole text made inert, for places that keep strings rather than cells (e.g. widths).
    public static func inert(_ text: String, ascii: Bool = false) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        var out = ""
        for character in text {
            if let r = replacement(for: character, ascii: ascii) { out += r } else { out.append(character) }
        }
        return out
    }
}
