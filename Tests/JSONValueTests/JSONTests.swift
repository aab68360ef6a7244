import Testing
import JSONValue

@Suite struct JSONTests {
    @Test func roundTripsEveryKind() throws {
        let text = #"{"a":[1,-2,3.5,1e3,true,false,null],"b":"x\"y\\z\n\u00e9\ud83d\ude00","c":{}}"#
        let value = try JSON(parsing: text)
        #expect(value["a"]?[0] == .int(1))
        #expect(value["a"]?[2] == .double(3.5))
        #expect(value["a"]?[3]?.doubleValue == 1000)
        #expect(value["b"]?.stringValue == "x\"y\\z\né😀")
        let again = try JSON(parsing: value.serialized())
        #expect(again == value)
    }

    @Test func serializesKeysSortedAndEscapesControls() {
        let value: JSON = ["b": 1, "a": .string("\u{1B}[31m")]
        #expect(value.serializedString == #"{"a":"\u001b[31m","b":1}"#)
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "tru", "01", "\"\u{01}\"", "1 2", "-", "1.", "{\"a\":1,}"])
    func rejectsInvalidText(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSON(parsing: text) }
    }
}
