/// Reads a JSON text in place, without making `JSON` values: it validates values as `JSON(parsing:)` does
/// and finds where each lies, so a value can be copied on as bytes (an API answer's rows written out as
/// they came) or read only where needed.
///
/// `scanValue` notes what a compact copy leaves out or replaces (`edits`): whitespace between tokens, and
/// a string that is not valid UTF-8, replaced by the string `JSON(parsing:)` reads from it, so a copy
/// parses to the same value as the original and is one line.
public struct JSONScanner {
    public let bytes: UnsafeBufferPointer<UInt8>
    public private(set) var index = 0
    private var depth = 0
    /// Ranges of `bytes` a compact copy leaves out, each with what goes in its place.
    private var edits: [(range: Range<Int>, with: [UInt8])] = []

    public init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private func fail(_ reason: String) -> JSONParseError { JSONParseError(offset: index, reason: reason) }

    /// Skips whitespace, noting it as left out of a copy.
    public mutating func skipWhitespace() {
        let start = index
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
            index += 1
        }
        if index > start { edits.append((start..<index, [])) }
    }

    /// Checks that only whitespace is left.
    public mutating func end() throws(JSONParseError) {
        skipWhitespace()
        guard index == bytes.count else { throw fail("unexpected text after the value") }
    }

    /// Validates the value here and moves past it. When it is an object with a member `member` (the key
    /// as written, without escapes: `id`), returns where that member's value lies.
    @discardableResult
    public mutating func scanValue(member: StaticString? = nil) throws(JSONParseError) -> Range<Int>? {
        guard index < bytes.count else { throw fail("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            var found: Range<Int>?
            guard try beginObject() else { return nil }
            repeat {
                let key = try key()
                let start = index
                try scanValue()
                if let member, found == nil, key.matches(member, in: bytes) { found = start..<index }
            } while try nextMember()
            return found
        case UInt8(ascii: "["):
            guard try beginArray() else { return nil }
            repeat { try scanValue() } while try nextElement()
        case UInt8(ascii: "\""): _ = try scanString()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try scanNumber()
        default: throw fail("unexpected character")
        }
        return nil
    }

    /// Moves past `{` and the whitespace after it; false (past `}` too) for an empty object.
    public mutating func beginObject() throws(JSONParseError) -> Bool {
        try enter(UInt8(ascii: "{"), UInt8(ascii: "}"))
    }

    /// Moves past `[` and the whitespace after it; false (past `]` too) for an empty array.
    public mutating func beginArray() throws(JSONParseError) -> Bool {
        try enter(UInt8(ascii: "["), UInt8(ascii: "]"))
    }

    /// A member's key and the `:` after it; the scanner is then at the value.
    public mutating func key() throws(JSONParseError) -> StringToken {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a key") }
        let key = try scanString()
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
        index += 1
        skipWhitespace()
        return key
    }

    /// After a member's value: true past `,` (another member follows), false past the closing `}`.
    public mutating func nextMember() throws(JSONParseError) -> Bool {
        try next(closing: UInt8(ascii: "}"), "expected ',' or '}'")
    }

    /// After an element: true past `,` (another element follows), false past the closing `]`.
    public mutating func nextElement() throws(JSONParseError) -> Bool {
        try next(closing: UInt8(ascii: "]"), "expected ',' or ']'")
    }

    /// The value at `range` (as `scanValue` found it) parsed.
    public func value(at range: Range<Int>) throws(JSONParseError) -> JSON {
        try JSON(parsing: UnsafeBufferPointer(rebasing: bytes[range]))
    }

    /// Appends the bytes of `range` (a value `scanValue` just scanned) without the whitespace between its
    /// tokens and with its strings as UTF-8, and forgets what was noted about it.
    public mutating func copy(_ range: Range<Int>, into out: inout [UInt8]) {
        var from = range.lowerBound
        for edit in edits where edit.range.lowerBound >= from && edit.range.upperBound <= range.upperBound {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<edit.range.lowerBound]))
            out.append(contentsOf: edit.with)
            from = edit.range.upperBound
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<range.upperBound]))
        edits.removeAll(keepingCapacity: true)
    }

    /// A string's place: the text between its quotes, and how to read it.
    public struct StringToken {
        public let range: Range<Int>
        public let escaped: Bool
        /// Its bytes are its text: no escapes, and UTF-8.
        public let isVerbatim: Bool

        /// Whether it is `name` (written without escapes).
        func matches(_ name: StaticString, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard !escaped, range.count == name.utf8CodeUnitCount else { return false }
            return name.withUTF8Buffer { name in (0..<name.count).allSatisfy { bytes[range.lowerBound + $0] == name[$0] } }
        }

        /// Its text, escapes read.
        public func text(in bytes: UnsafeBufferPointer<UInt8>) -> String {
            guard escaped else { return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
            return (try? JSON(parsing: UnsafeBufferPointer(rebasing: bytes[(range.lowerBound - 1)..<(range.upperBound + 1)])))?.stringValue ?? ""
        }
    }

    // MARK: tokens

    private mutating func enter(_ open: UInt8, _ close: UInt8) throws(JSONParseError) -> Bool {
        guard index < bytes.count, bytes[index] == open else { throw fail("unexpected character") }
        if depth >= JSONParser.maxDepth { throw fail("nested too deeply") }
        depth += 1
        index += 1
        skipWhitespace()
        guard index < bytes.count, bytes[index] == close else { return true }
        index += 1
        depth -= 1
        return false
    }

    private mutating func next(closing: UInt8, _ expected: String) throws(JSONParseError) -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw fail("unexpected end of input") }
        if bytes[index] == UInt8(ascii: ",") {
            index += 1
            skipWhitespace()
            return true
        }
        guard bytes[index] == closing else { throw fail(expected) }
        index += 1
        depth -= 1
        return false
    }

    private mutating func literal(_ text: StaticString) throws(JSONParseError) {
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw fail("unexpected end of input") }
        let same = text.withUTF8Buffer { expected in (0..<count).allSatisfy { bytes[index + $0] == expected[$0] } }
        guard same else { throw fail("invalid literal") }
        index += count
    }

    /// Validates a number as `JSONParser.parseNumber` reads it.
    private mutating func scanNumber() throws(JSONParseError) {
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw fail("invalid number") }
        if bytes[index] == UInt8(ascii: "0") { index += 1 } else { digits() }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw fail("invalid number") }
            digits()
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw fail("invalid number") }
            digits()
        }
    }

    private mutating func digits() {
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    /// Validates a string (quotes, escapes, no control characters) and moves past it; one that is not UTF-8
    /// is noted to be replaced by what `JSONParser` reads from it (U+FFFD for what cannot be read).
    public mutating func scanString() throws(JSONParseError) -> StringToken {
        let quote = index
        index += 1
        var escaped = false, ascii = true
        while true {
            index = Self.plainRun(bytes, from: index)
            guard index < bytes.count else { throw fail("unterminated string") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { break }
            if byte < 0x20 { throw fail("control character in string") }
            if byte >= 0x80 { ascii = false }
            index += 1
            if byte == UInt8(ascii: "\\") {
                escaped = true
                guard index < bytes.count else { throw fail("unexpected end of input") }
                switch bytes[index] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 1
                case UInt8(ascii: "u"):
                    guard index + 5 <= bytes.count else { throw fail("unexpected end of input") }
                    for offset in 1...4 where !isHex(bytes[index + offset]) {
                        index += offset
                        throw fail("invalid \\u escape")
                    }
                    index += 5
                default: throw fail("invalid escape")
                }
            }
        }
        index += 1
        let range = (quote + 1)..<(index - 1)
        let utf8 = ascii || Self.isUTF8(UnsafeBufferPointer(rebasing: bytes[range]))
        if !utf8 {
            var parser = JSONParser(bytes: Array(bytes[quote..<index]))
            var repaired: [UInt8] = []
            JSON.writeString(try parser.parseString(), into: &repaired)
            edits.append((quote..<index, repaired))
        }
        return StringToken(range: range, escaped: escaped, isVerbatim: utf8 && !escaped)
    }

    /// Where the run of plain bytes (printable ASCII other than `"` and `\\`) starting at `start` ends, eight
    /// bytes at a time: most of a string's text, which then needs no byte-by-byte look.
    static func plainRun(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return start }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var i = start
        while i + 8 <= bytes.count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            // A byte's high bit is set in `special` when it is below 0x20, is `"` or `\\`, or is not ASCII.
            let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
            let special = ((word &- ones &* 0x20) | (quote &- ones) | (backslash &- ones) | word) & highs
            if special != 0 { return i + (special.trailingZeroBitCount >> 3) }
            i += 8
        }
        return i
    }

    private func isHex(_ byte: UInt8) -> Bool { isDigit(byte) || (byte | 0x20) &- UInt8(ascii: "a") < 6 }

    /// Well-formed UTF-8 (Unicode's table 3-7: no overlong forms, surrogates or code points past U+10FFFF).
    static func isUTF8(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < text.count {
            let lead = text[i]
            if lead < 0x80 { i += 1; continue }
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            let following: Int
            switch lead {
            case 0xC2...0xDF: following = 1
            case 0xE0: following = 2; low = 0xA0
            case 0xED: following = 2; high = 0x9F
            case 0xE1...0xEF: following = 2
            case 0xF0: following = 3; low = 0x90
            case 0xF4: following = 3; high = 0x8F
            case 0xF1...0xF3: following = 3
            default: return false
            }
            guard i + following < text.count, (low...high).contains(text[i + 1]) else { return false }
            for k in stride(from: 2, through: following, by: 1) where text[i + k] & 0xC0 != 0x80 { return false }
            i += following + 1
        }
        return true
    }
}
