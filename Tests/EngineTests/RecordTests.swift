import Testing
import JSONValue
@testable import PipedriveEngine

@Suite struct RecordTests {
    static let options = [FieldOption(id: 190, label: "Private person"), FieldOption(id: 191, label: "Company")]
    static let fields = [
        CustomField(key: "title", name: "Title", type: .varchar, isCustom: false),
        CustomField(key: "add_time", name: "Created", type: .date, isCustom: false),
        CustomField(key: "user_id", name: "Owner", type: .user, isCustom: false),
        CustomField(key: "e0", name: "Kind", type: .enumeration, options: options),
        CustomField(key: "s0", name: "Tags", type: .set, options: options),
        CustomField(key: "m0", name: "Budget", type: .monetary),
        CustomField(key: "d0", name: "Period", type: .daterange),
        CustomField(key: "t0", name: "Call at", type: .time),
        CustomField(key: "a0", name: "Office", type: .address),
        CustomField(key: "p0", name: "Contact", type: .people),
        CustomField(key: "n0", name: "Score", type: .double),
    ]
    let schema = Schema(resource: Catalog.pipedrive.resource(named: "deals")!, customFields: fields)

    /// A v1 deal and the same deal in v2.
    static let v1 = try! JSON(parsing: """
        {"id":5,"title":"Big","user_id":{"id":9,"name":"Ann","value":9},"e0":"191","s0":"190,191",
         "m0":1500,"m0_currency":"EUR","d0":"2026-01-01","d0_until":"2026-01-31","t0":"09:30:00",
         "a0":"Main St 1","a0_locality":"Tallinn","a0_formatted_address":"Main St 1, Tallinn",
         "p0":{"name":"Bo","value":4},"n0":null}
        """)
    static let v2 = try! JSON(parsing: """
        {"id":5,"title":"Big","owner_id":9,"custom_fields":{"e0":191,"s0":[190,191],
         "m0":{"value":1500,"currency":"EUR"},"d0":{"value":"2026-01-01","until":"2026-01-31"},
         "t0":{"value":"09:30:00"},"a0":{"value":"Main St 1","locality":"Tallinn","formatted_address":"Main St 1, Tallinn"},
         "p0":4,"n0":null}}
        """)

    @Test func readsV1AndV2RecordsAlike() {
        let one = schema.record(from: Self.v1), two = schema.record(from: Self.v2)
        #expect(one.id == .int(5) && two.id == .int(5))
        for key in ["title", "e0", "s0", "m0", "d0", "t0", "a0"] {
            #expect(one[key] == two[key], "\(key)")
        }
        #expect(one["m0"] == ["value": 1500, "currency": "EUR"])
        #expect(one["s0"] == [190, 191])
        #expect(one["m0_currency"] == nil && one["a0_locality"] == nil && one["custom_fields"] == nil)
        #expect(two["custom_fields"] == nil)
        #expect(one["n0"] == nil && two["n0"] == nil)
        // Shown alike too.
        let formatter = ValueFormatter()
        for key in ["e0", "s0", "m0", "d0", "t0", "a0", "p0"] {
            let field = schema.field(key)!
            #expect(formatter.display(one[key], for: field) == formatter.display(two[key], for: field) || key == "p0")
        }
        #expect(formatter.display(one["s0"], for: schema.field("s0")!) == "Private person, Company")
        #expect(formatter.display(one["p0"], for: schema.field("p0")!) == "Bo")
        #expect(formatter.display(two["a0"], for: schema.field("a0")!) == "Main St 1, Tallinn")
    }

    @Test func v2RenamedFieldsReadAndWriteUnderEachVersionsName() throws {
        let one = schema.record(from: Self.v1), two = schema.record(from: Self.v2)
        #expect(two["user_id"] == 9 && two["owner_id"] == nil)
        #expect(ValueFormatter().display(one["user_id"], for: schema.field("user_id")!) == "Ann")
        var edited = two
        edited["user_id"] = 12
        #expect(schema.updateBody(from: two, to: edited, version: .v2) == ["owner_id": 12])
        #expect(schema.updateBody(from: two, to: edited, version: .v1) == ["user_id": 12])
    }

