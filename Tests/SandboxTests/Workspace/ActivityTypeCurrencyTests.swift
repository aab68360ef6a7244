import JSONValue
import Testing

@testable import PipedriveSandbox

@Suite("Workspace: activity types and currencies")
struct ActivityTypeCurrencyTests {
    @Test func activityTypesCreateUpdateDelete() async throws {
        let sandbox = try WorkspaceSandbox()
        let types = try await sandbox.call("GET", "/api/v1/activityTypes").data
        #expect(types.ids == Array(1...10))
        #expect((types.arrayValue ?? []).prefix(6).allSatisfy { $0["is_custom_flag"] == false })

        let created = try await sandbox.call("POST", "/api/v1/activityTypes", .json(["name": "Video call", "icon_key": "camera", "color": "aeb31b"]))
        #expect(created.status == 200)
        #expect(created.data["id"] == 11)
        #expect(created.data["key_string"] == "video_call")
        #expect(created.data["is_custom_flag"] == true)
        #expect(created.data["order_nr"] == 11)

        let updated = try await sandbox.call("PUT", "/api/v1/activityTypes/11", .json(["name": "Zoom", "order_nr": 2])).data
        #expect(updated["name"] == "Zoom")
        #expect(updated["icon_key"] == "camera")
        #expect(updated["order_nr"] == 2)
        #expect(updated["update_time"] != created.data["update_time"])

        try await sandbox.expectRefused(400, "POST", "/api/v1/activityTypes", .json(["name": "No icon"]))
        try await sandbox.expectRefused(400, "POST", "/api/v1/activityTypes", .json(["name": "x", "icon_key": "rocket"]))
        try await sandbox.expectRefused(400, "PUT", "/api/v1/activityTypes/11", .json(["order_nr": "first"]))
        try await sandbox.expectRefused(404, "PUT", "/api/v1/activityTypes/99", .json(["name": "x"]))

        let deleted = try await sandbox.call("DELETE", "/api/v1/activityTypes/11").data
        #expect(deleted["active_flag"] == false)
        #expect(deleted["id"] == 11)
        try await sandbox.expectRefused(404, "DELETE", "/api/v1/activityTypes/11")

        let bulk = try await sandbox.call("DELETE", "/api/v1/activityTypes", query: ["ids": "9,10"])
        #expect(bulk.data == ["id": [9, 10]])
        try await sandbox.expectRefused(404, "DELETE", "/api/v1/activityTypes", query: ["ids": "8,77"])
        try await sandbox.expectRefused(400, "DELETE", "/api/v1/activityTypes", query: ["ids": "8,x"])
        try await sandbox.expectRefused(400, "DELETE", "/api/v1/activityTypes")
        #expect(try await sandbox.call("GET", "/api/v1/activityTypes").data.ids == Array(1...8))
    }

    @Test func currenciesListAndSearch() async throws {
        let sandbox = try WorkspaceSandbox()
        let all = try await sandbox.call("GET", "/api/v1/currencies").data.arrayValue ?? []
        #expect(all.count > 30)
        #expect(all.contains { $0["code"] == "EUR" && $0["symbol"] == "€" && $0["decimal_points"] == 2 })
        #expect(all.contains { $0["code"] == "JPY" && $0["decimal_points"] == 0 })
        let found = try await sandbox.call("GET", "/api/v1/currencies", query: ["term": "dollar"]).data.arrayValue ?? []
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { $0["name"]?.stringValue?.lowercased().contains("dollar") == true })
        let byCode = try await sandbox.call("GET", "/api/v1/currencies", query: ["term": "GBP"]).data.arrayValue ?? []
        #expect(byCode.map { $0["code"] } == ["GBP"])
    }
}
