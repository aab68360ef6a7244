import JSONValue
import Testing

@testable import PipedriveSandbox

@Suite("Workspace: filters and goals")
struct FilterGoalTests {
    static let conditions: JSON = [
        "glue": "and",
        "conditions": [
            ["glue": "and", "conditions": [["object": "deal", "field_id": "12", "operator": "=", "value": "Café", "extra_value": nil]]],
            ["glue": "or", "conditions": []],
        ],
    ]

    @Test func filtersCrud() async throws {
        let sandbox = try WorkspaceSandbox()
        let listed = try await sandbox.call("GET", "/api/v1/filters").data.arrayValue ?? []
        #expect(listed.count == 10 + RecordData.namedFilters.count)
        #expect(listed.allSatisfy { $0["conditions"] == nil })
        let deals = try await sandbox.call("GET", "/api/v1/filters", query: ["type": "deals"]).data.arrayValue ?? []
        #expect(!deals.isEmpty && deals.allSatisfy { $0["type"] == "deals" })

        let created = try await sandbox.call("POST", "/api/v1/filters", .json(["name": "Cafés", "type": "deals", "conditions": Self.conditions]))
        #expect(created.status == 200)
        let id = created.data["id"]!.intValue!
        #expect(id == listed.count + 1)
        #expect(created.data["conditions"]?["conditions"]?[0]?["conditions"]?[0]?["value"] == "Café")
        #expect(try await sandbox.call("GET", "/api/v1/filters/\(id)").data == created.data)

        var changed = Self.conditions
        changed["conditions"] = [["glue": "and", "conditions": []], ["glue": "or", "conditions": [["object": "person", "field_id": "3", "operator": "IS NULL", "value": nil]]]]
        let updated = try await sandbox.call("PUT", "/api/v1/filters/\(id)", .json(["conditions": changed])).data
        #expect(updated["name"] == "Cafés")
        #expect(updated["conditions"]?["conditions"]?[1]?["conditions"]?[0]?["object"] == "person")
        #expect(updated["update_time"] != nil)

        try await sandbox.expectRefused(400, "POST", "/api/v1/filters", .json(["name": "x", "type": "deals"]))
        try await sandbox.expectRefused(400, "POST", "/api/v1/filters", .json(["name": "x", "type": "planets", "conditions": Self.conditions]))
        try await sandbox.expectRefused(400, "POST", "/api/v1/filters", .json(["name": "x", "type": "deals", "conditions": ["glue": "or"]]))
        var badOperator = Self.conditions
        badOperator["conditions"] = [["glue": "and", "conditions": [["object": "deal", "field_id": "1", "operator": "~="]]], ["glue": "or", "conditions": []]]
        try await sandbox.expectRefused(400, "POST", "/api/v1/filters", .json(["name": "x", "type": "deals", "conditions": badOperator]))
        try await sandbox.expectRefused(400, "PUT", "/api/v1/filters/\(id)", .json(["name": "no conditions"]))
        try await sandbox.expectRefused(404, "PUT", "/api/v1/filters/999", .json(["conditions": Self.conditions]))

        #expect(try await sandbox.call("DELETE", "/api/v1/filters/\(id)").data == ["id": .int(id)])
        try await sandbox.expectRefused(404, "GET", "/api/v1/filters/\(id)")
        #expect(try await sandbox.call("DELETE", "/api/v1/filters", query: ["ids": "1,2"]).data == ["id": [1, 2]])
        try await sandbox.expectRefused(404, "DELETE", "/api/v1/filters", query: ["ids": "3,1"])
        #expect(try await sandbox.call("GET", "/api/v1/filters").data.ids == Array(3...listed.count))
    }

    static let goal: JSON = [
        "title": "Win 20 deals 🏆", "assignee": ["id": 2, "type": "person"], "type": ["name": "deals_won", "params": ["pipeline_id": [1]]],
        "expected_outcome": ["target": 20, "tracking_metric": "quantity"], "duration": ["start": "2026-01-01", "end": "2026-12-31"],
        "interval": "monthly",
    ]

    @Test func goalsCreateFindUpdateDelete() async throws {
        let sandbox = try WorkspaceSandbox()
        let mine = try await sandbox.call("GET", "/api/v1/goals/find").data["goals"]?.arrayValue ?? []
        #expect(!mine.isEmpty)
        #expect(mine.allSatisfy { $0["assignee"] == ["id": 1, "type": "person"] && $0["is_active"] == true })

        let created = try await sandbox.call("POST", "/api/v1/goals", .json(Self.goal))
        #expect(created.status == 200)
        let goal = created.data["goal"]!
        let id = goal["id"]!.stringValue!
        #expect(id.count == 32)
        #expect(goal["owner_id"] == 1)
        #expect(goal["expected_outcome"]?["target"] == 20)

        let found = try await sandbox.call("GET", "/api/v1/goals/find", query: ["assignee.id": "2", "assignee.type": "person"]).data["goals"]
        #expect((found?.arrayValue ?? []).contains { $0["id"]?.stringValue == id })
        let byType = try await sandbox.call("GET", "/api/v1/goals/find", query: ["type.name": "deals_won"]).data["goals"]?.arrayValue ?? []
        #expect(byType.allSatisfy { $0["type"]?["name"] == "deals_won" })
        #expect(byType.contains { $0["id"]?.stringValue == id })
        let inPeriod = try await sandbox.call(
            "GET", "/api/v1/goals/find", query: ["assignee.id": "2", "period.start": "2026-03-01", "period.end": "2026-03-31"]).data["goals"]
        #expect((inPeriod?.arrayValue ?? []).contains { $0["id"]?.stringValue == id })

        let updated = try await sandbox.call("PUT", "/api/v1/goals/\(id)", .json(["title": "Win 25", "expected_outcome": ["target": 25, "tracking_metric": "quantity"]]))
        #expect(updated.data["goal"]?["title"] == "Win 25")
        #expect(updated.data["goal"]?["expected_outcome"]?["target"] == 25)
        #expect(updated.data["goal"]?["interval"] == "monthly")

        var noCurrency = Self.goal
        noCurrency["expected_outcome"] = ["target": 1000, "tracking_metric": "sum"]
        try await sandbox.expectRefused(400, "POST", "/api/v1/goals", .json(noCurrency))
        var badAssignee = Self.goal
        badAssignee["assignee"] = ["id": 999, "type": "person"]
        try await sandbox.expectRefused(400, "POST", "/api/v1/goals", .json(badAssignee))
        var noInterval = Self.goal
        noInterval["interval"] = nil
        try await sandbox.expectRefused(400, "POST", "/api/v1/goals", .json(noInterval))
        try await sandbox.expectRefused(400, "PUT", "/api/v1/goals/\(id)", .json(["duration": ["start": "2026-13-01"]]))
        try await sandbox.expectRefused(400, "GET", "/api/v1/goals/find", query: ["period.start": "2026-01-01"])
        try await sandbox.expectRefused(404, "PUT", "/api/v1/goals/ffffffffffffffffffffffffffffffff", .json(["title": "x"]))

        #expect(try await sandbox.call("DELETE", "/api/v1/goals/\(id)").json["success"] == true)
        try await sandbox.expectRefused(404, "DELETE", "/api/v1/goals/\(id)")
        let after = try await sandbox.call("GET", "/api/v1/goals/find", query: ["assignee.id": "2"]).data["goals"]?.arrayValue ?? []
        #expect(!after.contains { $0["id"]?.stringValue == id })
    }
}
