import Foundation
import Testing
import JSONValue
import PipedriveSandbox
@testable import PipedriveEngine

/// Committing staged changes to a real sandbox over HTTP, checked in its request log and store.
@Suite struct CommitTests {
    let fixture: SandboxFixture
    let folder: TemporaryFolder
    let journal: Journal

    init() throws {
        (fixture, folder, journal) = try SandboxFixture.withJournal()
    }

    @Test(arguments: [PipedriveEngine.APIVersion.v2, .v1])
    func changesExactlyTheFieldsEdited(version: PipedriveEngine.APIVersion) async throws {
        let session = fixture.session(version: version)
        let schema = try await session.schema(of: try session.resource(named: "deals"))
        let kind = try #require(schema.fields.first { $0.isCustom && $0.kind == .option && $0.options.count > 1 })
        let deal = try #require(try await load(session, "deals").first)
        let option = try #require(kind.options.first { .int($0.id) != deal[kind.key] })

        var staging = Staging()
        #expect(staging.edit(deal, of: schema, text: ["title": "Renamed by pdtui", kind.key: option.label]).isEmpty)
        fixture.server.clearRequestLog()
        let report = try await session.commit(&staging, journal: journal)
        #expect(staging.isEmpty)
        #expect(report.outcomes.map(\.result) == [.done(created: [])])
        let path = "/api/\(version)/deals/\(deal.id!)"
        #expect(fixture.calls == ["GET \(path)", "\(version == .v1 ? "PUT" : "PATCH") \(path)"])

        let after = try await session.reread(deal, schema: schema)
        var expected = deal.values
        expected["title"] = "Renamed by pdtui"
        expected[kind.key] = .int(option.id)
        expected["update_time"] = after["update_time"]
        #expect(after.values == expected)
        #expect(after["update_time"] != deal["update_time"])
    }

    @Test func patchesALeadByItsUUID() async throws {
        let session = fixture.session()
        let schema = try await session.schema(of: try session.resource(named: "leads"))
        let lead = try #require(try await load(session, "leads").first)
        guard case .string(let uuid)? = lead.id else { Issue.record("a lead's id is a UUID: \(String(describing: lead.id))"); return }
        var staging = Staging()
        #expect(staging.edit(lead, of: schema, text: ["title": "Lead, renamed"]).isEmpty)
        fixture.server.clearRequestLog()
        try await session.commit(&staging, journal: journal)
        #expect(staging.isEmpty)
        #expect(fixture.calls == ["GET /api/v1/leads/\(uuid)", "PATCH /api/v1/leads/\(uuid)"])
        #expect(try await session.reread(lead, schema: schema)["title"] == "Lead, renamed")
    }

