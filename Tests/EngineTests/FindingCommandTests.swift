import Foundation
import JSONValue
import PipedriveSandbox
import Testing

/// `pdtui duplicates`, `pdtui merge` and `pdtui get` with list filters, run as the built binary against the
/// demo account's sandbox.
@Suite struct FindingCommandTests {
    let fixture: SandboxFixture
    let folder: TemporaryFolder

    init() throws {
        fixture = try SandboxFixture(seed: 1)
        folder = try TemporaryFolder()
    }

    var environment: [String: String] {
        PDTUIBinary.environment(fixture, in: folder).merging(["PIPEDRIVE_BASE_URL": fixture.server.baseURL]) { $1 }
    }

    func pdtui(_ arguments: String...) throws -> BinaryRun { try PDTUIBinary.run(arguments, environment: environment) }

    var planted: [PlantedDuplicates.Group] { fixture.server.withStore { PlantedDuplicates.groups(in: $0) } }

    @Test func duplicatesPrintsGroupsWithReasonsAndLinks() throws {
        let run = try pdtui("duplicates", "organizations", "--format", "json", "--limit", "5")
        #expect(run.status == 0, "\(run.errors)")
        let groups = try #require(try JSON(parsing: run.bytes).arrayValue)
        #expect(groups.count == 5)
        let müller = try #require(groups.first)
        let ids = planted.first { $0.table == "organizations" }!.ids
        #expect(müller["records"]?.arrayValue?.compactMap { $0["id"]?.intValue } == ids)
        #expect(müller["records"]?[0]?["url"]?.stringValue == "\(fixture.server.baseURL)/organization/\(ids[0])")
        #expect(Set(müller["matches"]?.arrayValue?.compactMap { $0["reason"]?.stringValue } ?? []) == ["website", "name and address", "name"])

        let table = try pdtui("duplicates", "persons", "--limit", "1")
        #expect(table.status == 0)
        #expect(table.lines.first?.hasPrefix("1. 2 persons · email mari-liis.kask@sandbox-demo.ee; phone 37251234567; name kask liis mari") == true,
                "\(table.output)")
        #expect(try pdtui("duplicates", "products").status == 2)
        #expect(fixture.writes.isEmpty)
    }

    @Test func mergeAsksOnATerminalOnlyAndMergesWithYes() throws {
        let ids = planted.first { $0.table == "organizations" }!.ids
        let arguments = ["merge", "organizations", String(ids[1]), String(ids[2]), "--into", String(ids[0])]

        let dry = try PDTUIBinary.run(arguments + ["--dry-run"], environment: environment)
        #expect(dry.status == 0, "\(dry.errors)")
        #expect(dry.output.contains("Survivor: \(ids[0]) Müller Maschinenbau GmbH"))
        #expect(dry.output.contains("Merged away: \(ids[1]) MÜLLER MASCHINENBAU"))
        #expect(dry.output.contains("Pipedrive cannot undo a merge"))
        #expect(dry.output.contains("Would send: PUT /api/v1/organizations/\(ids[2])/merge {\"merge_with_id\":\(ids[0])}"))

        let refused = try PDTUIBinary.run(arguments, environment: environment)
        #expect(refused.status == 2)
        #expect(refused.errors.contains("stdin is not a terminal"))
        #expect(fixture.writes.isEmpty, "a preview and a refusal send no write")

        let merged = try PDTUIBinary.run(arguments + ["--yes"], environment: environment)
        #expect(merged.status == 0, "\(merged.errors)")
        #expect(merged.output.hasSuffix("Merged \(ids[1]), \(ids[2]) into \(ids[0]).\n"))
        #expect(fixture.writes == [ids[1], ids[2]].map { "PUT /api/v1/organizations/\($0)/merge" })
        let live = Set(fixture.rows("organizations").compactMap { $0["id"]?.intValue })
        #expect(live.contains(ids[0]) && !live.contains(ids[1]) && !live.contains(ids[2]))

        let journal = try PDTUIBinary.run(["journal"], environment: environment)
        #expect(journal.output.contains("organizations"), "\(journal.output)")
    }

    @Test func getTakesFiltersByName() throws {
        let run = try pdtui("get", "deals", "--param", "status=open", "--param", "owner=me", "--param", "stage=Proposal made",
                            "--format", "ndjson")
        #expect(run.status == 0, "\(run.errors)")
        let stage = fixture.server.withStore { $0["stages"].all.first { $0["name"] == "Proposal made" }!["id"]! }
        let expected = fixture.rows("deals").filter {
            $0["status"] == "open" && $0["owner_id"] == 1 && $0["stage_id"] == stage && $0["is_archived"] != true
        }
        let rows = try run.lines.map { try JSON(parsing: String($0)) }
        #expect(!rows.isEmpty && Set(rows.compactMap { $0["id"] }) == Set(expected.compactMap { $0["id"] }))

        let saved = try pdtui("get", "deals", "--filter", "My open deals", "--format", "ndjson", "--api", "v1")
        #expect(saved.status == 0, "\(saved.errors)")
        let mine = fixture.rows("deals").filter { $0["status"] == "open" && $0["owner_id"] == 1 && $0["is_archived"] != true }
        #expect(Set(try saved.lines.map { try JSON(parsing: String($0))["id"]! }) == Set(mine.compactMap { $0["id"] }))

        let unknown = try pdtui("get", "deals", "--filter", "No such filter")
        #expect(unknown.status == 2 && unknown.errors.contains("No saved deals filter is named \"No such filter\""), "\(unknown.errors)")
        #expect(try pdtui("get", "deals", "search", "--param", "term=acme", "--param", "owner=me").status == 2)
    }
}
