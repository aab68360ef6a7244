import Foundation
import JSONValue
import PipedriveSandbox
import Testing

@testable import PipedriveEngine

/// Merge through the engine (preview, journal, undo) and list filters with names, against the sandbox.
@Suite struct MergeAndFilterTests {
    let fixture: SandboxFixture
    let folder: TemporaryFolder
    let journal: Journal

    init() throws {
        fixture = try SandboxFixture(seed: 1, inProcess: true)
        folder = try TemporaryFolder()
        journal = Journal(path: folder.path + "/journal.jsonl")
    }

    var müller: [Int] { fixture.server.withStore { PlantedDuplicates.groups(in: $0) }.first { $0.table == "organizations" }!.ids }

    @Test func organizationsMergeWithAPreviewAJournalAndAnUndo() async throws {
        let session = fixture.session()
        let ids = müller
        let (survivor, merged) = (ids[0], Array(ids.dropFirst()))
        let persons = Set(fixture.rows("persons").filter { merged.contains($0["org_id"]?.intValue ?? 0) }.map { $0["id"]!.intValue! })
        let deals = fixture.rows("deals").filter { merged.contains($0["org_id"]?.intValue ?? 0) }.count

        let plan = try await session.planMerge("organizations", ids: merged, into: survivor)
        #expect(fixture.writes.isEmpty, "a preview sends no write")
        #expect(plan.survivor["name"] == "Müller Maschinenbau GmbH")
        #expect(plan.merged.map { $0["id"]?.intValue } == merged)
        #expect(plan.moves.first { $0.kind == "persons" }?.count == persons.count)
        #expect(plan.moves.first { $0.kind == "deals" }?.count == deals)
        #expect(plan.values.contains { $0.field == "name" && $0.value == "Müller Maschinenbau GmbH" && $0.over.count == 2 })
        #expect(plan.requests.map(\.line) == merged.map { "PUT /api/v1/organizations/\($0)/merge {\"merge_with_id\":\(survivor)}" })

        let report = try await session.merge(plan, journal: journal)
        #expect(report == MergeReport(survivor: survivor, merged: merged, failure: nil))
        #expect(fixture.writes == merged.map { "PUT /api/v1/organizations/\($0)/merge" })
        let live = Set(fixture.rows("organizations").map { $0["id"]!.intValue! })
        #expect(live.contains(survivor) && live.isDisjoint(with: merged))
        #expect(persons.isSubset(of: Set(fixture.rows("persons").filter { $0["org_id"]?.intValue == survivor }.map { $0["id"]!.intValue! })))

        // The journal keeps each merged-away record whole; undo re-creates the last one.
        let entries = try journal.entries()
        #expect(entries.map { $0.records.first?.id } == merged.map { RecordID.int($0) })
        #expect(entries.allSatisfy { $0.kind == .delete && $0.outcome?.status == .done })
        #expect(entries.last?.records.first?.before["name"] == "Müller Maschinenbau G.m.b.H.")
        #expect(entries.last?.records.first?.before["address"] != nil)
        let undo = try await session.undo(journal: journal)
        #expect(undo.recreated.count == 1, "\(String(describing: undo.outcome)) \(undo.requests.map(\.line))")
        let recreated = try #require(undo.recreated.first)
        #expect(recreated.old == .int(merged.last!))
        let row = fixture.rows("organizations").first { RecordID($0["id"]) == recreated.new }
        #expect(row?["name"] == "Müller Maschinenbau G.m.b.H.")
    }

    @Test func mergeRefusesBeforeSending() async throws {
        let session = fixture.session()
        await #expect(throws: PipedriveError.self) { try await session.planMerge("products", ids: [1], into: 2) }
        await #expect(throws: PipedriveError.self) { try await session.planMerge("persons", ids: [3, 2], into: 2) }
        await #expect(throws: PipedriveError.self) { try await session.planMerge("persons", ids: [], into: 2) }
        await #expect(throws: PipedriveError.self) { try await session.planMerge("persons", ids: [999_999], into: 2) }
        let plan = try await session.planMerge("persons", ids: [3], into: 2)
        await #expect(throws: PipedriveError.self) { try await fixture.session(readOnly: true).merge(plan, journal: journal) }
        #expect(fixture.writes.isEmpty)
    }

    @Test func listFiltersTakeNames() async throws {
        let session = fixture.session()
        let deals = try session.resource(named: "deals")
        let stage = fixture.server.withStore { $0["stages"].all.first { $0["name"] == "Proposal made" }!["id"]!.intValue! }
        let query = try await session.listFilters(
            [("status", "open"), ("owner", "me"), ("stage", "Proposal made"), ("since", "2020-01-01")], of: deals, version: .v2)
        #expect(query == [QueryItem("status", "open"), QueryItem("owner_id", "1"), QueryItem("stage_id", String(stage)),
                          QueryItem("updated_since", "2020-01-01T00:00:00Z")])
        let rows = try await session.pages(try session.readAction("", of: deals), filters: query).allRows()
        let expected = fixture.rows("deals").filter {
            $0["status"] == "open" && $0["owner_id"] == 1 && $0["stage_id"]?.intValue == stage && $0["is_archived"] != true
        }
        #expect(!rows.isEmpty && Set(rows.map { $0["id"]! }) == Set(expected.map { $0["id"]! }))

        let v1 = try await session.listFilters([("owner", "me"), ("filter", "My open deals")], of: deals, version: .v1)
        let filterID = fixture.server.withStore { $0["filters"].all.first { $0["name"] == "My open deals" }!["id"]!.intValue! }
        #expect(v1 == [QueryItem("user_id", "1"), QueryItem("filter_id", String(filterID))])
        let persons = try session.resource(named: "persons")
        let named = try await session.listFilters([("org", "MÜLLER MASCHINENBAU")], of: persons, version: .v2)
        #expect(named == [QueryItem("org_id", String(müller[1]))])

        for wrong in [[("stage", "No such stage")], [("colour", "red")], [("filter", "People without a phone")], [("owner", "Nobody")]] {
            await #expect(throws: PipedriveError.self) { try await session.listFilters(wrong, of: deals, version: .v2) }
        }
        #expect(fixture.writes.isEmpty)
    }

    @Test func webLinks() throws {
        let base = URL(string: "https://acme.pipedrive.com")!
        #expect(WebLink.url(baseURL: base, resource: "deals", id: .int(7))?.absoluteString == "https://acme.pipedrive.com/deal/7")
        #expect(WebLink.url(baseURL: base, resource: "persons", id: .int(3))?.absoluteString == "https://acme.pipedrive.com/person/3")
        #expect(WebLink.url(baseURL: base, resource: "organizations", id: .int(3))?.absoluteString == "https://acme.pipedrive.com/organization/3")
        #expect(WebLink.url(baseURL: base, resource: "leads", id: .string("adf21080-0e10-11eb"))?.absoluteString
            == "https://acme.pipedrive.com/leads/inbox/adf21080-0e10-11eb")
        #expect(WebLink.url(baseURL: base, resource: "currencies", id: .int(1)) == nil)
    }
}
