import JSONValue
import Testing

@testable import PipedriveSandbox

@Suite("Workspace: call logs and webhooks")
struct CallLogWebhookTests {
    static let call: JSON = [
        "outcome": "connected", "to_phone_number": "+372 5555 1234", "start_time": "2026-05-01T10:00:00.000Z",
        "end_time": "2026-05-01T10:05:00.000Z", "deal_id": 2, "person_id": 3, "subject": "Follow-up ☎️", "duration": "300",
    ]

    @Test func callLogsAddListGetDelete() async throws {
        let sandbox = try WorkspaceSandbox()
        let mine = sandbox.store()["callLogs"].all.filter { $0["user_id"] == 1 }
        let listed = try await sandbox.allPages("/api/v1/callLogs", limit: 4)
        #expect(listed.map { $0["id"]! } == mine.map { $0["id"]! })
        let capped = try await sandbox.call("GET", "/api/v1/callLogs", query: ["limit": "500"])
        #expect(capped.json["additional_data"]?["pagination"]?["limit"] == 50)

        let created = try await sandbox.call("POST", "/api/v1/callLogs", .json(Self.call))
        #expect(created.status == 200)
        let id = created.data["id"]!.stringValue!
        #expect(id.hasPrefix("CA"))
        #expect(created.data["deal_id"] == 2)
        #expect(created.data["user_id"] == 1)
        #expect(try await sandbox.call("GET", "/api/v1/callLogs/\(id)").data == created.data)

        for (field, value) in [("outcome", JSON.string("hung_up")), ("start_time", "yesterday"), ("deal_id", 9999), ("mood", "great")] {
            var body = Self.call
            body[field] = value
            try await sandbox.expectRefused(400, "POST", "/api/v1/callLogs", .json(body))
        }
        var missing = Self.call
        missing["to_phone_number"] = nil
        try await sandbox.expectRefused(400, "POST", "/api/v1/callLogs", .json(missing))

        #expect(try await sandbox.call("DELETE", "/api/v1/callLogs/\(id)").json == ["success": true])
        let gone = try await sandbox.expectRefused(404, "GET", "/api/v1/callLogs/\(id)")
        #expect(gone.json["error"] == "A resource required for this operation was not found.")
        try await sandbox.expectRefused(404, "DELETE", "/api/v1/callLogs/\(id)")
    }

    @Test func webhooksAddListDelete() async throws {
        let sandbox = try WorkspaceSandbox()
        let listed = try await sandbox.call("GET", "/api/v1/webhooks")
        #expect(listed.json["status"] == "ok")
        #expect(listed.data.ids == [1, 2, 3, 4])

        let body: JSON = ["subscription_url": "https://hooks.example.com/x", "event_action": "create", "event_object": "deal", "name": "Deals 🔔"]
        let created = try await sandbox.call("POST", "/api/v1/webhooks", .json(body))
        #expect(created.status == 201)
        #expect(created.data["id"] == 5)
        #expect(created.data["is_active"] == 1)
        #expect(created.data["version"] == "2.0")
        #expect(try await sandbox.call("GET", "/api/v1/webhooks").data.ids == [1, 2, 3, 4, 5])

        var badURL = body
        badURL["subscription_url"] = "not a url"
        let refused = try await sandbox.expectRefused(400, "POST", "/api/v1/webhooks", .json(badURL))
        #expect(refused.json["errors"]?["subscription_url"] == ["invalid or non-reachable URL"])
        var badAction = body
        badAction["event_action"] = "explode"
        try await sandbox.expectRefused(400, "POST", "/api/v1/webhooks", .json(badAction))
        var noName = body
        noName["name"] = nil
        try await sandbox.expectRefused(400, "POST", "/api/v1/webhooks", .json(noName))

        #expect(try await sandbox.call("DELETE", "/api/v1/webhooks/5").json == ["status": "ok", "success": true])
        let gone = try await sandbox.expectRefused(404, "DELETE", "/api/v1/webhooks/5")
        #expect(gone.json["errors"]?["id"] == ["not found"])
        #expect(try await sandbox.call("GET", "/api/v1/webhooks").data.ids == [1, 2, 3, 4])
    }
}