    /// An email and a phone typed as text go as Pipedrive's lists of `{value, primary}` (v2 refuses a string).
    @Test(arguments: [PipedriveEngine.APIVersion.v2, .v1])
    func createsAPersonInAnOrganization(version: PipedriveEngine.APIVersion) async throws {
        let session = fixture.session(version: version)
        let persons = try await session.schema(of: try session.resource(named: "persons"))
        let organization = try #require(try await load(session, "organizations").first?.id)
        var staging = Staging()
        let staged = staging.create(in: persons, text: [
            "name": "Ada Lovelace", "org_id": organization.description, "email": "ada@example.com", "phone": "+44 20 7946 0000",
        ])
        #expect(staged == .success(1))
        fixture.server.clearRequestLog()
        let report = try await session.commit(&staging, journal: journal)
        guard case .done(let created) = try #require(report.outcomes.first).result, let person = created.first else {
            Issue.record("not created: \(report.outcomes)")
            return
        }
        #expect(fixture.writes == ["POST /api/\(version)/persons"])
        #expect(person["name"] == "Ada Lovelace")
        let stored = try #require(fixture.rows("persons").first { $0["id"] == person.id?.json })
        #expect(stored["name"] == "Ada Lovelace" && stored["org_id"] == organization.json)
        #expect(stored["emails"]?.arrayValue?.map { $0["value"] } == ["ada@example.com"])
        #expect(stored["phones"]?.arrayValue?.map { $0["value"] } == ["+44 20 7946 0000"])
        #expect(stored["emails"]?.arrayValue?.first?["primary"] == true)
    }

    @Test func deletesThreePersonsInOneV1CallOrThreeV2Calls() async throws {
        for version in [PipedriveEngine.APIVersion.v1, .v2] {
            let session = fixture.session(version: version)
            let persons = try session.resource(named: "persons")
            let three = Array(try await load(session, "persons").prefix(3))
            let ids = three.compactMap(\.id)
            var staging = Staging()
            try staging.delete(three, of: persons)
            fixture.server.clearRequestLog()
            try await session.commit(&staging, journal: journal)
            #expect(staging.isEmpty)
            if version == .v1 {
                #expect(fixture.writes == ["DELETE /api/v1/persons?ids=\(ids.map(\.description).joined(separator: "%2C"))"])
            } else {
                #expect(fixture.writes == ids.map { "DELETE /api/v2/persons/\($0)" })
            }
            let left = Set(fixture.rows("persons").compactMap { RecordID($0["id"]) })
            #expect(left.isDisjoint(with: ids))
        }
    }

    @Test(arguments: [ConflictResolution.overwrite, .takeTheirs, .skip])
    func aSecondClientsChangeIsAConflict(resolution: ConflictResolution) async throws {
        let session = fixture.session(), other = fixture.session()
        let deals = try session.resource(named: "deals")
        let schema = try await session.schema(of: deals)
        let deal = try #require(try await load(session, "deals").first)
        var staging = Staging()
        staging.edit(deal, of: schema, text: ["title": "Mine"])
        _ = try await other.update(deals, record: deal, text: ["title": "Theirs"])

        fixture.server.clearRequestLog()
        try await session.commit(&staging, journal: journal)
        #expect(fixture.writes.isEmpty)
        let change = try #require(staging.changes.first)
        let conflict = try #require(change.conflict)
        #expect(conflict.theirs["title"] == "Theirs" && conflict.yours == ["title": "Mine"] && conflict.fields == ["title"])

        staging.resolve(change.id, resolution)
        fixture.server.clearRequestLog()
        let report = try await session.commit(&staging, journal: journal)
        let title = try await session.reread(deal, schema: schema)["title"]
        switch resolution {
        case .overwrite:
            #expect(report.outcomes.map(\.result) == [.done(created: [])])
            #expect(fixture.writes == ["PATCH /api/v2/deals/\(deal.id!)"])
            #expect(title == "Mine" && staging.isEmpty)
        case .takeTheirs:
            #expect(fixture.writes.isEmpty && title == "Theirs" && staging.isEmpty)
        case .skip:
            #expect(fixture.writes.isEmpty && title == "Theirs")
            #expect(staging.changes.first?.isHeld == true)
        }
    }

    @Test func anotherFieldChangedIsStillAConflictByItsUpdateTime() async throws {
        let session = fixture.session()
        let deals = try session.resource(named: "deals")
        let schema = try await session.schema(of: deals)
        let deal = try #require(try await load(session, "deals").first)
        var staging = Staging()
        staging.edit(deal, of: schema, text: ["title": "Mine"])
        _ = try await fixture.session().update(deals, record: deal, text: ["probability": "42"])
        let report = try await session.commit(&staging, journal: journal)
        #expect(report.conflicts.first?.conflict.fields == [])
        #expect(report.sent.isEmpty)
    }

    @Test func aFailedCallLeavesItsChangeStagedAndTheOthersGo() async throws {
        let session = fixture.session()
        let deals = try session.resource(named: "deals"), persons = try session.resource(named: "persons")
        let dealSchema = try await session.schema(of: deals), personSchema = try await session.schema(of: persons)
        let deal = try #require(try await load(session, "deals").first)
        var staging = Staging()
        try staging.delete([Record(id: .int(987_654), values: [:])], of: persons)
        staging.edit(deal, of: dealSchema, text: ["title": "Still sent"])
        _ = staging.create(in: personSchema, text: ["name": "Bo Diddley"])
        let report = try await session.commit(&staging, journal: journal)
        #expect(report.outcomes.count == 3)
        #expect(staging.changes.map(\.id) == [1])
        let failure = try #require(staging.changes.first?.failure)
        #expect(failure.contains("Not found: DELETE /api/v2/persons/987654 (404"))
        #expect(try await session.reread(deal, schema: dealSchema)["title"] == "Still sent")
        #expect(fixture.rows("persons").contains { $0["name"] == "Bo Diddley" })
        // The journal says which went and which did not.
        #expect(try journal.entries().map { $0.outcome?.status } == [.failed, .done, .done])
    }

    @Test func aReadOnlyConnectionRefusesEveryWrite() async throws {
        let session = fixture.session(readOnly: true)
        let schema = try await session.schema(of: try session.resource(named: "deals"))
        let deal = try #require(try await load(session, "deals").first)
        var staging = Staging()
        staging.edit(deal, of: schema, text: ["title": "Nope"])
        fixture.server.clearRequestLog()
        let error = await #expect(throws: PipedriveError.self) { try await session.commit(&staging, journal: journal) }
        #expect(error?.message.contains("read-only") == true && error?.kind == .configuration)
        await #expect(throws: PipedriveError.self) { try await session.undo(journal: journal) }
        #expect(fixture.calls.isEmpty)
        #expect(staging.changes.count == 1)
        #expect(try journal.entries().isEmpty)
    }

    @Test func aDryRunSendsNoWrite() async throws {
        let session = fixture.session()
        let persons = try session.resource(named: "persons")
        let schema = try await session.schema(of: try session.resource(named: "deals"))
        let deal = try #require(try await load(session, "deals").first)
        let three = Array(try await load(session, "persons").prefix(3))
        var staging = Staging()
        staging.edit(deal, of: schema, text: ["title": "Dry"])
        try staging.delete(three, of: persons)
        let before = staging
        fixture.server.clearRequestLog()
        let report = try await session.commit(&staging, dryRun: true, journal: journal)
        #expect(report.isDryRun && report.sent.isEmpty && report.outcomes.isEmpty)
        #expect(report.plan.requests.map(\.method) == [.patch, .delete, .delete, .delete])
        #expect(fixture.writes.isEmpty)
        #expect(staging == before)
        #expect(try journal.entries().isEmpty)
        // Read-only connections may dry-run too: nothing is sent either way.
        #expect(try await fixture.session(readOnly: true).commit(staging, dryRun: true, journal: journal).plan == report.plan)
    }

    @Test func elevenDeletesAreRefusedWithoutTheTypedCount() async throws {
        let session = fixture.session()
        let persons = try session.resource(named: "persons")
        let eleven = Array(try await load(session, "persons", limit: 11))
        var staging = Staging()
        try staging.delete(eleven, of: persons)
        fixture.server.clearRequestLog()
        await #expect(throws: PipedriveError.self) { try await session.commit(&staging, confirmation: "10", journal: journal) }
        #expect(fixture.writes.isEmpty)
        try await session.commit(&staging, confirmation: "11", journal: journal)
        #expect(staging.isEmpty && fixture.writes.count == 11)
    }
}

