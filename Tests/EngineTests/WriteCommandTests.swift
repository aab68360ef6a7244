import Foundation
import Testing
import JSONValue
import PipedriveSandbox
@testable import PipedriveEngine

/// `pdtui set`, `new` and `delete`, run as the built binary against a sandbox, with their own state folder;
/// `pdtui journal` and `pdtui undo` see what they did.
@Suite struct WriteCommandTests {
    let fixture: SandboxFixture
    let folder: TemporaryFolder

    init() throws {
        fixture = try SandboxFixture()
        folder = try TemporaryFolder()
    }

    func pdtui(_ arguments: [String], stdin: String? = nil) throws -> BinaryRun {
        try PDTUIBinary.run(arguments + ["--base-url", fixture.server.baseURL], environment: PDTUIBinary.environment(fixture, in: folder), stdin: stdin)
    }

    func deal(_ id: Int) -> JSON? { fixture.rows("deals").first { $0["id"] == .int(id) } }

    @Test func setsAnOwnerByNameOnDealsFromStdinAndUndoesThemAsOne() throws {
        let user = try #require(fixture.rows("users").last)
        let name = try #require(user["name"]?.stringValue)
        let stage = try #require(fixture.rows("stages").first { $0["name"] == "Proposal made" })
        let before = [4, 5, 6].map { deal($0)! }
        let input = "4\n{\"id\": 5, \"title\": \"x\"}\n\n6\n"

        let dry = try pdtui(["set", "deals", "--ids-from", "-", "Owner=\(name)", "stage=Proposal made", "--dry-run"], stdin: input)
        #expect(dry.status == 0, "\(dry.errors)")
        // Only what differs is sent: a deal already at that stage keeps it.
        let calls = before.map { old in
            var body: [String: JSON] = ["owner_id": user["id"]!, "stage_id": stage["id"]!]
            if old["stage_id"] == stage["id"] { body["stage_id"] = nil }
            return "  PATCH /api/v2/deals/\(old["id"]!) " + JSON.object(body).serializedString
        }
        #expect(dry.lines.map(String.init) == ["Owner → \(name), Stage → Proposal made on 3 deals", "Would send (dry run, nothing sent):"] + calls)
        #expect(fixture.server.requestLog.allSatisfy { $0.method == "GET" })

        let run = try pdtui(["set", "deals", "--ids-from", "-", "Owner=\(name)", "stage=Proposal made"], stdin: input)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.lines.dropFirst() == ["Update deals 4: done", "Update deals 5: done", "Update deals 6: done"])
        for id in [4, 5, 6] { #expect(deal(id)?["owner_id"] == user["id"] && deal(id)?["stage_id"] == stage["id"]) }

        let journal = try PDTUIBinary.run(["journal"], environment: PDTUIBinary.environment(fixture, in: folder))
        #expect(journal.lines.count == 2 && journal.lines[1].contains("update deals") && journal.lines[1].contains(" 4,5,6 ") && journal.lines[1].hasSuffix("done"))
        let undo = try pdtui(["undo", "--yes"])
        #expect(undo.status == 0 && undo.output.hasSuffix("Undone.\n"), "\(undo.errors)")
        for (id, old) in zip([4, 5, 6], before) { #expect(deal(id)?["owner_id"] == old["owner_id"] && deal(id)?["stage_id"] == old["stage_id"]) }
    }

    @Test func aRecordNotDoneMakesItExitNonZeroAndSaysWhich() throws {
        fixture.server.addFault(FaultRule(.serverError(500), method: "PATCH", path: "/api/v2/deals/8"))
        let run = try pdtui(["set", "deals", "7,8,9", "probability=33"])
        #expect(run.status == 1)
        let lines = run.lines.dropFirst().map(String.init)
        #expect(lines.count == 3 && lines[0] == "Update deals 7: done" && lines[1].hasPrefix("Update deals 8: unknown: "))
        #expect(lines.last == "Update deals 9: done")
        #expect(run.output.contains("Update deals 8: unknown: ") && run.errors.contains("1 of 3 changes not done"))
        #expect(deal(7)?["probability"] == 33 && deal(9)?["probability"] == 33)
        #expect(fixture.server.requestLog.filter { $0.method == "PATCH" }.count == 3)  // the unknown one is not sent again
    }

    @Test func badInputIsRefusedBeforeAnythingIsSent() throws {
        for (arguments, message) in [
            (["set", "deals", "1", "probability=12a"], "\"12a\" is not a number"),
            (["set", "deals", "1", "Colour=red"], "deals has no field \"Colour\""),
            (["set", "deals", "1"], "Give FIELD=VALUE pairs"),
            (["set", "deals", "1,x!", "title=a"], "is not a record id"),
            (["set", "deals", "1", "Owner=Nobody Here"], "no users named \"Nobody Here\""),
            (["set", "deals", "1", "title=a", "--read-only"], "read-only"),
            (["new", "deals", "probability=5"], "Title: is required"),
            (["delete", "deals", "1"], "give --yes"),
        ] {
            let run = try pdtui(arguments, stdin: "")
            #expect(run.status == 2 && run.errors.contains(message), "\(arguments): \(run.status) \(run.errors)")
        }
        let missing = try pdtui(["set", "deals", "1,99999", "title=a"])
        #expect(missing.status == 1 && missing.errors.contains("99999"))
        #expect(fixture.server.requestLog.allSatisfy { $0.method == "GET" })
    }

    @Test func createsAPersonAndDeletesInOneBatchCall() throws {
        let organization = try #require(fixture.rows("organizations").first { org in
            fixture.rows("organizations").filter { $0["name"] == org["name"] }.count == 1
        })
        let created = try pdtui(["new", "persons", "name=Ada Lovelace", "Organization=\(organization["name"]!.stringValue!)", "email=ada@example.com"])
        #expect(created.status == 0, "\(created.errors)")
        let id = try #require(created.output.split(separator: "new id ").last.flatMap { Int($0.prefix { $0.isNumber }) })
        let person = try #require(fixture.rows("persons").first { $0["id"] == .int(id) })
        #expect(person["name"] == "Ada Lovelace" && person["org_id"] == organization["id"])

        fixture.server.clearRequestLog()
        let deleted = try pdtui(["delete", "persons", "\(id),2", "--yes", "--api", "v1"])
        #expect(deleted.status == 0, "\(deleted.errors)")
        #expect(deleted.lines == ["Delete persons \(id), 2: done"])
        #expect(fixture.server.requestLog.filter { $0.method != "GET" }.map { "\($0.method) \($0.path)?\($0.query)" } == ["DELETE /api/v1/persons?ids=\(id)%2C2"])
        #expect(!fixture.rows("persons").contains { $0["id"] == .int(id) || $0["id"] == 2 })
        let undo = try pdtui(["undo", "--yes", "--api", "v1"])
        #expect(undo.status == 0 && undo.output.contains("Re-created persons \(id) as"), "\(undo.errors)")
    }

    @Test func theDemoTakesWritesWithNoAccount() throws {
        let run = try PDTUIBinary.run(["set", "deals", "1", "title=Demo title", "--demo"], environment: [
            "PATH": "/usr/bin:/bin", "HOME": folder.path, "XDG_CONFIG_HOME": folder.path + "/config", "XDG_STATE_HOME": folder.path + "/state",
        ])
        #expect(run.status == 0 && run.lines == ["Title → Demo title on deals 1", "Update deals 1: done"], "\(run.errors)")
    }
}
