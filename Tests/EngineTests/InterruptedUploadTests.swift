import Foundation
import JSONValue
import PipedriveSandbox
import Testing

@testable import PipedriveEngine

/// An upload cut off by pdtui's death (journaled, no outcome) is settled at the next start by reading a real
/// sandbox over HTTP, never by sending it again.
@Suite struct InterruptedUploadTests {
    let temporary: TemporaryFolder
    let journal: Journal
    let sandbox: SandboxFixture

    init() throws {
        temporary = try TemporaryFolder()
        journal = Journal(path: temporary.path + "/state/journal.jsonl")
        sandbox = try SandboxFixture()
    }

    /// The journal as pdtui leaves it when it dies after sending: the intent line, no outcome.
    func dropOutcomes() throws {
        let text = try String(contentsOfFile: journal.path, encoding: .utf8)
        let kept = text.split(separator: "\n").filter { !$0.contains("\"event\":\"outcome\"") }
        try (kept.joined(separator: "\n") + "\n").write(toFile: journal.path, atomically: true, encoding: .utf8)
    }

    @Test func anUploadThatReachedPipedriveIsJournaledDoneWithItsID() async throws {
        let session = sandbox.session()
        let deal = try #require(sandbox.rows("deals").first?["id"]?.intValue)
        let file = temporary.path + "/minutes.txt"
        #expect(FileManager.default.createFile(atPath: file, contents: Data("minutes of the meeting".utf8)))
        let uploaded = try await session.upload(fileAt: file, to: .deal(deal), journal: journal)
        try dropOutcomes()
        #expect(try journal.entries().last?.outcome == nil)
        sandbox.server.clearRequestLog()

        let said = await session.settleInterruptedUploads(journal: journal)
        #expect(said == ["The upload of minutes.txt cut off when pdtui stopped was done (file \(uploaded.id!))."])
        #expect(sandbox.writes.isEmpty)
        let entry = try #require(try journal.entries().last)
        #expect(entry.outcome?.status == .done)
        #expect(entry.outcome?.createdIDs == [uploaded.id!])
        // Settled once: the next start has nothing to say.
        #expect(await session.settleInterruptedUploads(journal: journal).isEmpty)
    }

    @Test func anUploadThatNeverArrivedIsJournaledNotDone() async throws {
        let session = sandbox.session()
        let deal = try #require(sandbox.rows("deals").first?["id"]?.intValue)
        let entry = JournalEntry(
            id: "cut-off", time: Int(Date().timeIntervalSince1970), profile: "test", account: sandbox.baseURL.absoluteString,
            resource: "files", kind: .create,
            records: [JournaledRecord(id: nil, before: [:], after: ["file_name": "never.txt", "file_size": 5, "deal_id": .int(deal)])],
            requests: ["POST /api/v1/files"])
        try journal.record(entry)
        // Another account's entry is left alone.
        try journal.record(JournalEntry(
            id: "elsewhere", time: entry.time, profile: "other", account: "https://other.pipedrive.com", resource: "files",
            kind: .create, records: entry.records, requests: entry.requests))

        let said = await session.settleInterruptedUploads(journal: journal)
        #expect(said == ["The upload of never.txt cut off when pdtui stopped was not done: upload it again to send it."])
        #expect(sandbox.writes.isEmpty)
        let entries = try journal.entries()
        #expect(entries.first { $0.id == "cut-off" }?.outcome?.status == .failed)
        #expect(entries.first { $0.id == "elsewhere" }?.outcome == nil)
    }
}

/// The same through the built binary: `pdtui files upload` first settles an upload an earlier pdtui was
/// cut off in, and says so on stderr.
@Suite struct InterruptedUploadCommandTests {
    @Test func theNextUploadSettlesTheInterruptedOne() throws {
        let fixture = try SandboxFixture()
        let folder = try TemporaryFolder()
        let environment = PDTUIBinary.environment(fixture, in: folder).merging(["PIPEDRIVE_BASE_URL": fixture.server.baseURL]) { $1 }
        let deal = try #require(fixture.rows("deals").first?["id"]?.intValue)
        for name in ["first.txt", "second.txt"] {
            #expect(FileManager.default.createFile(atPath: folder.path + "/" + name, contents: Data(name.utf8)))
        }
        #expect(try PDTUIBinary.run(["files", "upload", "~/first.txt", "--deal", "\(deal)"], environment: environment).status == 0)
        let first = try #require(fixture.rows("files").last?["id"])
        // As if pdtui had died after sending: the journal holds the attempt, not its outcome.
        let journal = Journal(path: folder.path + "/state/pdtui/journal.jsonl")
        let text = try String(contentsOfFile: journal.path, encoding: .utf8)
        try (text.split(separator: "\n").filter { !$0.contains("\"event\":\"outcome\"") }.joined(separator: "\n") + "\n")
            .write(toFile: journal.path, atomically: true, encoding: .utf8)
        fixture.server.clearRequestLog()

        let run = try PDTUIBinary.run(["files", "upload", "~/second.txt", "--deal", "\(deal)"], environment: environment)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.errors.contains("The upload of first.txt cut off when pdtui stopped was done (file \(first))."), "\(run.errors)")
        #expect(fixture.writes == ["POST /api/v1/files"])  // the second file only
        let outcomes = try journal.entries().map { $0.outcome?.status }
        #expect(outcomes == [.done, .done])
    }
}
