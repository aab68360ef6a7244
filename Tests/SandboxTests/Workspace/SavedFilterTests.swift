import JSONValue
import Testing

@testable import PipedriveSandbox

/// Saved filters evaluated by the lists' `filter_id`: each operator, nesting, links to other objects, and every
/// list that takes a filter, in v1 and v2. Expected rows are computed here from the stored account.
@Suite("Sandbox: saved filters on lists")
struct SavedFilterTests {
    typealias Condition = (object: String, field: String, op: String, value: JSON)

    /// Every id a list returns under `query`, following v2 cursors or v1 offsets.
    static func listedIDs(_ sandbox: WorkspaceSandbox, _ path: String, _ query: [String: String]) async throws -> Set<Int> {
        var ids: Set<Int> = []
        var query = query
        query["limit"] = "500"
        while true {
            let reply = try await sandbox.call("GET", path, query: query)
            #expect(reply.status == 200, "\(path) \(query): \(String(decoding: reply.bytes, as: UTF8.self).prefix(300))")
            for row in reply.data.arrayValue ?? [] { ids.insert(row["id"]!.intValue!) }
            if let cursor = reply.json["additional_data"]?["next_cursor"]?.stringValue {
                query["cursor"] = cursor
            } else if let next = reply.json["additional_data"]?["pagination"]?["next_start"]?.intValue {
                query["start"] = String(next)
            } else {
                return ids
            }
        }
    }

    /// A filter of `type` with `all` in the `and` group and `any` in the `or` group; returns its id.
    static func create(_ sandbox: WorkspaceSandbox, _ type: String, all: [Condition], any: [Condition] = []) async throws -> Int {
        func leaves(_ conditions: [Condition]) -> JSON {
            .array(conditions.map { ["object": .string($0.object), "field_id": .string($0.field), "operator": .string($0.op), "value": $0.value] })
        }
        let body: JSON = [
            "name": "test", "type": .string(type),
            "conditions": ["glue": "and", "conditions": [["glue": "and", "conditions": leaves(all)], ["glue": "or", "conditions": leaves(any)]]],
        ]
        let reply = try await sandbox.call("POST", "/api/v1/filters", .json(body))
        #expect(reply.status == 200, "\(String(decoding: reply.bytes, as: UTF8.self))")
        return reply.data["id"]!.intValue!
    }

    /// A field's id in a `*Fields` table, as Pipedrive's filters name fields.
    static func fieldID(_ store: Store, _ table: String, _ key: String) -> String {
        String(store[table].all.first { $0["key"]?.stringValue == key }!["id"]!.intValue!)
    }

    static func listedDeals(_ store: Store) -> [JSON] { store["deals"].all.filter { $0["is_archived"] != true } }

