import Foundation
import Testing
import JSONValue
@testable import PipedriveEngine

@Suite struct ValueTests {
    let plusTwo = ValueFormatter(timeZone: TimeZone(secondsFromGMT: 7200)!)
    let options = [FieldOption(id: 190, label: "Private person"), FieldOption(id: 191, label: "Company")]

    func field(_ type: CustomFieldType, mandatory: Bool = false) -> RecordField {
        Schema(resource: Catalog.pipedrive.resource(named: "deals")!, customFields: [
            CustomField(key: "f", name: "Field", type: type, options: options, isMandatory: mandatory),
        ]).field("f")!
    }

    @Test func showsValuesByKind() {
        let f = plusTwo
        #expect(f.display(12345, kind: .integer) == "12345")
        #expect(f.display(12.5, kind: .decimal) == "12.5")
        #expect(f.display(12.0, kind: .decimal) == "12")
        #expect(f.display(["value": 1234.5, "currency": "EUR"], kind: .money) == "1,234.50 EUR")
        #expect(f.display(1_234_567, kind: .money) == "1,234,567.00")
        #expect(f.display(-0.5, kind: .money) == "-0.50")
        #expect(f.display(["value": nil, "currency": "EUR"], kind: .money) == "EUR")
        #expect(f.display(true, kind: .boolean) == "yes")
        #expect(f.display(0, kind: .boolean) == "no")
        #expect(f.display("1", kind: .boolean) == "yes")
        #expect(f.display(["id": 7, "name": "Ann Lee", "email": "ann@x.io", "value": 7], kind: .user) == "Ann Lee")
        #expect(f.display(["name": "Acme", "value": 3, "people_count": 2], kind: .organization) == "Acme")
        #expect(f.display(["active_flag": true, "name": "Bo", "value": 4], kind: .person) == "Bo")
        #expect(f.display(7, kind: .person) == "7")
        #expect(f.display([1, 2, 3], kind: .list) == "3 items")
        #expect(f.display([1], kind: .list) == "1 item")
        #expect(f.display(190, kind: .option, options: options) == "Private person")
        #expect(f.display("191", kind: .option, options: options) == "Company")
        #expect(f.display(["id": 191, "label": "Firm"], kind: .option, options: options) == "Firm")
        #expect(f.display(999, kind: .option, options: options) == "999")
        #expect(f.display([190, 191], kind: .options, options: options) == "Private person, Company")
        #expect(f.display("190,191", kind: .options, options: options) == "Private person, Company")
        #expect(f.display(["value": "2026-01-01", "until": "2026-01-31"], kind: .dateRange) == "2026-01-01 – 2026-01-31")
        #expect(f.display(["value": "09:30:00", "timezone_name": "Europe/London"], kind: .time) == "09:30")
        #expect(f.display(["value": "Main St 1", "formatted_address": "Main St 1, Tallinn"], kind: .address) == "Main St 1, Tallinn")
        #expect(f.display([["value": "555", "primary": false], ["value": "777", "primary": true]], kind: .phone) == "777 +1")
        #expect(f.display([["value": "bo@example.com", "primary": true, "label": "work"]], kind: .list) == "bo@example.com")
        #expect(f.display(["a": [1]], kind: .json) == #"{"a":[1]}"#)
        let levels = [FieldOption(id: 1, label: "Owner & followers"), FieldOption(id: 3, label: "Entire company")]
        #expect(f.display("3", kind: .visibility, options: levels) == "Entire company")  // v1: a digit string
        #expect(f.display(1, kind: .visibility, options: levels) == "Owner & followers")  // v2: an integer
    }

    @Test func showsEmptyAsEmpty() {
        for kind in [ValueKind.text, .integer, .money, .option, .list, .timestamp, .user] {
            #expect(plusTwo.display(nil, kind: kind) == "")
            #expect(plusTwo.display(.null, kind: kind) == "")
            #expect(plusTwo.display("", kind: kind) == "")
            #expect(plusTwo.display([], kind: kind) == "")
        }
    }

    @Test func showsTimestampsInTheViewersZone() {
        #expect(plusTwo.display("2026-01-31 23:30:00", kind: .timestamp) == "2026-02-01 01:30")
        #expect(plusTwo.display("2026-01-31T23:30:00Z", kind: .timestamp) == "2026-02-01 01:30")
        #expect(plusTwo.display("2026-01-31T23:30:00.000Z", kind: .timestamp) == "2026-02-01 01:30")
        #expect(plusTwo.display("2026-02-01T01:30:00+02:00", kind: .timestamp) == "2026-02-01 01:30")
        let newYork = ValueFormatter(timeZone: TimeZone(secondsFromGMT: -5 * 3600)!)
        #expect(newYork.display("2024-03-01 02:00:00", kind: .timestamp) == "2024-02-29 21:00")
        #expect(newYork.display("1969-12-31 23:00:00", kind: .timestamp) == "1969-12-31 18:00")
        // Dates carry no zone; what is not a timestamp is shown as it is.
        #expect(newYork.display("2026-01-31", kind: .date) == "2026-01-31")
        #expect(newYork.display("Jane", kind: .timestamp) == "Jane")
        #expect(newYork.display(17, kind: .timestamp) == "17")
    }

    @Test func neverPassesControlCharacters() {
        #expect(plusTwo.display("a\u{1B}[31mb\nc\u{7}", kind: .text) == "a[31mb c")
        #expect(plusTwo.display(["name": "x\u{9B}y"], kind: .user) == "xy")
        #expect(plusTwo.display(["id": 1, "label": "L\u{0}"], kind: .option) == "L")
    }

