import JSONValue
import Testing

@testable import PipedriveSandbox

@Suite("Workspace: organization relationships and subscriptions")
struct RelationshipSubscriptionTests {
    @Test func organizationRelationshipsCrud() async throws {
        let sandbox = try WorkspaceSandbox()
        let created = try await sandbox.call("POST", "/api/v1/organizationRelationships", .json(["type": "parent", "rel_owner_org_id": 1, "rel_linked_org_id": 2]))
        #expect(created.status == 200)
        let id = created.data["id"]!.intValue!
        #expect(created.data["rel_owner_org_id"]?["value"] == 1)
        #expect(created.data["rel_linked_org_id"]?["name"] == .string(sandbox.store().label("organizations", 2)!))
        #expect(created.json["related_objects"]?["organization"]?["2"]?["id"] == 2)

        let ofOwner = try await sandbox.call("GET", "/api/v1/organizationRelationships", query: ["org_id": "1"]).data.arrayValue ?? []
        let mine = ofOwner.first { $0["id"]?.intValue == id }!
        #expect(mine["calculated_type"] == "daughter")
        #expect(mine["calculated_related_org_id"] == 2)
        let fromLinked = try await sandbox.call("GET", "/api/v1/organizationRelationships/\(id)", query: ["org_id": "2"]).data
        #expect(fromLinked["calculated_type"] == "parent")
        #expect(fromLinked["calculated_related_org_id"] == 1)
        let everyRelation = sandbox.store()["organizationRelationships"].all.filter { $0["rel_owner_org_id"] == 1 || $0["rel_linked_org_id"] == 1 }
        #expect(Set(try await sandbox.allPages("/api/v1/organizationRelationships", query: ["org_id": "1"], limit: 1).map { $0["id"]! }) == Set(everyRelation.map { $0["id"]! }))

        let updated = try await sandbox.call("PUT", "/api/v1/organizationRelationships/\(id)", .json(["type": "related"])).data
        #expect(updated["type"] == "related")
        #expect(updated["rel_linked_org_id"]?["value"] == 2)

        try await sandbox.expectRefused(400, "GET", "/api/v1/organizationRelationships")
        try await sandbox.expectRefused(400, "POST", "/api/v1/organizationRelationships", .json(["type": "parent", "rel_owner_org_id": 1, "rel_linked_org_id": 1]))
        try await sandbox.expectRefused(400, "POST", "/api/v1/organizationRelationships", .json(["type": "sibling", "rel_owner_org_id": 1, "rel_linked_org_id": 2]))
        try await sandbox.expectRefused(400, "POST", "/api/v1/organizationRelationships", .json(["type": "parent", "rel_owner_org_id": 1, "rel_linked_org_id": 9999]))
        try await sandbox.expectRefused(400, "PUT", "/api/v1/organizationRelationships/\(id)", .json(["rel_linked_org_id": 1]))
        try await sandbox.expectRefused(404, "PUT", "/api/v1/organizationRelationships/9999", .json(["type": "parent"]))

        #expect(try await sandbox.call("DELETE", "/api/v1/organizationRelationships/\(id)").data == ["id": .int(id)])
        try await sandbox.expectRefused(404, "GET", "/api/v1/organizationRelationships/\(id)")
    }