    @Test func eachOperatorOnDeals() async throws {
        let sandbox = try WorkspaceSandbox()
        let store = sandbox.store()
        let deals = Self.listedDeals(store)
        let value = Self.fieldID(store, "dealFields", "value")
        let title = Self.fieldID(store, "dealFields", "title")
        let prefix = String(deals[0]["title"]!.stringValue!.prefix(3))
        let word = String(deals[5]["title"]!.stringValue!.split(separator: " ").last!).lowercased()
        func number(_ row: JSON) -> Double { row["value"]?.doubleValue ?? 0 }
        func text(_ row: JSON) -> String { row["title"]?.stringValue?.lowercased() ?? "" }
        let cases: [(Condition, (JSON) -> Bool)] = [
            (("deal", "status", "=", "open"), { $0["status"] == "open" }),
            (("deal", "status", "!=", "won"), { $0["status"] != "won" }),
            (("deal", value, ">", "20000"), { number($0) > 20_000 }),
            (("deal", value, ">=", "20000"), { number($0) >= 20_000 }),
            (("deal", value, "<", "1000"), { number($0) < 1_000 }),
            (("deal", value, "<=", "1000"), { number($0) <= 1_000 }),
            (("deal", title, "LIKE '$%'", .string(prefix)), { text($0).hasPrefix(prefix.lowercased()) }),
            (("deal", title, "LIKE '%$%'", .string(word)), { text($0).contains(word) }),
            (("deal", title, "NOT LIKE '$%'", .string(prefix)), { !text($0).hasPrefix(prefix.lowercased()) }),
            (("deal", "expected_close_date", "IS NULL", nil), { ($0["expected_close_date"] ?? .null) == .null }),
            (("deal", "expected_close_date", "IS NOT NULL", nil), { ($0["expected_close_date"] ?? .null) != .null }),
            (("deal", "add_time", "<", "2026-01-01"), { ($0["add_time"]?.stringValue ?? "") < "2026-01-01" }),
        ]
        for (condition, predicate) in cases {
            let id = try await Self.create(sandbox, "deals", all: [condition])
            let expected = Set(deals.filter(predicate).map { $0["id"]!.intValue! })
            #expect(!expected.isEmpty && expected.count < deals.count, "\(condition.op) narrows")
            #expect(try await Self.listedIDs(sandbox, "/api/v2/deals", ["filter_id": String(id)]) == expected, "v2 \(condition.op)")
            #expect(try await Self.listedIDs(sandbox, "/api/v1/deals", ["filter_id": String(id)]) == expected, "v1 \(condition.op)")
        }
    }