    @Test func leadsKeepTheirUUID() {
        let lead = Record(json: ["id": "adf21080-0e10-11eb-879b-05d71fb426ec", "title": "L"])
        #expect(lead.id == .string("adf21080-0e10-11eb-879b-05d71fb426ec"))
    }

    /// Every custom type: canonical value → v1 entries → a v1 record → the same canonical value; and the
    /// same through v2.
    @Test(arguments: [
        (CustomFieldType.enumeration, JSON.int(191), ["k": "191"] as JSON, JSON.int(191)),
        (.set, [190, 191], ["k": "190,191"], [190, 191]),
        (.set, [], ["k": nil], nil),
        (.monetary, ["value": 20.5, "currency": "USD"], ["k": 20.5, "k_currency": "USD"], ["value": 20.5, "currency": "USD"]),
        (.daterange, ["value": "2026-01-01", "until": "2026-02-01"], ["k": "2026-01-01", "k_until": "2026-02-01"],
         ["value": "2026-01-01", "until": "2026-02-01"]),
        (.timerange, ["value": "09:00:00", "until": "10:00:00", "timezone_id": 318], ["k": "09:00:00", "k_until": "10:00:00", "k_timezone_id": 318],
         ["value": "09:00:00", "until": "10:00:00", "timezone_id": 318]),
        (.time, ["value": "09:30:00"], ["k": "09:30:00"], ["value": "09:30:00"]),
        (.address, ["value": "Main St 1", "locality": "Tallinn"], ["k": "Main St 1", "k_locality": "Tallinn"],
         ["value": "Main St 1", "locality": "Tallinn"]),
        (.people, 4, ["k": 4], 4),
        (.user, ["id": 9, "name": "Ann", "value": 9], ["k": 9], 9),
        (.date, "2026-01-31", ["k": "2026-01-31"], "2026-01-31"),
        (.double, 2.5, ["k": 2.5], 2.5),
        (.boolean, true, ["k": true], true),
        (.varchar, "hi", ["k": "hi"], "hi"),
        (.enumeration, nil, ["k": nil], nil),
    ] as [(CustomFieldType, JSON, JSON, JSON)])
    func encodesAndReadsBackInBothVersions(type: CustomFieldType, value: JSON, v1: JSON, v2: JSON) {
        let field = CustomField(key: "k", name: "K", type: type, options: Self.options)
        #expect(.object(field.v1Entries(value)) == v1)
        #expect(field.v2Value(value) == v2)
        let fromV1 = Record(json: .object((v1.objectValue ?? [:]).merging(["id": 1]) { a, _ in a }), customFields: [field])
        let fromV2 = Record(json: ["id": 1, "custom_fields": ["k": v2]], customFields: [field])
        // Both read back to what they encode (references come back as their ids).
        #expect(.object(field.v1Entries(fromV1["k"] ?? .null)) == v1)
        #expect(field.v2Value(fromV2["k"] ?? .null) == v2)
        #expect(field.v2Value(fromV1["k"] ?? .null) == v2)
    }

    @Test func sendsOnlyWhatChanged() throws {
        let original = schema.record(from: Self.v1)
        var edited = original
        #expect(schema.updateBody(from: original, to: edited, version: .v1) == nil)
        #expect(schema.updateBody(from: original, to: edited, version: .v2) == nil)

        edited["title"] = "Bigger"
        edited["e0"] = 190
        edited["m0"] = ["value": 2000, "currency": "EUR"]
        edited["s0"] = []
        edited["p0"] = 4  // the same person as {name: Bo, value: 4}
        edited["user_id"] = 9  // the same user
        edited["add_time"] = "2026-01-01 00:00:00"  // computed: no Update body of the specs takes it
        edited["activities"] = [1, 2]  // gathered: never sent
        let v1 = try #require(schema.updateBody(from: original, to: edited, version: .v1))
        #expect(v1 == ["title": "Bigger", "e0": "190", "m0": 2000, "m0_currency": "EUR", "s0": nil])
        let v2 = try #require(schema.updateBody(from: original, to: edited, version: .v2))
        #expect(v2 == ["title": "Bigger", "custom_fields": ["e0": 190, "m0": ["value": 2000, "currency": "EUR"], "s0": nil]])
    }

