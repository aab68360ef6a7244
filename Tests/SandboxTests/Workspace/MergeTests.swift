import JSONValue
import Testing

@testable import PipedriveSandbox

/// `PUT /v1/{persons,organizations,deals}/{id}/merge`: record `id` merges into `merge_with_id`, which keeps its
/// values, gets the empty ones filled and every child; record `id` is deleted.
@Suite("Sandbox: merge")
struct MergeTests {
    /// Ids of rows in `table` whose `key` is `id`.
    static func children(_ store: Store, _ table: String, _ key: String, _ id: Int) -> Set<Int> {
        Set(store[table].ids.filter { store[table][$0]?[key]?.intValue == id })
    }

    @Test func personsMerge() async throws {
        let sandbox = try WorkspaceSandbox()
        var store = sandbox.store()
        // Two persons with deals, activities and notes; the survivor has no job title and one e-mail.
        let ids = store["persons"].ids
        let (survivor, merged) = (ids.first { Self.children(store, "deals", "person_id", $0).count > 0 && !Self.children(store, "notes", "person_id", $0).isEmpty
                                      && store["persons"][$0]?["job_title"] == nil }!,
                                  ids.last { Self.children(store, "deals", "person_id", $0).count > 0 && !Self.children(store, "activities", "person_id", $0).isEmpty }!)
        _ = try await sandbox.call("PATCH", "/api/v2/persons/\(survivor)", .json([
            "emails": [["value": "kept@example.com", "primary": true, "label": "work"]],
        ]))
        _ = try await sandbox.call("PATCH", "/api/v2/persons/\(merged)", .json([
            "emails": [["value": "other@example.com", "primary": true, "label": "home"], ["value": "kept@example.com", "primary": false, "label": "work"]],
            "job_title": "Buyer",
        ]))
        store = sandbox.store()
        let deals = Self.children(store, "deals", "person_id", merged)
        let activities = Self.children(store, "activities", "person_id", merged)
        let notes = Self.children(store, "notes", "person_id", merged)
        let before = store["persons"][survivor]!

        let reply = try await sandbox.call("PUT", "/api/v1/persons/\(merged)/merge", .json(["merge_with_id": .int(survivor)]))
        #expect(reply.status == 200)
        #expect(reply.data["id"]?.intValue == survivor)
        store = sandbox.store()
        let after = store["persons"][survivor]!
        #expect(after["name"] == before["name"], "the survivor's values win")
        #expect(after["job_title"] == "Buyer", "an empty field is filled from the other")
        #expect(after["emails"]?.arrayValue?.compactMap { $0["value"]?.stringValue } == ["kept@example.com", "other@example.com"])
        #expect(after["emails"]?[0]?["primary"] == true && after["emails"]?[1]?["primary"] == false)
        #expect(deals.isSubset(of: Self.children(store, "deals", "person_id", survivor)))
        #expect(activities.isSubset(of: Self.children(store, "activities", "person_id", survivor)))
        #expect(notes.isSubset(of: Self.children(store, "notes", "person_id", survivor)))
        #expect(Self.children(store, "deals", "person_id", merged).isEmpty)
        #expect(store["persons"][merged] == nil && store.deleted["persons"]?[merged] != nil)
        // Merged away is deleted: v1 no longer finds it, v2 answers it marked deleted (as any deleted record).
        #expect(try await sandbox.call("GET", "/api/v1/persons/\(merged)").status == 404)
        let read = try await sandbox.call("GET", "/api/v2/persons/\(merged)")
        #expect(read.status == 200 && read.json["data"]?["is_deleted"] == true)
    }