    @Test func andOrGroupsAndLinkedObjects() async throws {
        let sandbox = try WorkspaceSandbox()
        let store = sandbox.store()
        let deals = Self.listedDeals(store)
        // and: open; or: value ≥ 50,000 or owned by user 2.
        let nested = try await Self.create(
            sandbox, "deals", all: [("deal", "status", "=", "open")],
            any: [("deal", "value", ">=", "50000"), ("deal", Self.fieldID(store, "dealFields", "user_id"), "=", "2")])
        let expected = Set(deals.filter {
            $0["status"] == "open" && (($0["value"]?.doubleValue ?? 0) >= 50_000 || $0["owner_id"] == 2)
        }.map { $0["id"]!.intValue! })
        #expect(!expected.isEmpty)
        #expect(try await Self.listedIDs(sandbox, "/api/v2/deals", ["filter_id": String(nested)]) == expected)

        // A deal filter on the linked person's name.
        let person = store["persons"].all.first { $0["name"]?.stringValue?.first?.isLetter == true }!
        let initial = String(person["name"]!.stringValue!.prefix(1))
        let linked = try await Self.create(sandbox, "deals", all: [("person", "name", "LIKE '$%'", .string(initial))])
        let byPerson = Set(deals.filter { deal in
            guard let id = deal["person_id"]?.intValue, let name = store["persons"][id]?["name"]?.stringValue else { return false }
            return name.lowercased().hasPrefix(initial.lowercased())
        }.map { $0["id"]!.intValue! })
        #expect(!byPerson.isEmpty)
        #expect(try await Self.listedIDs(sandbox, "/api/v2/deals", ["filter_id": String(linked)]) == byPerson)

        // filter_id combines with the list's other filters; v2 ignores `ids` beside it.
        #expect(try await Self.listedIDs(sandbox, "/api/v2/deals", ["filter_id": String(nested), "owner_id": "2"])
            == Set(expected.filter { store["deals"][$0]?["owner_id"] == 2 }))
        #expect(try await Self.listedIDs(sandbox, "/api/v2/deals", ["filter_id": String(nested), "ids": "1,2"]) == expected)
    }

    /// The demo's named filters on every list that takes `filter_id`, v1 and v2.
    @Test func namedFiltersOnEveryList() async throws {
        let sandbox = try WorkspaceSandbox()
        let store = sandbox.store()
        func filter(_ name: String) -> String { String(store["filters"].all.first { $0["name"]?.stringValue == name }!["id"]!.intValue!) }
        func ids(_ rows: [JSON]) -> Set<Int> { Set(rows.map { $0["id"]!.intValue! }) }
        let lists: [(path: String, filter: String, v1Query: [String: String], expected: Set<Int>)] = [
            ("deals", "My open deals", [:], ids(Self.listedDeals(store).filter { $0["status"] == "open" && $0["owner_id"] == 1 })),
            ("persons", "People without a phone", [:], ids(store["persons"].all.filter { ($0["phones"]?.arrayValue ?? []).isEmpty })),
            ("organizations", "Organizations named A…", [:],
             ids(store["organizations"].all.filter { $0["name"]?.stringValue?.lowercased().hasPrefix("a") == true })),
            ("activities", "My open calls", ["user_id": "0"],
             ids(store["activities"].all.filter { $0["type"] == "call" && $0["done"] != true && $0["owner_id"] == 1 })),
            ("products", "Products with a code", [:], ids(store["products"].all.filter { ($0["code"] ?? .null) != .null })),
        ]
        for list in lists {
            #expect(!list.expected.isEmpty, "\(list.filter) keeps something")
            let id = filter(list.filter)
            #expect(try await Self.listedIDs(sandbox, "/api/v2/\(list.path)", ["filter_id": id]) == list.expected, "v2 \(list.path)")
            #expect(try await Self.listedIDs(sandbox, "/api/v1/\(list.path)", list.v1Query.merging(["filter_id": id]) { $1 }) == list.expected,
                    "v1 \(list.path)")
        }
        // A pipeline's and a stage's deals (v1).
        let myOpen = ids(Self.listedDeals(store).filter { $0["status"] == "open" && $0["owner_id"] == 1 })
        for (path, key) in [("pipelines/1/deals", "pipeline_id"), ("stages/1/deals", "stage_id")] {
            let expected = Set(myOpen.filter { store["deals"][$0]?[key] == 1 })
            #expect(!expected.isEmpty)
            #expect(try await Self.listedIDs(sandbox, "/api/v1/\(path)", ["filter_id": filter("My open deals")]) == expected, "\(path)")
        }
        // Leads take lead filters.
        let lead = try await Self.create(sandbox, "leads", all: [("lead", "title", "LIKE '%$%'", "a")])
        let leads = Set(store["leads"].all.filter { $0["is_archived"] != true && $0["title"]?.stringValue?.lowercased().contains("a") == true }
            .compactMap { $0["uuid"] })
        #expect(!leads.isEmpty && leads.count < store["leads"].count)
        let listedLeads = try await sandbox.call("GET", "/api/v1/leads", query: ["filter_id": String(lead), "limit": "500"]).data.arrayValue ?? []
        #expect(Set(listedLeads.compactMap { $0["id"] }) == leads)
        let archived = ids(store["deals"].all.filter { $0["is_archived"] == true && $0["status"] == "open" && $0["owner_id"] == 1 })
        #expect(try await Self.listedIDs(sandbox, "/api/v2/deals/archived", ["filter_id": filter("My open deals")]) == archived)

        // A filter of another type, an unknown one, or not a number, is refused.
        try await sandbox.expectRefused(400, "GET", "/api/v2/persons", query: ["filter_id": filter("My open deals")])
        try await sandbox.expectRefused(400, "GET", "/api/v1/deals", query: ["filter_id": "99999"])
        try await sandbox.expectRefused(400, "GET", "/api/v2/deals", query: ["filter_id": "open"])
    }

    @Test func createRefusesUnknownFieldsAndBadDates() async throws {
        let sandbox = try WorkspaceSandbox()
        func body(_ condition: JSON) -> JSON {
            ["name": "x", "type": "deals",
             "conditions": ["glue": "and", "conditions": [["glue": "and", "conditions": [condition]], ["glue": "or", "conditions": []]]]]
        }
        try await sandbox.expectRefused(400, "POST", "/api/v1/filters", .json(body(["object": "deal", "field_id": "99999", "operator": "=", "value": "1"])))
        try await sandbox.expectRefused(
            400, "POST", "/api/v1/filters", .json(body(["object": "deal", "field_id": "add_time", "operator": "<", "value": "31.12.2026"])))
    }
}
