import Foundation
import Testing
import JSONValue
import PipedriveEngine

/// `pdtui catalog`, run as the built binary.
@Suite struct CatalogCommandTests {
    func pdtui(_ arguments: String...) throws -> BinaryRun { try PDTUIBinary.run(arguments) }

    @Test func printsTheCatalogAsJSON() throws {
        let run = try pdtui("catalog", "--json")
        #expect(run.status == 0)
        let json = try JSON(parsing: run.output)
        let resources = try #require(json["resources"]?.arrayValue)
        #expect(resources.count == 26)
        #expect(resources.reduce(0) { $0 + ($1["actions"]?.arrayValue?.count ?? 0) } == 117)
        let names = resources.flatMap { resource in
            (resource["actions"]?.arrayValue ?? []).map { "\(resource["name"]?.stringValue ?? "") \($0["name"]?.stringValue ?? "")" }
        }
        #expect(names == Catalog.pipedrive.resources.flatMap { r in r.actions.map { "\(r.name) \($0.name)" } })

        let activities = try #require(resources.first)
        #expect(activities["name"] == "activities")
        #expect(activities["customFields"] == "/activityFields")
        let readDeal = try #require(activities["actions"]?[1])
        #expect(readDeal["name"] == "Read deal")
        #expect(readDeal["method"] == "GET")
        #expect(readDeal["path"] == "/deals/{deal_id}/activities")
        #expect(readDeal["params"] == [["name": "deal_id", "required": true, "description": "Specify deal identifier.", "kind": "id", "resource": "deals"]])
        #expect(readDeal["v2"] == ["method": "GET", "path": "/activities", "query": ["deal_id"], "perID": false])
        let recent = try #require(activities["actions"]?[4])
        #expect(recent["v2"] == .null)
        #expect(recent["automatic"] == [["name": "items", "value": "activity"]])
        #expect(recent["extraction"] == "data[].data")
        let delete = try #require(activities["actions"]?[7])
        #expect(delete["v2"] == ["method": "DELETE", "path": "/activities/{id}", "query": [], "perID": true])
        #expect(activities["fields"]?[0] == ["name": "id", "type": "DT_I4", "key": true])
        #expect(activities["fields"]?[4] == ["name": "deal_dropbox_bcc", "template": "ShortText"])

        let deals = try #require(resources.first { $0["name"] == "deals" })
        #expect(deals["includes"] == "Deal")
        #expect(deals["fields"]?[2] == [
            "name": "updates", "readOnly": true, "array": true, "components": ["object", "timestamp", "data"],
            "gather": ["path": "/deals/{id}/flow", "extraction": "data"],
        ])
        let leads = try #require(resources.first { $0["name"] == "leads" })
        #expect(leads["actions"]?[2]?["method"] == "PATCH")
        #expect(json["templates"]?.arrayValue?.count == 14)
    }

    @Test func printsAReadableListing() throws {
        let run = try pdtui("catalog")
        #expect(run.status == 0)
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "activities (custom fields from /activityFields)")
        #expect(lines.contains { $0.hasPrefix("  Read deal ") && $0.contains("GET /deals/{deal_id}/activities") && $0.hasSuffix("v2: GET /activities?deal_id=") })
        #expect(lines.contains { $0.contains("DELETE /deals?ids=1,2,…") && $0.hasSuffix("v2: DELETE /deals/{id} (one call per id)") })
        #expect(lines.filter { !$0.hasPrefix(" ") }.count == 26)
        #expect(lines.filter { $0.hasPrefix("  ") }.count == 117)
    }

    @Test func showsOneResourceWithItsFields() throws {
        let run = try pdtui("catalog", "MailThreads")
        #expect(run.status == 0)
        #expect(run.output.hasPrefix("mailThreads\n  Read    GET /mailbox/mailThreads?folder="))
        #expect(run.output.contains("    id             DT_I4\n"))
        let json = try JSON(parsing: try pdtui("catalog", "deals", "--json").output)
        #expect(json["name"] == "deals")
    }

    @Test func namesTheResourcesWhenOneIsUnknown() throws {
        let run = try pdtui("catalog", "dealz")
        #expect(run.status != 0)
        #expect(run.output.isEmpty)
        #expect(run.errors.contains("No resource 'dealz'. Resources: activities, activityTypes,"))
    }
}
