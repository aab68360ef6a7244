import Foundation
import Testing
import JSONValue
import PipedriveSandbox
@testable import PipedriveEngine

/// Undo by the compensating call, against a real sandbox over HTTP; the journal on disk.
@Suite struct UndoTests {
    let fixture: SandboxFixture
    let folder: TemporaryFolder
    let journal: Journal

    init() throws {
        (fixture, folder, journal) = try SandboxFixture.withJournal()
    }

    @Test func undoesAnUpdateByWritingTheOldValuesBack() async throws {
        let session = fixture.session()
        let schema = try await session.schema(of: try session.resource(named: "deals"))
        let deal = try #require(try await load(session, "deals").first)
        var staging = Staging()
        staging.edit(deal, of: schema, text: ["title": "Oops", "probability": "13"])
        try await session.commit(&staging, journal: journal)

        let dry = try await session.undo(journal: journal, dryRun: true)
        #expect(dry.requests.map(\.line) == ["PATCH /api/v2/deals/\(deal.id!) " + JSON.object(["title": deal["title"]!, "probability": deal["probability"] ?? .null]).serializedString])
        fixture.server.clearRequestLog()
        let report = try await session.undo(journal: journal)
        #expect(report.outcome == .done(created: []))
        #expect(fixture.writes == ["PATCH /api/v2/deals/\(deal.id!)"])
        let back = try await session.reread(deal, schema: schema)
        #expect(back["title"] == deal["title"] && back["probability"] == deal["probability"])
        // Journaled as an undo of that change; nothing left to undo.
        let entries = try journal.entries()
        #expect(entries.count == 2 && entries[1].undoes == entries[0].id && entries[1].outcome?.status == .done)
        #expect(entries[0].records == [JournaledRecord(
            id: deal.id, before: ["title": deal["title"]!, "probability": deal["probability"] ?? .null],
            after: ["title": "Oops", "probability": 13])])
        #expect(try session.lastUndoable(in: journal) == nil)
        await #expect(throws: PipedriveError.self) { try await session.undo(journal: journal) }
    }

    @Test func refusesToUndoAnUpdateSomeoneChangedSince() async throws {
        let session = fixture.session()
        let deals = try session.resource(named: "deals")
        let schema = try await session.schema(of: deals)
        let deal = try #require(try await load(session, "deals").first)
        var staging = Staging()
        staging.edit(deal, of: schema, text: ["title": "Ours"])
        try await session.commit(&staging, journal: journal)
        _ = try await fixture.session().update(deals, record: try await session.reread(deal, schema: schema), text: ["title": "Later"])
        fixture.server.clearRequestLog()
        let error = await #expect(throws: PipedriveError.self) { try await session.undo(journal: journal) }
        #expect(error?.message.contains("changed since (Title)") == true)
        #expect(fixture.writes.isEmpty)
        #expect(try await session.reread(deal, schema: schema)["title"] == "Later")
    }

    @Test(arguments: [("persons", PipedriveEngine.APIVersion.v2), ("deals", .v2), ("organizations", .v2), ("persons", .v1), ("deals", .v1), ("organizations", .v1)])
    func undoesADeleteByRecreatingTheRecord(name: String, version: PipedriveEngine.APIVersion) async throws {
        let session = fixture.session(version: version)
        let resource = try session.resource(named: name)
        let schema = try await session.schema(of: resource)
        let record = try #require(try await load(session, name).first { $0["org_id"] != nil && $0["org_id"] != .null || name == "organizations" })
        var staging = Staging()
        try staging.delete([record], of: resource)
        try await session.commit(&staging, journal: journal)
        #expect(!fixture.rows(name).contains { $0["id"] == record.id?.json })

        fixture.server.clearRequestLog()
        let report = try await session.undo(journal: journal)
        #expect(fixture.writes == ["POST /api/\(version)/\(name)"])
        let (old, new) = try #require(report.recreated.first, "\(String(describing: report.outcome))")
        #expect(old == record.id && new != record.id)
        let recreated = try await session.reread(Record(id: new, values: [:]), schema: schema)
        // Everything a person sets is back; only what Pipedrive computes (id, update time...) is new.
        let kept = schema.recreationValues(record.values, version: version)
        #expect(kept.keys.contains { schema.field($0)?.isCustom == true })
        if name == "persons" { #expect(["name", "org_id", "email"].allSatisfy(kept.keys.contains)) }
        for (key, value) in kept { #expect(recreated[key] == value, "\(key)") }
        #expect(try journal.entries().last?.outcome?.createdIDs == [new])
    }

    @Test func undoesACreateByDeletingIt() async throws {
        let session = fixture.session()
        let persons = try session.resource(named: "persons")
        var staging = Staging()
        _ = staging.create(in: try await session.schema(of: persons), text: ["name": "Temp Person"])
        let report = try await session.commit(&staging, journal: journal)
        guard case .done(let created)? = report.outcomes.first?.result, let id = created.first?.id else {
            Issue.record("not created")
            return
        }
        fixture.server.clearRequestLog()
        _ = try await session.undo(journal: journal)
        #expect(fixture.writes == ["DELETE /api/v2/persons/\(id)"])
        #expect(!fixture.rows("persons").contains { $0["id"] == id.json })
    }

    @Test func theJournalHoldsNoToken() async throws {
        let session = fixture.session()
        let schema = try await session.schema(of: try session.resource(named: "deals"))
        let deal = try #require(try await load(session, "deals").first)
        var staging = Staging()
        staging.edit(deal, of: schema, text: ["title": "Journaled"])
        try await session.commit(&staging, journal: journal)
        _ = try await session.undo(journal: journal)
        let text = try String(contentsOfFile: journal.path, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 4)  // two changes, each with its outcome
        #expect(!text.contains(fixture.server.apiToken))
        #expect(text.contains("\"Journaled\""))
        var info = stat()
        #expect(stat(journal.path, &info) == 0 && info.st_mode & 0o777 == 0o600)
    }

    @Test func aLineCutShortByACrashIsSkipped() throws {
        let entry = JournalEntry(
            id: "a", time: 1_790_000_000, profile: "p", account: "http://127.0.0.1:1", resource: "deals", kind: .update,
            records: [JournaledRecord(id: .int(1), before: ["title": "A"], after: ["title": "B"])], requests: ["PATCH /api/v2/deals/1"])
        try journal.record(entry)
        let handle = try #require(FileHandle(forWritingAtPath: journal.path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"event":"outcome","id":"a","ti"#.utf8))
        handle.closeFile()
        let entries = try journal.entries()
        #expect(entries == [entry])
        #expect(entries[0].listing == ["2026-09-21 14:13:20", "p", "update deals", "1", "title", "unknown: no outcome was recorded"])
    }

    @Test func aCutLastLineIsMovedOutSoTheNextEntryStaysReadable() throws {
        let entry = JournalEntry(
            id: "a", time: 1_790_000_000, profile: "p", account: "http://127.0.0.1:1", resource: "deals", kind: .update,
            records: [JournaledRecord(id: .int(1), before: ["title": "A"], after: ["title": "B"])], requests: ["PATCH /api/v2/deals/1"])
        try journal.record(entry)
        let cut = #"{"event":"outcome","id":"a","ti"#
        let handle = try #require(FileHandle(forWritingAtPath: journal.path))
        handle.seekToEndOfFile()
        handle.write(Data(cut.utf8))
        handle.closeFile()
        let notice = try #require(journal.setAsideIfDamaged())
        #expect(notice.contains("cut short") && notice.contains(journal.path))
        let aside = try #require(Self.asideFiles(of: journal).first)
        #expect(try String(contentsOfFile: aside, encoding: .utf8) == cut)
        try journal.record(JournalOutcome(time: 1_790_000_001, status: .done), of: "a")
        #expect(journal.setAsideIfDamaged() == nil)
        #expect(try journal.entries().map(\.outcome?.status) == [.done])
    }

    @Test func aDamagedJournalIsMovedAsideWholeAndCommitsGoOnWithAFreshOne() async throws {
        let entry = JournalEntry(
            id: "a", time: 1_790_000_000, profile: "p", account: "http://127.0.0.1:1", resource: "deals", kind: .update,
            records: [JournaledRecord(id: .int(1), before: ["title": "A"], after: ["title": "B"])], requests: ["PATCH /api/v2/deals/1"])
        try journal.record(entry)
        let handle = try #require(FileHandle(forWritingAtPath: journal.path))
        handle.seekToEndOfFile()
        handle.write(Data("not json\n[1,2]\n".utf8))
        handle.closeFile()
        try journal.record(JournalOutcome(time: 1_790_000_001, status: .done), of: "a")
        let damaged = try Data(contentsOf: URL(fileURLWithPath: journal.path))
        let session = fixture.session()

        let error = #expect(throws: PipedriveError.self) { try journal.entries() }
        #expect(error?.message.contains("\(journal.path) is damaged: line 2") == true)
        #expect(throws: PipedriveError.self) { try session.lastUndoable(in: journal) }

        let notice = try #require(journal.setAsideIfDamaged())
        let aside = try #require(Self.asideFiles(of: journal).first)
        #expect(notice.contains(journal.path) && notice.contains(aside) && notice.contains("fresh journal"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: aside)) == damaged)
        #expect(!FileManager.default.fileExists(atPath: journal.path))

        let deal = try #require(try await load(session, "deals").first)
        let schema = try await session.schema(of: try session.resource(named: "deals"))
        var staging = Staging()
        staging.edit(deal, of: schema, text: ["title": "After the damage"])
        try await session.commit(&staging, journal: journal)
        #expect(journal.setAsideIfDamaged() == nil)
        #expect(try journal.entries().map(\.outcome?.status) == [.done])
    }

    static func asideFiles(of journal: Journal) throws -> [String] {
        let folder = (journal.path as NSString).deletingLastPathComponent
        return try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("journal.jsonl.bad-") }.map { folder + "/" + $0 }
    }
}

@Suite struct BodyFieldsGeneratorTests {
    /// BodyFields.swift is the generator's output for today's specs, unedited.
    @Test func committedTableIsTheGeneratorsOutput() throws {
        let root = SharedMaterial.packageRoot
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("BodyFields-\(UUID().uuidString).swift")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "scripts/generate-body-fields.py", "spec", output.path]
        process.currentDirectoryURL = root
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let generated = try String(contentsOf: output, encoding: .utf8)
        let committed = try String(
            contentsOf: root.appendingPathComponent("Sources/PipedriveEngine/Generated/BodyFields.swift"), encoding: .utf8)
        #expect(generated == committed)
        #expect(CreateFields.v2["persons"]?.contains("emails") == true && CreateFields.v1["persons"]?.contains("email") == true)
    }
}
