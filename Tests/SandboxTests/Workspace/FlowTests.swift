import JSONValue
import Testing

@testable import PipedriveSandbox

@Suite("Workspace: flow")
struct FlowTests {
    @Test func dealFlowGathersChangesActivitiesFilesFollowersAndParticipants() async throws {
        let sandbox = try WorkspaceSandbox()
        let store = sandbox.store()
        let deal = store["activities"].all.first { $0["done"] == true && $0["deal_id"]?.intValue != nil }!["deal_id"]!.intValue!
        let entries = try await sandbox.allPages("/api/v1/deals/\(deal)/flow", limit: 2)
        let objects = Set(entries.compactMap { $0["object"]?.stringValue })
        #expect(objects.contains("activity"))
        let changes = store["flowChanges"].all.filter { $0["item_type"] == "deal" && $0["item_id"] == .int(deal) }
        #expect(entries.filter { $0["object"] == "dealChange" }.count == changes.count)
        let followers = store["dealFollowers"].all.filter { $0["deal_id"] == .int(deal) }
        #expect(entries.filter { $0["object"] == "dealFollower" }.count == followers.count)
        let files = store["files"].all.filter { $0["deal_id"] == .int(deal) }
        #expect(entries.filter { $0["object"] == "file" }.count == files.count)
        let times = entries.compactMap { $0["timestamp"]?.stringValue }
        #expect(times == times.sorted(by: >))
        #expect(entries.allSatisfy { $0["data"]?.objectValue != nil })

        let only = try await sandbox.call("GET", "/api/v1/deals/\(deal)/flow", query: ["items": "activity,file", "limit": "500"])
        #expect((only.data.arrayValue ?? []).allSatisfy { ["activity", "file"].contains($0["object"]?.stringValue ?? "") })
        #expect(only.json["related_objects"]?["deal"]?[String(deal)]?["title"] == .string(store.label("deals", deal)!))
        try await sandbox.expectRefused(404, "GET", "/api/v1/deals/9999/flow")
    }

    @Test func flowShowsWritesMadeThroughTheAPI() async throws {
        let sandbox = try WorkspaceSandbox()
        let upload = try await sandbox.call(
            "POST", "/api/v1/files", .multipart(fields: [("person_id", "6")], file: (name: "cv.txt", type: "text/plain", bytes: Array("CV".utf8))))
        let fileID = upload.data["id"]!
        _ = try await sandbox.call("POST", "/api/v1/persons/6/followers", .json(["user_id": 15]))
        let latest = try await sandbox.call("GET", "/api/v1/persons/6/flow", query: ["limit": "2"]).data.arrayValue ?? []
        #expect(latest.map { $0["object"]?.stringValue ?? "" }.sorted() == ["file", "personFollower"])
        #expect(latest.contains { $0["object"] == "file" && $0["data"]?["id"] == fileID })
        let orgFlow = try await sandbox.call("GET", "/api/v1/organizations/3/flow")
        #expect(orgFlow.status == 200)
        #expect(orgFlow.json["related_objects"]?["organization"]?["3"]?["id"] == 3)
        try await sandbox.expectRefused(404, "GET", "/api/v1/organizations/9999/flow")
        try await sandbox.expectRefused(404, "GET", "/api/v1/persons/9999/flow")
    }
}