/// The first records of a resource's plain Read, as the TUI loads them.
func load(_ session: Session, _ name: String, limit: Int = 5) async throws -> [Record] {
    let resource = try session.resource(named: name)
    var records: [Record] = []
    for try await page in try session.pages(resource.readAction!, limit: limit, prefetch: false) {
        records += try await session.records(page, of: resource)
    }
    return records
}

extension CommitTests {
    /// The staging file follows the commit: the change being sent is saved held, the outcome after.
    @Test func anInterruptedCommitLeavesTheChangeHeldOnDisk() async throws {
        let session = fixture.session()
        let schema = try await session.schema(of: try session.resource(named: "deals"))
        let deals = Array(try await load(session, "deals").prefix(2))
        var staging = Staging()
        staging.edit(deals[0], of: schema, text: ["title": "First"])
        staging.edit(deals[1], of: schema, text: ["title": "Second"])
        let file = StagingFile(path: folder.path + "/staged.json")
        try file.save(staging)
        fixture.server.addFault(FaultRule(.hang(milliseconds: 30_000), method: "PATCH", path: "/api/v2/deals/\(deals[1].id!)", always: true))
        let commit = Task { [staging, journal] in
            var staging = staging
            return try await session.commit(&staging, journal: journal, file: file)
        }
        // The second change is journaled just before its PATCH goes out.
        while try journal.entries().count < 2 { try await Task.sleep(nanoseconds: 20_000_000) }
        let onDisk = try #require(try file.load())
        #expect(onDisk.changes.map(\.id) == [2])  // the first is done and gone
        #expect(onDisk.changes[0].isHeld && onDisk.changes[0].failure?.contains("may or may not have been done") == true)
        #expect(!(try String(contentsOfFile: file.path, encoding: .utf8)).contains(fixture.server.apiToken))
        commit.cancel()
        _ = await commit.result
        #expect(try file.load()?.changes.first?.isHeld == true)
        #expect(try journal.entries().map { $0.outcome?.status } == [.done, nil])
    }
}

extension CommitTests {
    /// The journal names a custom field by its name (its key is 40 hex digits), in `pdtui journal`'s listing too.
    @Test func theJournalNamesCustomFields() async throws {
        let session = fixture.session()
        let schema = try await session.schema(of: try session.resource(named: "deals"))
        let kind = try #require(schema.fields.first { $0.isCustom && $0.kind == .option && $0.options.count > 1 })
        let deal = try #require(try await load(session, "deals").first)
        let option = try #require(kind.options.first { .int($0.id) != deal[kind.key] })
        var staging = Staging()
        #expect(staging.edit(deal, of: schema, text: [kind.key: option.label]).isEmpty)
        try await session.commit(&staging, journal: journal)
        let entry = try #require(try journal.entries().last)
        #expect(entry.listing[4] == kind.title && !entry.listing[4].contains(kind.key), "\(entry.listing)")
    }
}