    @Test func aDealsAmountGoesAsANumberWithItsCurrencyBeside() throws {
        let deals = Schema(resource: schema.resource, customFields: Self.fields + [
            CustomField(key: "value", name: "Value", type: .monetary, isCustom: false),
            CustomField(key: "currency", name: "Currency", type: .varcharOptions, isCustom: false),
        ])
        let loaded = deals.record(from: ["id": 5, "value": 1450, "currency": "USD"])
        var edited = loaded
        edited["value"] = ["value": 2000, "currency": "EUR"]
        for version in [APIVersion.v1, .v2] {
            #expect(deals.updateBody(from: loaded, to: edited, version: version) == ["value": 2000, "currency": "EUR"])
        }
        // A currency written as well wins over the amount's.
        edited["currency"] = "GBP"
        #expect(deals.updateBody(from: loaded, to: edited, version: .v2) == ["value": 2000, "currency": "GBP"])
        #expect(deals.createBody(["title": "New", "value": ["value": 10, "currency": "EUR"]], version: .v2)
            == ["title": "New", "value": 10, "currency": "EUR"])
        // A custom amount keeps its object (v2) or its `_currency` sibling (v1).
        edited["m0"] = ["value": 3, "currency": "EUR"]
        #expect(deals.updateBody(from: loaded, to: edited, version: .v2)?["custom_fields"] == ["m0": ["value": 3, "currency": "EUR"]])
    }

    @Test func writesTimestampsAsEachVersionDoes() throws {
        // `won_time`, typed a date by the fields list, is a moment: RFC 3339 in v2, which refuses the v1 form.
        let schema = Schema(resource: schema.resource, customFields: [CustomField(key: "won_time", name: "Won time", type: .date, isCustom: false)])
        let original = schema.record(from: ["id": 1, "won_time": "2026-01-31T23:30:00Z"])
        var edited = original
        edited["won_time"] = "2026-01-31 23:30:00"  // the same moment, as ValueParser writes it
        #expect(schema.updateBody(from: original, to: edited, version: .v2) == nil)
        edited["won_time"] = "2026-02-01 08:00:00"
        #expect(schema.updateBody(from: original, to: edited, version: .v2) == ["won_time": "2026-02-01T08:00:00Z"])
        #expect(schema.updateBody(from: original, to: edited, version: .v1) == ["won_time": "2026-02-01 08:00:00"])
        // A computed moment (when the deal rots) is never sent.
        edited["rotten_time"] = "2026-02-01 08:00:00"
        #expect(schema.updateBody(from: original, to: edited, version: .v2) == ["won_time": "2026-02-01T08:00:00Z"])
    }

    @Test func leavesReadOnlyFieldsOut() throws {
        let organizations = Schema(resource: Catalog.pipedrive.resource(named: "organizations")!)
        let original = organizations.record(from: ["id": 3, "name": "Acme", "open_deals_count": 2])
        var edited = original
        edited["open_deals_count"] = 5
        edited["id"] = 4
        #expect(organizations.updateBody(from: original, to: edited, version: .v1) == nil)
        // Nor what Pipedrive computes, which no Update body takes (the BCC address).
        edited["cc_email"] = "a@b.c"
        #expect(organizations.updateBody(from: original, to: edited, version: .v2) == nil)
        edited["name"] = "Acme Ltd"
        #expect(organizations.updateBody(from: original, to: edited, version: .v2) == ["name": "Acme Ltd"])
    }

    @Test func createsWithEveryGivenValue() {
        let values: [String: JSON] = ["title": "New", "e0": 191, "s0": [190], "m0": ["value": 5, "currency": "EUR"], "n0": nil]
        #expect(schema.createBody(values, version: .v1) == ["title": "New", "e0": "191", "s0": "190", "m0": 5, "m0_currency": "EUR"])
        #expect(schema.createBody(values, version: .v2)
            == ["title": "New", "custom_fields": ["e0": 191, "s0": [190], "m0": ["value": 5, "currency": "EUR"]]])
    }
}