    @Test func parsesWhatTheUserTypes() throws {
        let p = ValueParser(timeZone: TimeZone(secondsFromGMT: 7200)!)
        #expect(try p.parse("1,234", for: field(.int)) == 1234)
        #expect(try p.parse("12.5", for: field(.double)) == 12.5)
        #expect(try p.parse("1234.50 EUR", for: field(.monetary)) == ["value": 1234.5, "currency": "EUR"])
        #expect(try p.parse("usd 10", for: field(.monetary)) == ["value": 10, "currency": "USD"])
        #expect(try p.parse("10", for: field(.monetary), current: ["value": 3, "currency": "GBP"]) == ["value": 10, "currency": "GBP"])
        #expect(try p.parse("Yes", for: field(.boolean)) == true)
        #expect(try p.parse("off", for: field(.boolean)) == false)
        #expect(try p.parse("2024-02-29", for: field(.date)) == "2024-02-29")
        #expect(try p.parse("09:30", for: field(.time)) == ["value": "09:30:00"])
        #expect(try p.parse("2026-01-01 - 2026-01-31", for: field(.daterange)) == ["value": "2026-01-01", "until": "2026-01-31"])
        #expect(try p.parse("09:00..17:30", for: field(.timerange)) == ["value": "09:00:00", "until": "17:30:00"])
        #expect(try p.parse("company", for: field(.enumeration)) == 191)
        #expect(try p.parse("190", for: field(.enumeration)) == 190)
        #expect(try p.parse("Company, private person, Company", for: field(.set)) == [191, 190])
        #expect(try p.parse("12", for: field(.people)) == 12)
        #expect(try p.parse("Main St 1", for: field(.address)) == ["value": "Main St 1"])
        #expect(try p.parse("3", for: field(.visibleTo)) == 3)
        #expect(try p.parse(#"{"a":1}"#, for: field(.json)) == ["a": 1])
        #expect(try p.parse("  ", for: field(.varchar)) == .null)
        let calls = Schema(resource: Catalog.pipedrive.resource(named: "callLogs")!)
        #expect(try p.parse("2026-02-01 01:30", for: calls.field("start_time")!) == "2026-01-31 23:30:00")
    }

    @Test(arguments: [
        (CustomFieldType.int, "x", "Field: \"x\" is not a whole number."),
        (.double, "1,2,x", "Field: \"1,2,x\" is not a number, e.g. 12.5."),
        (.monetary, "10", "Field: \"10\" needs a currency, e.g. 1234.50 EUR."),
        (.monetary, "ten EUR", "Field: \"ten EUR\" is not an amount, e.g. 1234.50 EUR."),
        (.monetary, "10 20", "Field: \"10 20\" is not an amount with a currency, e.g. 1234.50 EUR."),
        (.boolean, "maybe", "Field: \"maybe\" is not yes or no."),
        (.date, "2026-02-29", "Field: \"2026-02-29\" is not a date YYYY-MM-DD."),
        (.time, "9:30", "Field: \"9:30\" is not a time HH:MM or HH:MM:SS."),
        (.daterange, "2026-02-01 - 2026-01-01", "Field: \"2026-02-01 - 2026-01-01\" is not a date range, e.g. 2026-01-01 - 2026-01-31."),
        (.enumeration, "Nope", "Field: \"Nope\" is not one of Private person, Company."),
        (.set, "Company, Nope", "Field: \"Company, Nope\" has \"Nope\", which is not one of Private person, Company."),
        (.people, "0", "Field: \"0\" is not a record id (a positive whole number)."),
        (.visibleTo, "2", "Field: \"2\" is not one of 1, 3, 5, 7."),
        // The limit comes first and the value is not quoted whole.
        (.varchar, String(repeating: "a", count: 256),
         "Field: is too long (at most 255 characters); the value has 256 characters (\"\(String(repeating: "a", count: 40))…\")."),
        (.varchar, String(repeating: "é", count: 10_000),
         "Field: is too long (at most 255 characters); the value has 10000 characters (\"\(String(repeating: "é", count: 40))…\")."),
        (.priceList, "3", "Field: \"3\" cannot be edited as text."),
    ])
    func rejectsWhatIsNotAValue(type: CustomFieldType, input: String, message: String) {
        #expect(throws: ValueError.self) { try ValueParser().parse(input, for: field(type)) }
        do {
            _ = try ValueParser().parse(input, for: field(type))
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func refusesReadOnlyAndMissingMandatoryValues() throws {
        #expect(throws: ValueError(field: "Field", input: "", reason: "is required")) {
            try ValueParser().parse("", for: field(.varchar, mandatory: true))
        }
        let schema = Schema(resource: Catalog.pipedrive.resource(named: "organizations")!)
        #expect(throws: ValueError(field: "open_deals_count", input: "3", reason: "is computed by Pipedrive and cannot be set (read-only)")) {
            try ValueParser().parse("3", for: schema.field("open_deals_count")!)
        }
        #expect(throws: ValueError.self) { try ValueParser().parse("4", for: schema.field("id")!) }
    }
}

extension ValueTests {
    /// A custom visibility field lists no options: the detail and grid show its level by name, as the form does.
    @Test func showsACustomVisibilityFieldByItsLevel() {
        let visibility = field(.visibleTo)
        let bare = RecordField(CustomField(key: "v", name: "Visibility", type: .visibleTo))
        #expect(ValueFormatter().display(.int(3), for: bare) == "Entire company")
        #expect(ValueFormatter().display(.int(7), kind: .visibility) == "Owner's group and sub-groups")
        #expect(ValueFormatter().display(.int(191), for: visibility) == "Company")  // an account's own levels win
    }
}
