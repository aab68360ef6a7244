import Foundation
import Testing
import JSONValue
import PipedriveSandbox
@testable import PipedriveEngine

/// Find and replace: the `s/OLD/NEW/FLAGS` command, and plans of staged edits over a sandbox's records.
@Suite struct ReplaceTests {
    @Test func readsTheCommandAsViDoes() throws {
        let plain = try Substitution(parsing: "s/Gmbh/GmbH/")
        #expect(plain.find == "Gmbh" && plain.replacement == "GmbH" && !plain.global && !plain.ignoreCase && !plain.regex)
        #expect(try Substitution(parsing: "s/a/b").replacement == "b")
        let flagged = try Substitution(parsing: "s|a/b|c\\|d|gi")
        #expect(flagged.find == "a/b" && flagged.replacement == "c|d" && flagged.global && flagged.ignoreCase)
        #expect(try Substitution(parsing: "s/x\\/y/z/").find == "x/y")
        for bad in ["x/a/b/", "s", "s//b/", "s/a/b/q", "s/a/b/c/d", "s/(/x/r"] {
            #expect(throws: PipedriveError.self, "\(bad)") { try Substitution(parsing: bad) }
        }
    }

    @Test func replacesTheFirstOrEveryMatchAsTextOrPattern() throws {
        #expect(try Substitution(parsing: "s/gmbh/GmbH/").apply(to: "Acme gmbh gmbh") == "Acme GmbH gmbh")
        #expect(try Substitution(parsing: "s/gmbh/GmbH/g").apply(to: "Acme gmbh gmbh") == "Acme GmbH GmbH")
        #expect(try Substitution(parsing: "s/GMBH/GmbH/i").apply(to: "Acme Gmbh") == "Acme GmbH")
        #expect(try Substitution(parsing: "s/GMBH/GmbH/").apply(to: "Acme Gmbh") == "Acme Gmbh")
        // Without r the text is literal: no pattern, no `$1`.
        #expect(try Substitution(parsing: "s/a.c/$1/").apply(to: "abc a.c") == "abc $1")
        #expect(try Substitution(parsing: "s/(\\w+) Gmbh/$1 GmbH/r").apply(to: "Acme Gmbh") == "Acme GmbH")
        #expect(try Substitution(parsing: "s/ +/ /gr").apply(to: "Ωmega   Λtd  ") == "Ωmega Λtd ")
    }

    @Test func aPlanOverOrganizationNamesIsCommittedAsOneGroup() async throws {
        let fixture = try SandboxFixture()
        let folder = try TemporaryFolder()
        let journal = Journal(path: folder.path + "/journal.jsonl")
        let session = fixture.session()
        let organizations = try session.resource(named: "organizations")
        let schema = try await session.schema(of: organizations)
        var loaded = try await load(session, "organizations", limit: 5)
        for (index, name) in ["Acme Gmbh", "Gmbh gmbh", "Beta"].enumerated() {
            loaded[index] = try await session.update(organizations, record: loaded[index], text: ["name": name])
        }
        loaded = try await session.records(loaded.compactMap(\.id), of: schema)
        var staging = Staging()
        let group = try staging.replace(try Substitution(parsing: "s/gmbh/GmbH/gi"), field: "name", in: loaded, of: schema).get()
        #expect(group?.label == "Name: s/gmbh/GmbH/gi on 2 organizations")
        let edits = staging.changes.map { change -> [String] in
            guard case .update(_, let edits) = change.kind else { return [] }
            return edits.map { "\($0.old.stringValue ?? "") → \($0.new.stringValue ?? "")" }
        }
        #expect(edits == [["Acme Gmbh → Acme GmbH"], ["Gmbh gmbh → GmbH GmbH"]])
        // A second replace works on the staged values.
        _ = try staging.replace(try Substitution(parsing: "s/Acme/ACME/"), field: "name", in: loaded, of: schema).get()
        fixture.server.clearRequestLog()
        try await session.commit(&staging, journal: journal)
        #expect(fixture.writes == ["PATCH /api/v2/organizations/\(loaded[0].id!)", "PATCH /api/v2/organizations/\(loaded[1].id!)"])
        let names = fixture.rows("organizations").filter { row in loaded.prefix(3).contains { $0.id == RecordID(row["id"]) } }
            .sorted { ($0["id"]?.intValue ?? 0) < ($1["id"]?.intValue ?? 0) }.map { $0["name"] }
        #expect(names == ["ACME GmbH", "GmbH GmbH", "Beta"])
        // Each replace is a bulk of its own: the record the second one changed again went with it.
        #expect(try journal.entries().map(\.records.count) == [1, 1])
    }

    @Test func aReplacementTheFormWouldRefuseStagesNothing() async throws {
        let fixture = try SandboxFixture()
        let session = fixture.session()
        let schema = try await session.schema(of: try session.resource(named: "organizations"))
        let loaded = try await load(session, "organizations", limit: 3)
        var staging = Staging()
        guard case .failure(let refusal) = staging.replace(try Substitution(parsing: "s/.*//r"), field: "name", in: loaded, of: schema) else {
            Issue.record("a name emptied was staged")
            return
        }
        #expect(Set(refusal.records.keys) == Set(loaded.compactMap(\.id)) && refusal.records.values.allSatisfy { $0.contains("is required") })
        #expect(staging.isEmpty)
        guard case .failure(let notText) = staging.replace(try Substitution(parsing: "s/1/2/"), field: "owner_id", in: loaded, of: schema) else {
            Issue.record("a reference was replaced as text")
            return
        }
        #expect(notText.fields["owner_id"]?.contains("text fields only") == true)
    }
}
