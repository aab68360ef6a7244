import Foundation
import JSONValue

/// The normalised forms duplicates are matched by: records that share one are likely the same.
public enum DuplicateKeys {
    /// `Ana.Lucia@Example.COM ` → `ana.lucia@example.com`; nil without an `@`.
    public static func email(_ text: String) -> String? {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard let at = value.firstIndex(of: "@"), at != value.startIndex, value.index(after: at) != value.endIndex else { return nil }
        return value
    }

    /// The digits with the country code: `+49 30 1234 5678` and `0049 (30) 12345678` → `4930123455678`. A
    /// national number (one leading 0) stays as written; fewer than 7 digits is no key.
    public static func phone(_ text: String) -> String? {
        var digits = String(text.unicodeScalars.filter { CharacterSet.decimalDigits.contains($0) && $0.isASCII }.map(Character.init))
        if !text.trimmingCharacters(in: .whitespaces).hasPrefix("+"), digits.hasPrefix("00") { digits.removeFirst(2) }
        return digits.count >= 7 ? digits : nil
    }

    /// Case, accents, punctuation and word order ignored: `Gonçalves, Ana-Lúcia` → `ana goncalves lucia`.
    public static func personName(_ text: String) -> String? {
        let words = self.words(text)
        return words.isEmpty ? nil : words.sorted().joined(separator: " ")
    }

    /// Legal forms an organization's name may carry or leave out (compared after `words`).
    static let legalWords: Set<String> = [
        "gmbh", "mbh", "ag", "kg", "ohg", "ug", "ev", "ltd", "limited", "llc", "llp", "lp", "inc", "incorporated", "corp",
        "corporation", "co", "company", "plc", "oy", "oyj", "ab", "as", "asa", "aps", "sa", "sas", "sarl", "srl", "spa",
        "sro", "bv", "nv", "kk", "pte", "pty", "sl", "ou", "sia", "uab", "group", "holding", "ооо", "ао", "зао", "пао",
    ]
    /// Legal forms written as one token without spaces, before or after the name.
    static let legalAffixes = ["株式会社", "有限会社", "合同会社", "有限公司", "股份有限公司", "科技有限公司", "주식회사", "(주)", "sp. z o.o.", "s.r.o."]

    /// Case, accents, punctuation and legal forms ignored: `Müller Maschinenbau G.m.b.H.` →
    /// `muller maschinenbau`, `株式会社サクラ精工` → `サクラ精工`.
    public static func organizationName(_ text: String) -> String? {
        var value = text.lowercased()
        for affix in legalAffixes {
            while value.hasPrefix(affix) { value.removeFirst(affix.count) }
            while value.hasSuffix(affix) { value.removeLast(affix.count) }
            value = value.trimmingCharacters(in: .whitespaces)
        }
        var words = self.words(value)
        while let last = words.last, words.count > 1, legalWords.contains(last) { words.removeLast() }
        while let first = words.first, words.count > 1, legalWords.contains(first) { words.removeFirst() }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// An address ignoring case, accents, punctuation and `straße`/`strasse`.
    public static func address(_ text: String) -> String? {
        let words = self.words(text)
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// A web site's host without `www.`: `https://www.Mueller-Bau.de/kontakt` → `mueller-bau.de`.
    public static func website(_ text: String) -> String? {
        var value = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let scheme = value.range(of: "://") { value.removeSubrange(value.startIndex..<scheme.upperBound) }
        value = String(value.prefix { $0 != "/" && $0 != "?" && $0 != "#" })
        if value.hasPrefix("www.") { value.removeFirst(4) }
        return value.contains(".") ? value : nil
    }

    /// A deal's title as words.
    public static func title(_ text: String) -> String? { address(text) }

    /// Lowercase words without accents: dots and apostrophes join (`G.m.b.H.` → `gmbh`, `d'Équipement` →
    /// `dequipement`), other punctuation separates.
    static func words(_ text: String) -> [String] {
        // Folding is slow; ASCII text needs only lowercasing.
        let folded = text.utf8.allSatisfy { $0 < 0x80 }
            ? text.lowercased() : text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var cleaned = ""
        cleaned.reserveCapacity(folded.utf8.count)
        for character in folded {
            if let replacement = letters[character] {
                cleaned += replacement
            } else if character == "." || character == "'" || character == "’" || character == "/" {
                continue
            } else if character.isLetter || character.isNumber {
                cleaned.append(character)
            } else {
                cleaned.append(" ")
            }
        }
        return cleaned.split(separator: " ").map(String.init)
    }

    /// Letters folding leaves alone.
    static let letters: [Character: String] = ["ß": "ss", "ø": "o", "ł": "l", "æ": "ae", "œ": "oe", "đ": "d", "ı": "i", "þ": "th"]
}