    @Test func recurringAndInstallmentSubscriptions() async throws {
        let sandbox = try WorkspaceSandbox()
        let taken = Set(sandbox.store()["subscriptions"].all.compactMap { $0["deal_id"]?.intValue })
        let free = (1...30).filter { !taken.contains($0) }
        let recurring = try await sandbox.call(
            "POST", "/api/v1/subscriptions/recurring",
            .json(["deal_id": .int(free[0]), "currency": "EUR", "cadence_type": "monthly", "cycles_count": 12, "cycle_amount": 100, "start_date": "2026-01-15"]))
        #expect(recurring.status == 200)
        let id = recurring.data["id"]!.intValue!
        #expect(recurring.data["lifetime_value"] == 1200)
        #expect(recurring.data["end_date"] != nil)
        #expect(try await sandbox.call("GET", "/api/v1/subscriptions/find/\(free[0])").data["id"] == .int(id))

        let updated = try await sandbox.call("PUT", "/api/v1/subscriptions/recurring/\(id)", .json(["cycle_amount": 150, "effective_date": "2026-03-01"])).data
        #expect(updated["cycle_amount"] == 150)
        #expect(updated["lifetime_value"] == 1800)
        #expect(updated["cadence_type"] == "monthly")

        let installment = try await sandbox.call(
            "POST", "/api/v1/subscriptions/installment",
            .json(["deal_id": .int(free[1]), "currency": "USD", "payments": [["amount": 500, "description": "First", "due_at": "2026-02-01"], ["amount": 250.5, "description": "Second", "due_at": "2026-03-01"]]]))
        #expect(installment.data["lifetime_value"] == 750.5)
        #expect(installment.data["end_date"] == "2026-03-01")
        let installmentID = installment.data["id"]!.intValue!
        let replaced = try await sandbox.call("PUT", "/api/v1/subscriptions/installment/\(installmentID)", .json(["payments": [["amount": 100, "due_at": "2026-04-01"]]])).data
        #expect(replaced["lifetime_value"] == 100)

        try await sandbox.expectRefused(400, "POST", "/api/v1/subscriptions/recurring", .json(["deal_id": .int(free[0]), "currency": "EUR", "cadence_type": "monthly", "infinite": true, "cycle_amount": 1, "start_date": "2026-01-01"]))
        try await sandbox.expectRefused(400, "POST", "/api/v1/subscriptions/recurring", .json(["deal_id": .int(free[2]), "currency": "EUR", "cadence_type": "hourly", "infinite": true, "cycle_amount": 1, "start_date": "2026-01-01"]))
        try await sandbox.expectRefused(400, "POST", "/api/v1/subscriptions/recurring", .json(["deal_id": .int(free[2]), "currency": "EUR", "cadence_type": "monthly", "cycle_amount": 1, "start_date": "2026-01-01"]))
        try await sandbox.expectRefused(400, "POST", "/api/v1/subscriptions/installment", .json(["deal_id": 9999, "currency": "EUR", "payments": [["amount": 1, "due_at": "2026-01-01"]]]))
        try await sandbox.expectRefused(400, "POST", "/api/v1/subscriptions/installment", .json(["deal_id": .int(free[2]), "currency": "XXX", "payments": [["amount": 1, "due_at": "2026-01-01"]]]))
        try await sandbox.expectRefused(400, "POST", "/api/v1/subscriptions/installment", .json(["deal_id": .int(free[2]), "currency": "EUR", "payments": [["amount": "lots", "due_at": "2026-01-01"]]]))
        try await sandbox.expectRefused(400, "PUT", "/api/v1/subscriptions/recurring/\(id)", .json(["cycle_amount": 1]))
        try await sandbox.expectRefused(400, "PUT", "/api/v1/subscriptions/installment/\(id)", .json(["payments": [["amount": 1, "due_at": "2026-01-01"]]]))
        try await sandbox.expectRefused(404, "POST", "/api/v1/subscriptions/lifetime", .json(["deal_id": .int(free[2])]))
        try await sandbox.expectRefused(404, "PUT", "/api/v1/subscriptions/recurring/9999", .json(["effective_date": "2026-01-01"]))

        let deleted = try await sandbox.call("DELETE", "/api/v1/subscriptions/\(id)").data
        #expect(deleted["is_active"] == false)
        try await sandbox.expectRefused(404, "GET", "/api/v1/subscriptions/\(id)")
        try await sandbox.expectRefused(404, "DELETE", "/api/v1/subscriptions/\(id)")
    }
}
