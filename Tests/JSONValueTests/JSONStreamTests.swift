import JSONValue
import Testing

/// Rows alike, one after another: the writer's remembered key orders and the parser's reused keys give the
/// same values and text as each row on its own.
@Suite struct JSONStreamTests {
    @Test func writerGivesEachObjectItsOwnSortedKeys() {
        // Same sizes, different keys; nested objects of the same size as the outer ones.
        let rows: [JSON] = [
            ["b": 1, "a": ["y": 1, "x": 2]], ["c": 3, "a": 4], ["a": 5, "b": ["d": nil, "c": true]], ["b": 6, "a": 7],
            [:], ["a": [["z": 1, "y": "\u{1B}"]]],
        ]
        var writer = JSONWriter()
        var out: [UInt8] = []
        for row in rows {
            writer.write(row, into: &out)
            out.append(0x0A)
        }
        #expect(String(decoding: out, as: UTF8.self) == rows.map { $0.serializedString + "\n" }.joined())
        #expect(rows[0].serializedString == #"{"a":{"x":2,"y":1},"b":1}"#)
        #expect(rows[5].serializedString == #"{"a":[{"y":"\u001b","z":1}]}"#)
    }

    @Test func integersAreWrittenWhole() {
        let values: [JSON] = [0, -0, 7, -42, .int(Int.max), .int(Int.min), 1e14, -3.0]
        #expect(JSON.array(values).serializedString == "[0,0,7,-42,9223372036854775807,-9223372036854775808,100000000000000,-3]")
    }

    @Test func parserReusesKeysOnlyWhereTheTextIsTheSame() throws {
        let text = #"[{"a\u0062":1,"x":{"k":1}},{"ab":2,"x":{"k":2}},{"ab":3,"y":4,"z":5},{"a":6},{"ab\"":7},{"ab":8}]"#
        let rows = try #require(try JSON(parsing: text).arrayValue)
        #expect(rows == [["ab": 1, "x": ["k": 1]], ["ab": 2, "x": ["k": 2]], ["ab": 3, "y": 4, "z": 5], ["a": 6], ["ab\"": 7], ["ab": 8]])
        // A reused key is still followed by what JSON requires.
        #expect(throws: JSONParseError.self) { try JSON(parsing: #"[{"ab":1},{"ab"x:2}]"#) }
        #expect(throws: JSONParseError.self) { try JSON(parsing: #"[{"ab":1},{"ab"#) }
    }

    @Test func integersParseWithoutLosingDigits() throws {
        let text = "[-0,123456789012345678,1234567890123456789,-9223372036854775808,9223372036854775807,9223372036854775808]"
        let values = try #require(try JSON(parsing: text).arrayValue)
        #expect(values[0] == .int(0))
        #expect(values[1] == .int(123_456_789_012_345_678))
        #expect(values[2] == .int(1_234_567_890_123_456_789))
        #expect(values[3] == .int(Int.min))
        #expect(values[4] == .int(Int.max))
        #expect(values[5].intValue == nil)
    }

    @Test func tooDeepIsRefusedWithoutCrashing() {
        let deep = String(repeating: "[{\"a\":", count: 300) + "1" + String(repeating: "}]", count: 300)
        #expect(throws: JSONParseError.self) { try JSON(parsing: deep) }
    }
}
