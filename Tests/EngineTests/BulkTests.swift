import Foundation
import Synchronization
import Testing
import JSONValue
import PipedriveSandbox
@testable import PipedriveEngine

/// Bulk changes (one set of values on many records, find and replace) staged, committed, journaled and
/// undone against a real sandbox over HTTP, checked in its request log and store.
@Suite struct BulkTests {
    let fixture: SandboxFixture
    let folder: TemporaryFolder
    let journal: Journal

    init() throws {
        (fixture, folder, journal) = try SandboxFixture.withJournal()
    }

    /// The sandbox's stored deal of this id.
    func stored(_ id: RecordID?, _ table: String = "deals") -> JSON? {
        fixture.rows(table).first { RecordID($0["id"]) == id }
    }

    @Test(arguments: [PipedriveEngine.APIVersion.v2, .v1])
    func anOwnerSetOnManyDealsIsOneGroupOneJournalEntryAndOneUndo(version: PipedriveEngine.APIVersion) async throws {
        let session = fixture.session(version: version)
        let schema = try await session.schema(of: try session.resource(named: "deals"))
        let deals = try await load(session, "deals", limit: 12)
        let owner = try #require(fixture.rows("users").first { user in deals.filter { $0["user_id"]?["value"] == user["id"] || $0["user_id"] == user["id"] }.isEmpty })
        let name = try #require(owner["name"]?.stringValue)

        let assignments = try await session.assignments(["Owner=\(name)"], schema: schema)
        #expect(assignments.text == ["user_id": String(owner["id"]!.intValue!)] && assignments.shown == ["user_id": name])
        var staging = Staging()
        let group = try staging.bulkEdit(deals, of: schema, text: assignments.text, shown: assignments.shown).get()
        #expect(group?.label == "Owner → \(name) on \(deals.count) deals")
        #expect(group?.shown == ["user_id": name])  // each record's line shows the name too (the file keeps it)
        #expect(staging.changes.count == deals.count && staging.changes.allSatisfy { $0.group == group })

        let file = StagingFile(path: folder.path + "/staged.json")
        try file.save(staging)
        #expect(try file.load()?.changes.map(\.group) == staging.changes.map(\.group))
        fixture.server.clearRequestLog()
        let seen = Seen()
        let report = try await session.commit(&staging, journal: journal, file: file) { seen.add($0) }
        #expect(report.outcomes.count == deals.count && report.outcomes.allSatisfy { $0.result == .done(created: []) })
        #expect(try staging.isEmpty && file.load() == nil)
        #expect(seen.all.last == CommitProgress(done: deals.count, total: deals.count))
        let write = version == .v2 ? "PATCH /api/v2/deals/" : "PUT /api/v1/deals/"
        #expect(fixture.writes == deals.map { write + $0.id!.description })
        // v2 reads the records again 100 a call; v1 has no `ids=`, so one read each.
        let reads = fixture.calls.filter { $0.hasPrefix("GET") }
        #expect(reads == (version == .v2 ? ["GET /api/v2/deals"] : deals.map { "GET /api/v1/deals/\($0.id!)" }))
        for deal in deals { #expect(stored(deal.id)?["owner_id"] == owner["id"]) }

        let entries = try journal.entries()
        #expect(entries.count == 1 && entries[0].kind == .update && entries[0].outcome?.status == .done)
        #expect(entries[0].records.map(\.id) == deals.map(\.id) && entries[0].doneIDs == deals.compactMap(\.id))
        #expect(entries[0].records.allSatisfy { $0.after == ["user_id": owner["id"]!] })

        fixture.server.clearRequestLog()
        let undo = try await session.undo(journal: journal)
        #expect(undo.outcome == .done(created: []) && fixture.writes.count == deals.count)
        for deal in deals {
            let before = try #require(try journal.entries()[0].records.first { $0.id == deal.id }?.before["user_id"])
            #expect(stored(deal.id)?["owner_id"] == (before["value"] ?? before))
        }
        let after = try journal.entries()
        #expect(after.count == 2 && after[1].undoes == after[0].id && after[1].records.count == deals.count)
        #expect(try session.lastUndoable(in: journal) == nil)
    }

    @Test func aConflictMidBulkHoldsBackThatRecordAlone() async throws {
        let session = fixture.session()
        let deals = try session.resource(named: "deals")
        let schema = try await session.schema(of: deals)
        let loaded = try await load(session, "deals", limit: 5)
        var staging = Staging()
        _ = try staging.bulkEdit(loaded, of: schema, text: ["probability": "42"]).get()
        _ = try await fixture.session().update(deals, record: loaded[2], text: ["probability": "7"])

        fixture.server.clearRequestLog()
        let report = try await session.commit(&staging, journal: journal)
        #expect(report.conflicts.map(\.conflict.fields) == [["probability"]])
        #expect(fixture.writes == loaded.enumerated().filter { $0.offset != 2 }.map { "PATCH /api/v2/deals/\($0.element.id!)" })
        #expect(stored(loaded[2].id)?["probability"] == 7 && stored(loaded[3].id)?["probability"] == 42)
        let left = try #require(staging.changes.first)
        #expect(staging.changes.count == 1 && left.recordID == loaded[2].id && left.conflict?.theirs["probability"] == 7)
        var entries = try journal.entries()
        #expect(entries.count == 1 && entries[0].records.map(\.id) == loaded.enumerated().filter { $0.offset != 2 }.map(\.element.id))
        #expect(entries[0].outcome?.status == .done)

        staging.resolve(left.id, .overwrite)
        try await session.commit(&staging, journal: journal)
        #expect(staging.isEmpty && stored(loaded[2].id)?["probability"] == 42)
        entries = try journal.entries()
        #expect(entries.count == 2 && entries[1].records.map(\.id) == [loaded[2].id])
    }

    /// Under a burst limit of 10 requests per 2 s the bulk paces itself (no 429 from the limit, however fast the
    /// machine); a 429 on one record makes it wait and go again; every record is done once and the journal
    /// lists each.
    @Test func aRateLimitMidBulkMakesTheRestWaitAndLosesNothing() async throws {
        let strict = try SandboxFixture(rateLimits: RateLimits(burst: 10, oauthBurst: 10, searchBurst: 10, dailyTokens: 1_000_000))
        let session = strict.session()
        let schema = try await session.schema(of: try session.resource(named: "deals"))
        let loaded = try await load(session, "deals", limit: 40)
        strict.server.addFault(FaultRule(.rateLimited, method: "PATCH", path: "/api/v2/deals/\(loaded[4].id!)"))
        var staging = Staging()
        _ = try staging.bulkEdit(loaded, of: schema, text: ["title": "Bulk title"]).get()
        strict.server.clearRequestLog()
        let seen = Seen()
        let report = try await session.commit(&staging, journal: journal) { seen.add($0) }
        #expect(staging.isEmpty && report.outcomes.allSatisfy { $0.result == .done(created: []) })
        let patches = strict.server.requestLog.filter { $0.method == "PATCH" }
        #expect(patches.filter { $0.status == 200 }.map(\.path) == loaded.map { "/api/v2/deals/\($0.id!)" })
        #expect(patches.filter { $0.status == 429 }.map(\.fault) == ["rateLimited"])
        #expect(strict.server.requestLog.filter { $0.status == 429 }.count == 1)
        #expect(seen.all.last == CommitProgress(done: loaded.count, total: loaded.count))
        for deal in loaded { #expect(strict.rows("deals").first { RecordID($0["id"]) == deal.id }?["title"] == "Bulk title") }
        let entries = try journal.entries()
        #expect(entries.count == 1 && entries[0].doneIDs == loaded.compactMap(\.id) && entries[0].outcome?.status == .done)
    }

    /// A rate limit that outlasts the client's waits stops the bulk: the records not sent stay staged, the
    /// journal lists as done exactly those done, and undo reverts only those.
    @Test func aRateLimitThatLastsStopsTheBulkAndKeepsTheRest() async throws {
        let settings = ConnectionSettings(baseURL: fixture.baseURL, credential: .apiToken(fixture.server.apiToken), profileName: "test")
        let session = Session(settings: settings, retry: RetryPolicy(maxAttempts: 2, baseDelay: 0.05, maxDelay: 5))
        let schema = try await session.schema(of: try session.resource(named: "deals"))
        let loaded = try await load(session, "deals", limit: 6)
        fixture.server.addFault(FaultRule(.rateLimited, method: "PATCH", path: "/api/v2/deals/\(loaded[3].id!)", always: true))
        var staging = Staging()
        _ = try staging.bulkEdit(loaded, of: schema, text: ["title": "Stopped"]).get()
        fixture.server.clearRequestLog()
        let report = try await session.commit(&staging, journal: journal)
        #expect(report.outcomes.prefix(3).allSatisfy { $0.result == .done(created: []) })
        #expect(report.failures.count == 3 && report.failures.dropFirst().allSatisfy { $0.message.hasPrefix("Not sent: the bulk stopped at a rate limit") })
        #expect(fixture.writes == (loaded.prefix(4).map { "PATCH /api/v2/deals/\($0.id!)" } + ["PATCH /api/v2/deals/\(loaded[3].id!)"]))
        #expect(staging.changes.map(\.recordID) == loaded.suffix(3).map(\.id) && staging.changes.allSatisfy { !$0.isHeld })
        let entry = try #require(try journal.entries().first)
        #expect(entry.outcome?.status == .failed && entry.doneIDs == loaded.prefix(3).compactMap(\.id))
        #expect(entry.outcome?.message?.hasPrefix("3 of 6 not done") == true)

        // The rest goes once the limit lets it (here: the stuck record held back).
        staging.hold(try #require(staging.changes.first).id, true)
        try await session.commit(&staging, journal: journal)
        #expect(staging.changes.count == 1)
        for deal in loaded.suffix(2) { #expect(stored(deal.id)?["title"] == "Stopped") }
        fixture.server.clearRequestLog()
        _ = try await session.undo(journal: journal)
        #expect(fixture.writes == loaded.suffix(2).map { "PATCH /api/v2/deals/\($0.id!)" })
        fixture.server.clearRequestLog()
        _ = try await session.undo(journal: journal)
        #expect(fixture.writes == loaded.prefix(3).map { "PATCH /api/v2/deals/\($0.id!)" })
        for deal in loaded.prefix(3) { #expect(stored(deal.id)?["title"] == deal["title"]) }
        #expect(stored(loaded[3].id)?["title"] == loaded[3]["title"])
    }

    @Test func aValueRefusedForAnyRecordStagesNothing() async throws {
        let session = fixture.session()
        let schema = try await session.schema(of: try session.resource(named: "deals"))
        let deals = try await load(session, "deals", limit: 3)
        var staging = Staging()
        guard case .failure(let refusal) = staging.bulkEdit(deals, of: schema, text: ["probability": "12a", "title": "Fine"]) else {
            Issue.record("12a was staged")
            return
        }
        #expect(refusal.fields == ["probability": "Probability: \"12a\" is not a number, e.g. 12.5."] || refusal.fields["probability"] != nil)
        #expect(staging.isEmpty)
        // A record staged for deletion refuses the bulk by that record.
        try staging.delete([deals[1]], of: schema.resource)
        guard case .failure(let byRecord) = staging.bulkEdit(deals, of: schema, text: ["title": "Fine"]) else {
            Issue.record("a deleted record was edited")
            return
        }
        #expect(Array(byRecord.records.keys) == [deals[1].id!] && staging.changes.count == 1)
    }
}

/// Progress reports heard from a commit.
final class Seen: Sendable {
    private let reports = Mutex<[CommitProgress]>([])
    func add(_ progress: CommitProgress) { reports.withLock { $0.append(progress) } }
    var all: [CommitProgress] { reports.withLock { $0 } }
}

/// The pacer alone, over an explicit clock.
@Suite struct BurstPacerTests {
    @Test func waitsForTheOldestCallOfAFullWindowToAge() {
        var pacer = BurstPacer()
        for t in [0.0, 0.1, 0.2] {
            #expect(pacer.delay(now: t, limit: 3) == 0)
            pacer.record(now: t)
        }
        #expect(abs(pacer.delay(now: 0.5, limit: 3) - (2.0 + BurstPacer.margin - 0.5)) < 1e-9)
        #expect(pacer.delay(now: 2.01, limit: 3) == 0)  // the call at 0 has left the window
        pacer.record(now: 2.01, count: 5)  // calls the headers say were made
        #expect(pacer.delay(now: 2.02, limit: 3) > 1.9)
        #expect(pacer.delay(now: 4.02, limit: 3) == 0)
    }
}
