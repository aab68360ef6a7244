import Foundation
import Testing
import JSONValue
import PipedriveSandbox
@testable import PipedriveEngine

/// `pdtui journal` and `pdtui undo`, run as the built binary against a sandbox, with their own state folder.
@Suite struct EditCommandTests {
    let fixture: SandboxFixture
    let folder: TemporaryFolder

    init() throws {
        fixture = try SandboxFixture()
        folder = try TemporaryFolder()
    }

    var environment: [String: String] { PDTUIBinary.environment(fixture, in: folder) }

    /// A session as the binary resolves it (no profile), journaling where the binary looks.
    func session() throws -> (Session, Journal) {
        let settings = try ConnectionSettings.resolve(baseURL: fixture.server.baseURL, environment: environment)
        return (Session(settings: settings, retry: SandboxFixture.quickRetry), Journal.standard(environment: environment))
    }

    @Test func journalListsAndUndoReverts() async throws {
        let (session, journal) = try session()
        let schema = try await session.schema(of: try session.resource(named: "deals"))
        let deal = try #require(try await load(session, "deals").first)
        let title = try #require(deal["title"]?.stringValue)
        var staging = Staging()
        staging.edit(deal, of: schema, text: ["title": "Changed in the TUI"])
        try await session.commit(&staging, journal: journal)

        let listed = try pdtui(["journal"])
        #expect(listed.status == 0)
        let lines = listed.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 2 && lines[0].hasPrefix("TIME (UTC)"))
        #expect(lines[1].contains("update deals") && lines[1].contains("\(deal.id!)") && lines[1].contains("title") && lines[1].hasSuffix("done"))

        fixture.server.clearRequestLog()
        let dry = try pdtui(["undo", "--dry-run", "--base-url", fixture.server.baseURL])
        #expect(dry.status == 0)
        #expect(dry.output.contains("Would undo: update deals \(deal.id!)"))
        #expect(dry.output.contains("PATCH /api/v2/deals/\(deal.id!) " + JSON.object(["title": .string(title)]).serializedString))
        #expect(fixture.server.requestLog.allSatisfy { $0.method == "GET" })

        let readOnly = try pdtui(["undo", "--read-only", "--base-url", fixture.server.baseURL])
        #expect(readOnly.status == 2 && readOnly.errors.contains("read-only"))
        #expect(fixture.server.requestLog.allSatisfy { $0.method == "GET" })

        // Without a terminal to ask on, nothing is undone unless --yes says so.
        let unasked = try pdtui(["undo", "--base-url", fixture.server.baseURL])
        #expect(unasked.status == 2 && unasked.errors.contains("give --yes"), "\(unasked.errors)")
        #expect(fixture.server.requestLog.allSatisfy { $0.method == "GET" })

        let undo = try pdtui(["undo", "--yes", "--base-url", fixture.server.baseURL])
        #expect(undo.status == 0, "\(undo.errors)")
        #expect(undo.output.hasSuffix("Undone.\n"))
        #expect(try await session.reread(deal, schema: schema)["title"] == .string(title))

        let again = try pdtui(["undo", "--yes", "--base-url", fixture.server.baseURL])
        #expect(again.status == 2 && again.errors.contains("Nothing to undo"))
        let after = try pdtui(["journal"]).output.split(separator: "\n")
        #expect(after.count == 3 && after[2].contains("undo: update deals"))
        let files = try String(contentsOfFile: journal.path, encoding: .utf8)
        #expect(!files.contains(fixture.server.apiToken))
    }

    @Test func undoOfADeleteReportsTheNewID() async throws {
        let (session, journal) = try session()
        let persons = try session.resource(named: "persons")
        let person = try #require(try await load(session, "persons").first)
        var staging = Staging()
        try staging.delete([person], of: persons)
        try await session.commit(&staging, journal: journal)
        let undo = try pdtui(["undo", "--yes", "--base-url", fixture.server.baseURL])
        #expect(undo.status == 0, "\(undo.errors)")
        let line = try #require(undo.output.split(separator: "\n").first { $0.hasPrefix("Re-created persons \(person.id!) as ") })
        let newID = try #require(Int(line.split(separator: " ").last!.dropLast()))
        #expect(fixture.rows("persons").contains { $0["id"] == .int(newID) && $0["name"] == person["name"] })
    }

    @Test func anEmptyJournalSaysSo() throws {
        let run = try pdtui(["journal"])
        #expect(run.status == 0 && run.output.hasPrefix("No changes in \(folder.path)/state/pdtui/journal.jsonl"))
    }

    @Test func aDamagedJournalIsMovedAsideAndTheCommandsGoOn() throws {
        let path = folder.path + "/state/pdtui/journal.jsonl"
        try FileManager.default.createDirectory(atPath: folder.path + "/state/pdtui", withIntermediateDirectories: true)
        let damaged = Data("{\"event\":\"commit\"}\nnot a journal line\n".utf8)
        FileManager.default.createFile(atPath: path, contents: damaged, attributes: [.posixPermissions: 0o600])

        let listed = try pdtui(["journal"])
        #expect(listed.status == 0 && listed.output.hasPrefix("No changes in \(path)"))
        #expect(listed.errors.contains("The journal \(path) is damaged (line 1 is not a journal entry); it was moved to \(path).bad-"))
        let aside = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/state/pdtui").filter { $0.hasPrefix("journal.jsonl.bad-") }
        #expect(aside.count == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/state/pdtui/" + aside[0])) == damaged)

        FileManager.default.createFile(atPath: path, contents: damaged, attributes: [.posixPermissions: 0o600])
        let undo = try pdtui(["undo", "--yes", "--base-url", fixture.server.baseURL])
        #expect(undo.status == 2 && undo.errors.contains("is damaged") && undo.errors.contains("Nothing to undo"))
    }

    func pdtui(_ arguments: [String]) throws -> BinaryRun { try PDTUIBinary.run(arguments, environment: environment) }
}
