/// Makes text from the API inert before it reaches a cell: control characters, escape sequences,
/// C1 controls and bidi overrides are shown as visible glyphs instead of being sent to the terminal.
public enum Sanitizer {
    /// The visible stand-in for a character that must not reach the terminal, or nil if it is safe.
    /// With `ascii`, controls use caret notation (`^[`); otherwise Unicode control pictures (`␛`).
    public static func replacement(for character: Character, ascii: Bool) -> String? {
        guard let first = character.unicodeScalars.first else { return nil }
        let v = first.value
        if v < 0x20 { return ascii ? "^" + String(UnicodeScalar(UInt8(v + 0x40))) : String(UnicodeScalar(0x2400 + v)!) }
        if v == 0x7F { return ascii ? "^?" : "␡" }
        if v >= 0x80 && v <= 0x9F { return ascii ? "?" : "\u{FFFD}" }  // C1 controls, e.g. CSI 0x9B
        if character.unicodeScalars.contains(where: isDangerousFormat) { return ascii ? "?" : "\u{FFFD}" }
        if ascii && !character.isASCII { return String(repeating: "?", count: max(1, TextWidth.of(character))) }
        if character.unicodeScalars.count > 1, character.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            return ascii ? "?" : "\u{FFFD}"  // "\r\n" is one grapheme
        }
        return nil
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