    @Test func organizationsMerge() async throws {
        let sandbox = try WorkspaceSandbox()
        var store = sandbox.store()
        let ids = store["organizations"].ids
        let survivor = ids.first { !Self.children(store, "persons", "org_id", $0).isEmpty }!
        let merged = ids.last { !Self.children(store, "persons", "org_id", $0).isEmpty && !Self.children(store, "deals", "org_id", $0).isEmpty }!
        let persons = Self.children(store, "persons", "org_id", merged)
        let deals = Self.children(store, "deals", "org_id", merged)
        let follower = try await sandbox.call("POST", "/api/v1/organizations/\(merged)/followers", .json(["user_id": 3]))
        #expect(follower.status == 200)

        let reply = try await sandbox.call("PUT", "/api/v1/organizations/\(merged)/merge", .json(["merge_with_id": .int(survivor)]))
        #expect(reply.status == 200)
        #expect(reply.data == ["id": .int(survivor)])
        store = sandbox.store()
        #expect(persons.isSubset(of: Self.children(store, "persons", "org_id", survivor)))
        #expect(deals.isSubset(of: Self.children(store, "deals", "org_id", survivor)))
        #expect(store["organizationFollowers"].all.contains { $0["org_id"]?.intValue == survivor && $0["user_id"] == 3 })
        #expect(store["organizations"][merged] == nil)
    }

    @Test func dealsMerge() async throws {
        let sandbox = try WorkspaceSandbox()
        var store = sandbox.store()
        let ids = store["deals"].ids.filter { store["deals"][$0]?["is_archived"] != true }
        let survivor = ids.first { !Self.children(store, "dealParticipants", "deal_id", $0).isEmpty }!
        let merged = ids.last { !Self.children(store, "activities", "deal_id", $0).isEmpty && !Self.children(store, "dealParticipants", "deal_id", $0).isEmpty }!
        let activities = Self.children(store, "activities", "deal_id", merged)
        // A person taking part in both deals stays one participant of the survivor.
        let shared = store["dealParticipants"].all.first { $0["deal_id"]?.intValue == survivor }!["person_id"]!
        _ = try await sandbox.call("POST", "/api/v1/deals/\(merged)/participants", .json(["person_id": shared]))
        store = sandbox.store()
        let participants = Set(store["dealParticipants"].all.filter { [survivor, merged].contains($0["deal_id"]?.intValue ?? 0) }.map { $0["person_id"]! })

        let reply = try await sandbox.call("PUT", "/api/v1/deals/\(merged)/merge", .json(["merge_with_id": .int(survivor)]))
        #expect(reply.status == 200)
        #expect(reply.data["id"]?.intValue == survivor && reply.data["title"] != nil)
        store = sandbox.store()
        #expect(activities.isSubset(of: Self.children(store, "activities", "deal_id", survivor)))
        let now = store["dealParticipants"].all.filter { $0["deal_id"]?.intValue == survivor }.map { $0["person_id"]! }
        #expect(Set(now) == participants && now.count == participants.count, "each participant once")
        #expect(store["deals"][merged] == nil)
    }

    @Test func refusals() async throws {
        let sandbox = try WorkspaceSandbox()
        try await sandbox.expectRefused(400, "PUT", "/api/v1/persons/1/merge", .json([:]))
        try await sandbox.expectRefused(400, "PUT", "/api/v1/persons/1/merge", .json(["merge_with_id": "two"]))
        try await sandbox.expectRefused(400, "PUT", "/api/v1/persons/1/merge", .json(["merge_with_id": 1]))
        try await sandbox.expectRefused(400, "PUT", "/api/v1/deals/1/merge", .json(["merge_with_id": 999_999]))
        try await sandbox.expectRefused(404, "PUT", "/api/v1/organizations/999999/merge", .json(["merge_with_id": 1]))
    }

    @Test func plantedDuplicatesInTheDemo() {
        let store = WorkspaceSandbox.generated
        let groups = PlantedDuplicates.groups(in: store)
        #expect(groups.count == PlantedDuplicates.persons.count + PlantedDuplicates.organizations.count + PlantedDuplicates.deals.count)
        let müller = groups.first { $0.table == "organizations" }!
        #expect(müller.ids.compactMap { store["organizations"][$0]?["name"]?.stringValue }
            == ["Müller Maschinenbau GmbH", "MÜLLER MASCHINENBAU", "Müller Maschinenbau G.m.b.H."])
        #expect(store["persons"].count == 3_000, "planting rewrites rows, the counts stay")
    }
}
