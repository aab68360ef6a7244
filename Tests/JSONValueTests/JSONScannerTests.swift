import Testing

@testable import JSONValue

/// `JSONScanner` against the parser: it accepts exactly the texts `JSON(parsing:)` accepts, and its compact
/// copy of a value is one line that parses to the same value.
@Suite struct JSONScannerTests {
    /// The whole text scanned as one value and copied compact; nil when the scanner refuses it.
    static func compact(_ bytes: [UInt8]) -> [UInt8]? {
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer)
            var out: [UInt8] = []
            do {
                scanner.skipWhitespace()
                let start = scanner.index
                try scanner.scanValue()
                scanner.copy(start..<scanner.index, into: &out)
                try scanner.end()
                return out
            } catch {
                return nil
            }
        }
    }

    /// The scanner agrees with the parser on `bytes`: both refuse, or the copy is one line parsing to the same value.
    static func agrees(_ bytes: [UInt8]) -> Bool {
        let parsed = try? JSON(parsing: bytes)
        guard let copy = compact(bytes) else { return parsed == nil }
        guard let parsed, !copy.contains(0x0A), let again = try? JSON(parsing: copy) else { return false }
        return again == parsed
    }

    @Test func agreesWithTheParserOnTheConformanceTexts() {
        for (name, text) in JSONConformanceTests.accepted + JSONConformanceTests.refused + JSONConformanceTests.either {
            #expect(Self.agrees(Array(text.utf8)), "\(name)")
        }
    }

    /// Strings are read eight bytes at a time up to the first byte that needs a look: each such byte, at
    /// every place in a word and after every length of plain text, is seen as the parser sees it.
    @Test func agreesWithTheParserWhereverASpecialByteFallsInAWord() {
        let specials: [[UInt8]] = [[0x22], [0x5C, 0x22], [0x5C, 0x6E], [0x5C, 0x75, 0x30, 0x30, 0x34, 0x31], [0x5C, 0x78],
                                   [0x00], [0x1F], [0x7F], [0x20], [0x21], [0x23], [0x5B], [0x5D], [0xC3, 0xA9], [0xE2, 0x82, 0xAC],
                                   [0xF0, 0x9F, 0x98, 0x80], [0x80], [0xC3], [0xFF], [0xED, 0xA0, 0x80]]
        for before in 0..<20 {
            for special in specials {
                for after in [0, 1, 7, 9] {
                    let text = [0x22] + Array(repeating: UInt8(ascii: "a"), count: before) + special
                        + Array(repeating: UInt8(ascii: "b"), count: after) + [0x22]
                    #expect(Self.agrees(text), "\(text)")
                    #expect(Self.agrees(text.dropLast() + []), "unterminated \(text)")
                }
            }
        }
    }

    /// Whitespace between tokens goes, whitespace in strings stays; escapes, unicode, nesting and nulls are kept.
    @Test func copiesAPrettyPrintedRowAsOneLine() throws {
        let text = """
            {
              "id" : 7,
              "title" : "Tab\\there \\"quoted\\" \\\\ back\\/slash \\u00e9 \\ud83d\\ude00 Ünïcödé 中文 😀 a  b",
              "nested" : { "list" : [ 1 , -2.5e3 , null , true , false , { } , [ ] ], "money" : 123456789012345678.99 },
              "empty" : "", "none" : null
            }
            """
        let copy = try #require(Self.compact(Array(text.utf8)))
        #expect(!copy.contains(0x0A))
        #expect(String(decoding: copy, as: UTF8.self).hasPrefix(#"{"id":7,"title":"Tab\there \"quoted\" \\ back\/slash \u00e9"#))
        #expect(try JSON(parsing: copy) == JSON(parsing: text))
    }

    /// A string that is not UTF-8 is copied as the parser reads it (U+FFFD for what cannot be read).
    @Test func repairsStringsThatAreNotUTF8() throws {
        let cases: [[UInt8]] = [[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE0, 0xFF], [0x61, 0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]]
        for bad in cases {
            let text = Array(#"{"a":" "#.utf8) + bad + Array(#"\n","b":"ok"}"#.utf8)
            let copy = try #require(Self.compact(text))
            #expect(String(validating: copy, as: UTF8.self) != nil)
            #expect(try JSON(parsing: copy) == JSON(parsing: text))
        }
        for good in ["é", "中", "😀", "\u{10FFFF}", "\u{FFFF}"] {
            let text = Array("[\"\(good)\"]".utf8)
            #expect(Self.compact(text) == text)
        }
    }

    /// The member asked for is found in the object scanned, not in one nested in it.
    @Test func findsATopLevelMember() throws {
        let text = Array(#"{"owner":{"id":3},"id" : 42 ,"name":"x"}"#.utf8)
        let id = try text.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer)
            let range = try #require(try scanner.scanValue(member: "id"))
            return try scanner.value(at: range)
        }
        #expect(id == 42)
    }

    /// 20,000 seeded random mutations of the accepted texts: the scanner and the parser agree on each.
    @Test func agreesWithTheParserOnRandomMutations() {
        for bytes in JSONConformanceTests.mutations(seed: 0x5ca11e) where !Self.agrees(bytes) {
            Issue.record("disagree on \(bytes)")
        }
    }
}
