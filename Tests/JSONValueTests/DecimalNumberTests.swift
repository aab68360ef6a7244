import Testing
import JSONValue

/// Numbers with more digits than a Double keeps stay exact from parse to serialization.
@Suite struct DecimalNumberTests {
    @Test func aLongNumberKeepsEveryDigit() throws {
        let text = #"{"value":123456789012345678.99}"#
        let value = try JSON(parsing: text)
        #expect(value["value"] == .decimal("123456789012345678.99"))
        #expect(value.serializedString == text)
        // What a Double would have made of it.
        #expect(JSON.double(123456789012345678.99).serializedString == "1.2345678901234568e+17")
        #expect(value["value"] != .double(123456789012345678.99))
    }

    @Test func shortNumbersStayIntsAndDoubles() throws {
        #expect(try JSON(parsing: "[12.5,1e3,-7,0.1,123456789012345.6]") == [12.5, 1000, -7, 0.1, .double(123456789012345.6)])
        #expect(try JSON(parsing: "12.5") == .double(12.5))
        // Past Int's range an integer keeps its digits too.
        #expect(try JSON(parsing: "123456789012345678901234") == .decimal("123456789012345678901234"))
    }

    @Test func decimalsCompareByValue() throws {
        #expect(JSON.decimal("1.5000000000000000000") == .double(1.5))
        #expect(JSON.decimal("1.0000000000000000000") == .int(1))
        #expect(JSON.decimal("1.0000000000000000000").intValue == 1)
        #expect(JSON.decimal("0.10000000000000000001") != .double(0.1))
        #expect(Set<JSON>([.decimal("2.00000000000000000"), .int(2)]).count == 1)
        #expect(JSON.decimal("123456789012345678.99").doubleValue == 123456789012345678.99)
    }

    @Test func numbersRoundExactlyHalfAwayFromZero() throws {
        func cents(_ text: String) -> String {
            let r = JSONNumber(text)!.rounded(places: 2)
            return (r.negative ? "-" : "") + r.whole + "." + r.fraction
        }
        #expect(cents("123456789012345678.995") == "123456789012345679.00")
        #expect(cents("1.005") == "1.01")  // as a Double, 1.005 is 1.00499…
        #expect(cents("-0.004") == "0.00")
        #expect(cents("-2.5e-1") == "-0.25")
        #expect(cents("0.005") == "0.01")
        #expect(cents("1e3") == "1000.00")
        #expect(JSONNumber("-0.00120")?.plain == "-0.0012")
        #expect(JSONNumber("1.2345678901234568e+17")?.plain == "123456789012345680")
        #expect(JSONNumber("1x") == nil)
    }
}
