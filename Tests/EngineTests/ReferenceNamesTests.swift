import Foundation
import JSONValue
import PipedriveSandbox
import Testing

@testable import PipedriveEngine

/// v2 answers carry bare ids; `ReferenceNames` names them in batches, against the real sandbox.
@Suite struct ReferenceNamesTests {
    static let references = ["user_id", "creator_user_id", "person_id", "org_id", "stage_id", "pipeline_id"]

    /// The first page of v2 deals, as the TUI reads it (500 rows), with the session's schema.
    func v2Deals(_ session: Session) async throws -> (records: [Record], schema: Schema) {
        let deals = try session.resource(named: "deals")
        let schema = try await session.schema(of: deals)
        let page = try await session.pages(try session.readAction("Read", of: deals), prefetch: false)
            .makeAsyncIterator().next()
        return (try #require(page).rows.map(schema.record(from:)), schema)
    }

    /// The distinct bare ids of fields of this kind (`person_id`, a custom `people` field...).
    func distinct(_ records: [Record], _ schema: Schema, _ kind: ValueKind) -> Set<Int> {
        Set(records.flatMap { record in
            record.values.compactMap { key, value in schema.field(key)?.kind == kind ? value.intValue : nil }
        })
    }

    /// `METHOD /path` of the requests logged since `start`.
    func calls(_ sandbox: SandboxFixture, since start: Int) -> [String] { Array(sandbox.calls.dropFirst(start)) }

    @Test func v2DealsShowTheNamesV1Shows() async throws {
        let sandbox = try SandboxFixture(inProcess: true)
        let v2 = sandbox.session(version: .v2)
        let (records, schema) = try await v2Deals(v2)
        let named = await ReferenceNames(session: v2).name(records, schema: schema)
        #expect(named.problem == nil)

        // v1 embeds users, persons and organizations, and lists stages and pipelines in `related_objects`.
        let v1 = sandbox.session(version: .v1)
        let answer = try await v1.client.send(APIRequest(.get, .v1, "/deals", query: [QueryItem("start", "0"), QueryItem("limit", "500")]))
        let v1Deals = Dictionary(uniqueKeysWithValues: Extraction.data.rows(from: answer.json).map { ($0["id"]!.intValue!, $0) })
        let related = answer.json["related_objects"]
        var compared: [String: Int] = [:]
        for record in named.records {
            let id = try #require(record.id.flatMap { Int($0.description) })
            let v1Deal = try #require(v1Deals[id])
            for key in Self.references {
                guard let value = record[key], value != .null else { continue }
                let expected: JSON?
                switch key {
                case "stage_id": expected = related?["stage"]?[String(v1Deal[key]!.intValue!)]?["name"]
                case "pipeline_id": expected = related?["pipeline"]?[String(v1Deal[key]!.intValue!)]?["name"]
                default: expected = v1Deal[key]?["name"]
                }
                #expect(value["name"] == expected, "deal \(id) \(key): \(value) vs v1 \(String(describing: expected))")
                #expect(value["value"] == (v1Deal[key]?["value"] ?? v1Deal[key]), "deal \(id) \(key) keeps its id")
                compared[key, default: 0] += 1
            }
        }
        // Every reference of every deal was compared, and none stayed a bare id.
        for key in Self.references { #expect(compared[key, default: 0] > 100, "\(key): \(compared[key, default: 0])") }
        // Shown by name, as the grid shows v1's.
        let first = named.records[0], formatter = ValueFormatter()
        #expect(formatter.display(first["pipeline_id"], for: schema.field("pipeline_id")!) == related?["pipeline"]?["1"]?["name"]?.stringValue)
    }

    @Test func lookupsPerPageAreBoundedAndCached() async throws {
        let sandbox = try SandboxFixture(inProcess: true)
        let session = sandbox.session(version: .v2)
        let (records, schema) = try await v2Deals(session)
        let names = ReferenceNames(session: session)
        let persons = distinct(records, schema, .person).count
        let organizations = distinct(records, schema, .organization).count
        #expect(persons > 100 && organizations > 100)

        let start = sandbox.calls.count
        _ = await names.name(records, schema: schema)
        let first = calls(sandbox, since: start)
        // One read of each small list, and ⌈distinct ids / 100⌉ lookups by ids for the others.
        #expect(first.filter { $0 == "GET /api/v1/users" }.count == 1)
        #expect(first.filter { $0 == "GET /api/v2/stages" }.count == 1)
        #expect(first.filter { $0 == "GET /api/v2/pipelines" }.count == 1)
        #expect(first.filter { $0 == "GET /api/v2/persons" }.count == (persons + 99) / 100)
        #expect(first.filter { $0 == "GET /api/v2/organizations" }.count == (organizations + 99) / 100)
        #expect(first.count == 3 + (persons + 99) / 100 + (organizations + 99) / 100, "\(first)")
        // Each lookup by ids asks for at most 100.
        for entry in sandbox.server.requestLog.suffix(first.count) where entry.path.hasSuffix("/persons") || entry.path.hasSuffix("/organizations") {
            let ids = try #require(entry.query.split(separator: "&").first { $0.hasPrefix("ids=") })
            #expect((1...100).contains(ids.dropFirst(4).replacingOccurrences(of: "%2C", with: ",").split(separator: ",").count))
        }

        // The same page again: everything is known, nothing is sent.
        let again = sandbox.calls.count
        let repeated = await names.name(records, schema: schema)
        #expect(calls(sandbox, since: again).isEmpty)
        #expect(repeated.records.first?["person_id"]?["name"] != nil)

        // The next page asks only for the persons and organizations it adds, and never for the lists.
        let deals = try session.resource(named: "deals")
        let pages = try session.pages(try session.readAction("Read", of: deals), prefetch: false).makeAsyncIterator()
        _ = try await pages.next()
        let second = try #require(try await pages.next()).rows.map(schema.record(from:))
        let newPersons = distinct(second, schema, .person).subtracting(distinct(records, schema, .person)).count
        let next = sandbox.calls.count
        _ = await names.name(second, schema: schema)
        let secondCalls = calls(sandbox, since: next)
        #expect(!secondCalls.contains { $0.contains("users") || $0.contains("stages") || $0.contains("pipelines") })
        #expect(secondCalls.filter { $0 == "GET /api/v2/persons" }.count == (newPersons + 99) / 100)
    }

    @Test func unknownIdsStayIdsAndAreNotAskedAgain() async throws {
        let sandbox = try SandboxFixture(inProcess: true)
        let session = sandbox.session(version: .v2)
        let schema = try await session.schema(of: try session.resource(named: "deals"))
        let names = ReferenceNames(session: session)
        let record = Record(id: .int(1), values: [
            "id": 1, "title": "Ghost", "user_id": 987_654, "person_id": 987_654, "org_id": 987_654, "stage_id": 987_654,
            "value": 1500, "status": "open",
        ])
        let named = await names.name([record], schema: schema)
        #expect(named.records == [record])
        #expect(named.problem == nil)
        let start = sandbox.calls.count
        _ = await names.name([record], schema: schema)
        #expect(calls(sandbox, since: start).isEmpty)
    }

    @Test func aFailedLookupLeavesThePageIntact() async throws {
        let sandbox = try SandboxFixture(inProcess: true)
        let session = sandbox.session(version: .v2)
        let (records, schema) = try await v2Deals(session)
        sandbox.server.addFault(FaultRule(.serverError(500), method: "GET", path: "/api/v2/persons", always: true))
        let names = ReferenceNames(session: session)
        let named = await names.name(records, schema: schema)
        #expect(named.records.count == records.count)
        #expect(named.records.map(\.id) == records.map(\.id))
        #expect(named.records.allSatisfy { ($0["person_id"] ?? .null) == .null || $0["person_id"]?.intValue != nil })
        #expect(named.records.allSatisfy { ($0["org_id"] ?? .null) == .null || $0["org_id"]?["name"] != nil })
        #expect(named.records.contains { $0["person_id"]?.intValue != nil })
        #expect(named.problem?.contains("persons") == true)

        // Once Pipedrive answers again, the next page names the persons.
        sandbox.server.removeAllFaults()
        let retried = await names.name(records, schema: schema)
        #expect(retried.problem == nil)
        #expect(retried.records.contains { $0["person_id"]?["name"] != nil })
    }

    @Test func otherV2ResourcesNameTheirReferences() async throws {
        let sandbox = try SandboxFixture(inProcess: true)
        let session = sandbox.session(version: .v2)
        let names = ReferenceNames(session: session)
        let expected: [String: [String]] = [
            "activities": ["user_id", "creator_user_id", "deal_id", "person_id", "org_id"],
            "persons": ["owner_id", "org_id"], "organizations": ["owner_id"], "products": ["owner_id"],
            "stages": ["pipeline_id"],
        ]
        for (name, keys) in expected {
            let resource = try session.resource(named: name)
            let schema = try await session.schema(of: resource)
            let rows = try await session.pages(try session.readAction("Read", of: resource), limit: 100, prefetch: false).allRows()
            let named = await names.name(rows.map(schema.record(from:)), schema: schema)
            #expect(named.problem == nil)
            for key in keys {
                let values = named.records.compactMap { $0[key] }.filter { $0 != .null }
                #expect(!values.isEmpty, "\(name).\(key) has values")
                #expect(values.allSatisfy { $0["name"]?.stringValue != nil || $0["title"]?.stringValue != nil }, "\(name).\(key)")
            }
        }
    }

    /// Two screens naming the same rows at once share every lookup in flight; a few users are read alone.
    @Test func lookupsInFlightAreSharedAndFewUsersAreReadAlone() async throws {
        let sandbox = try SandboxFixture()
        let session = sandbox.session(version: .v2)
        let (records, schema) = try await v2Deals(session)
        let few = Array(records.prefix(2))
        let users = Set(few.compactMap { $0["user_id"]?.intValue })
        #expect((1..<10).contains(users.count), "\(users.count) users")
        let names = ReferenceNames(session: session)
        let start = sandbox.calls.count
        async let first = names.name(few, schema: schema)
        async let second = names.name(few, schema: schema)
        let (a, b) = await (first, second)
        #expect(a.records == b.records && a.problem == nil)
        #expect(a.records.allSatisfy { $0["person_id"] == nil || $0["person_id"] == .null || $0["person_id"]?["name"] != nil })
        let log = Array(sandbox.server.requestLog.dropFirst(start))
        for path in ["/api/v2/persons", "/api/v2/organizations"] {
            let ids = log.filter { $0.path == path }.flatMap { entry in
                (entry.query.split(separator: "&").first { $0.hasPrefix("ids=") } ?? "").dropFirst(4)
                    .replacingOccurrences(of: "%2C", with: ",").split(separator: ",").map(String.init)
            }
            #expect(!ids.isEmpty && ids.count == Set(ids).count, "\(path): \(ids)")
        }
        // Each user alone (2 tokens each) rather than the whole list (20), once.
        let userCalls = calls(sandbox, since: start).filter { $0.hasPrefix("GET /api/v1/users") }
        #expect(!userCalls.contains("GET /api/v1/users") && userCalls.count == Set(userCalls).count && userCalls.count < 10, "\(userCalls)")
        #expect(Set(users.map { "GET /api/v1/users/\($0)" }).isSubset(of: userCalls), "\(userCalls)")
        #expect(a.records.contains { $0["user_id"]?["name"]?.stringValue?.isEmpty == false })
    }
}

extension ReferenceNamesTests {
    /// Deals found by `Read search` show owner, organization, person, stage and the stage's pipeline by
    /// name, as the same deals read by id do (the pipeline was blank: a search item does not carry it).
    @Test(arguments: [PipedriveEngine.APIVersion.v2, .v1])
    func searchResultsShowTheirReferencesAndPipelineByName(version: PipedriveEngine.APIVersion) async throws {
        let sandbox = try SandboxFixture()
        let session = sandbox.session(version: version)
        let deals = try session.resource(named: "deals")
        let search = try session.readAction("Read search", of: deals)
        let page = try #require(try await session.pages(search, parameters: ["term": "deal"], limit: 20, prefetch: false)
            .makeAsyncIterator().next())
        let shown = await session.shownRecords(page.rows, of: deals, action: search, names: ReferenceNames(session: session))
        #expect(shown.notice == nil && !shown.records.isEmpty)
        for record in shown.records {
            let stored = try #require(sandbox.rows("deals").first { $0["id"] == record.id?.json })
            for (key, storedKey) in [("user_id", "owner_id"), ("stage_id", "stage_id"), ("pipeline_id", "pipeline_id"),
                                     ("person_id", "person_id"), ("org_id", "org_id")] {
                let value = record[key] ?? .null
                #expect(CustomField.plainID(value, kind: .reference("x")) == stored[storedKey] ?? .null, "\(key) of \(record.id!)")
                if stored[storedKey] != nil, stored[storedKey] != .null {
                    #expect(value["name"]?.stringValue?.isEmpty == false, "\(key) of \(record.id!) is not named: \(value)")
                }
            }
        }
    }
}
