import Foundation
import JSONValue
import PipedriveSandbox
import Testing

@testable import PipedriveEngine

/// Finding records by name, the one strategy the TUI's pickers, `pdtui set` and list filters share,
/// against a real sandbox.
@Suite struct NameSearchTests {
    let sandbox: SandboxFixture
    let session: Session

    init() throws {
        sandbox = try SandboxFixture()
        session = sandbox.session()
    }

    @Test func aResourceWithASearchCallIsSearched() async throws {
        let persons = try session.resource(named: "persons")
        let names = sandbox.rows("persons").compactMap { $0["name"]?.stringValue }
        let name = try #require(names.first)
        let surname = String(try #require(name.split(separator: " ").last))
        let found = try await session.records(named: surname, in: persons)
        #expect(!found.isEmpty && found.count <= 20)
        #expect(sandbox.calls.contains { $0.hasSuffix("/persons/search") })

        // A whole name asks for exact matches and keeps only names equal to the term.
        let whole = try await session.records(named: name.uppercased(), in: persons, match: .whole)
        let expected = sandbox.rows("persons").filter { $0["name"]?.stringValue?.lowercased() == name.lowercased() }
        #expect(Set(whole.map(\.id)) == Set(expected.compactMap { $0["id"]?.intValue }))
        #expect(whole.allSatisfy { $0.name.lowercased() == name.lowercased() })
        #expect(sandbox.server.requestLog.last?.query.contains("exact_match=true") == true)
    }

    @Test func aShortListIsReadAndMatchedHere() async throws {
        let stages = try session.resource(named: "stages")
        let rows = sandbox.rows("stages")
        let names = rows.compactMap { $0["name"]?.stringValue }
        let name = try #require(names.first)
        let term = String(name.prefix(3)).uppercased()
        let found = try await session.records(named: term, in: stages, limit: 3)
        let expected = rows.filter { ($0["name"]?.stringValue ?? "").lowercased().contains(term.lowercased()) }
        #expect(found.map(\.id) == Array(expected.compactMap { $0["id"]?.intValue }.prefix(3)))
        #expect(try await session.records(named: "no stage is called this", in: stages).isEmpty)
        #expect(!sandbox.calls.contains { $0.contains("search") })
    }

    @Test func aResourceWithNeitherIsRefused() async throws {
        let files = try session.resource(named: "mailThreads")
        await #expect(throws: PipedriveError.self) { try await session.records(named: "x", in: files) }
    }
}
