import Foundation
import JSONValue
import PipedriveSandbox
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@testable import PipedriveEngine

/// Money and decimals through `Decimal`-exact digits end to end: typed, staged (and saved), sent to a real
/// sandbox over HTTP, read back and shown, with an amount a `Double` would round
/// (`123456789012345678.99` → `1.2345678901234568e+17`).
@Suite struct DecimalMoneyTests {
    let fixture: SandboxFixture
    let folder: TemporaryFolder

    init() throws {
        fixture = try SandboxFixture()
        folder = try TemporaryFolder()
    }

    @Test func parsesAndShowsEveryDigit() throws {
        let money = RecordField(CustomField(key: "value", name: "Value", type: .monetary, isCustom: false))
        let decimal = RecordField(CustomField(key: "share", name: "Share", type: .double))
        let parser = ValueParser(), formatter = ValueFormatter()
        let parsed = try parser.parse("123,456,789,012,345,678.99 EUR", for: money)
        #expect(parsed == ["value": .decimal("123456789012345678.99"), "currency": "EUR"])
        #expect(formatter.display(parsed, for: money) == "123,456,789,012,345,678.99 EUR")
        #expect(try parser.parse("0.123456789012345678", for: decimal) == .decimal("0.123456789012345678"))
        #expect(formatter.display(.decimal("0.123456789012345678"), for: decimal) == "0.123456789012345678")
        #expect(try parser.parse("12.50", for: decimal) == .double(12.5))
        #expect(try parser.parse("+1e2", for: decimal) == .int(100))
        #expect(throws: ValueError.self) { try parser.parse("1e999", for: decimal) }
        #expect(throws: ValueError.self) { try parser.parse("inf", for: decimal) }
        #expect(formatter.display(.double(1.005), for: money) == "1.01")
    }

    @Test(arguments: [PipedriveEngine.APIVersion.v2, .v1])
    func aLongAmountIsSentAndStoredExactly(version: PipedriveEngine.APIVersion) async throws {
        let session = fixture.session(version: version)
        let schema = try await session.schema(of: try session.resource(named: "deals"))
        let deal = try #require(try await load(session, "deals").first)
        var staging = Staging()
        #expect(staging.edit(deal, of: schema, text: ["value": "123456789012345678.99 EUR"]).isEmpty)

        // Saved and read back with every digit.
        let file = StagingFile(path: folder.path + "/staged.json")
        try file.save(staging)
        let loaded = try #require(try file.load())
        guard case .update(_, let edits)? = loaded.changes.first?.kind else { Issue.record("no staged update"); return }
        #expect(edits.first { $0.key == "value" }?.new["value"] == .decimal("123456789012345678.99"))

        let report = try await session.commit(&staging, journal: Journal(path: folder.path + "/journal.jsonl"))
        #expect(report.outcomes.map(\.result) == [.done(created: [])])
        // Pipedrive's answer, as bytes: the digits as typed.
        var request = URLRequest(url: fixture.baseURL.appendingPathComponent("api/\(version)/deals/\(deal.id!)"))
        request.setValue(fixture.server.apiToken, forHTTPHeaderField: "x-api-token")
        let body = String(decoding: try await URLSession.shared.data(for: request).0, as: UTF8.self)
        #expect(body.contains("123456789012345678.99"))
        let after = try await session.reread(deal, schema: schema)
        #expect(after["value"]?["value"] == .decimal("123456789012345678.99"))
        let field = try #require(schema.fields.first { $0.key == "value" })
        #expect(ValueFormatter().display(after["value"], for: field).hasPrefix("123,456,789,012,345,678.99"))
    }
}
