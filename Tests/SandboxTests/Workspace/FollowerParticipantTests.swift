import JSONValue
import Testing

@testable import PipedriveSandbox

@Suite("Workspace: followers, participants, permitted users")
struct FollowerParticipantTests {
    static let kinds: [(entity: String, key: String, created: Int)] = [
        ("deals", "deal_id", 200), ("persons", "person_id", 200), ("organizations", "org_id", 200), ("products", "product_id", 201),
    ]

    @Test func v1FollowersRoundTrip() async throws {
        let sandbox = try WorkspaceSandbox()
        for (entity, key, createdStatus) in Self.kinds {
            let table = sandbox.store()[String(entity.dropLast()) + "Followers"]
            let item = table.all.first?[key]?.intValue ?? 1
            let expected = table.all.filter { $0[key]?.intValue == item }.map { $0["id"]! }
            let listed = try await sandbox.allPages("/api/v1/\(entity)/\(item)/followers", limit: 1)
            #expect(listed.map { $0["id"]! } == expected, "\(entity)")

            let followers = Set(listed.compactMap { $0["user_id"]?.intValue })
            let newcomer = (1...15).first { !followers.contains($0) && sandbox.store()["users"][$0]?["active_flag"] == true }!
            let added = try await sandbox.call("POST", "/api/v1/\(entity)/\(item)/followers", .json(["user_id": .int(newcomer)]))
            #expect(added.status == createdStatus, "\(entity)")
            #expect(added.data["user_id"] == .int(newcomer))
            #expect(added.data[key] == .int(item))
            let relation = added.data["id"]!.intValue!
            #expect(try await sandbox.allPages("/api/v1/\(entity)/\(item)/followers", limit: 100).contains { $0["id"]?.intValue == relation })

            try await sandbox.expectRefused(400, "POST", "/api/v1/\(entity)/\(item)/followers", .json(["user_id": .int(newcomer)]))
            try await sandbox.expectRefused(400, "POST", "/api/v1/\(entity)/\(item)/followers", .json(["user_id": 999]))
            try await sandbox.expectRefused(400, "POST", "/api/v1/\(entity)/\(item)/followers", .json(["user_id": "one"]))
            try await sandbox.expectRefused(400, "POST", "/api/v1/\(entity)/\(item)/followers", .json([:]))
            try await sandbox.expectRefused(404, "POST", "/api/v1/\(entity)/9999/followers", .json(["user_id": 1]))
            try await sandbox.expectRefused(404, "GET", "/api/v1/\(entity)/9999/followers")

            #expect(try await sandbox.call("DELETE", "/api/v1/\(entity)/\(item)/followers/\(relation)").data == ["id": .int(relation)])
            try await sandbox.expectRefused(404, "DELETE", "/api/v1/\(entity)/\(item)/followers/\(relation)")
            #expect(try await sandbox.allPages("/api/v1/\(entity)/\(item)/followers", limit: 100).map { $0["id"]! } == expected)
        }
    }

    @Test func v2FollowersRoundTripWithCursors() async throws {
        let sandbox = try WorkspaceSandbox()
        for (entity, _, _) in Self.kinds {
            let before = try await sandbox.allCursorPages("/api/v2/\(entity)/7/followers", limit: 1).map { $0["user_id"]! }
            let present = Set(before.compactMap(\.intValue))
            let added: [Int] = (1...15).filter { !present.contains($0) && sandbox.store()["users"][$0]?["active_flag"] == true }.prefix(3).map { $0 }
            for user in added {
                let reply = try await sandbox.call("POST", "/api/v2/\(entity)/7/followers", .json(["user_id": .int(user)]))
                #expect(reply.status == 201)
                #expect(reply.data["user_id"] == .int(user))
                #expect(reply.data["add_time"]?.stringValue?.hasSuffix("Z") == true)
            }
            let after = try await sandbox.allCursorPages("/api/v2/\(entity)/7/followers", limit: 2).map { $0["user_id"]! }
            #expect(after == before + added.map(JSON.int), "\(entity): every follower exactly once, in order")
            try await sandbox.expectRefused(400, "POST", "/api/v2/\(entity)/7/followers", .json(["user_id": "1"]))
            try await sandbox.expectRefused(400, "POST", "/api/v2/\(entity)/7/followers", .json(["user_id": 1, "role": "x"]))
            try await sandbox.expectRefused(404, "GET", "/api/v2/\(entity)/9999/followers")
            #expect(try await sandbox.call("DELETE", "/api/v2/\(entity)/7/followers/\(added[0])").data == ["user_id": .int(added[0])])
            try await sandbox.expectRefused(404, "DELETE", "/api/v2/\(entity)/7/followers/\(added[0])")
            let final = try await sandbox.allCursorPages("/api/v2/\(entity)/7/followers", limit: 500).map { $0["user_id"]! }
            #expect(!final.contains(.int(added[0])))
            try await sandbox.expectRefused(400, "GET", "/api/v2/\(entity)/7/followers", query: ["cursor": "not-a-cursor"])
        }
    }

    @Test func participantsAndDealPersons() async throws {
        let sandbox = try WorkspaceSandbox()
        let stored = sandbox.store()["dealParticipants"].all.filter { $0["deal_id"] == 4 }
        let listed = try await sandbox.call("GET", "/api/v1/deals/4/participants")
        #expect(listed.data.ids == stored.map { $0["id"]!.intValue! })
        let present = Set(stored.compactMap { $0["person_id"]?.intValue })
        let person = (1...30).first { !present.contains($0) }!

        let added = try await sandbox.call("POST", "/api/v1/deals/4/participants", .json(["person_id": .int(person)]))
        #expect(added.status == 200)
        #expect(added.data["person_id"]?["value"] == .int(person))
        #expect(added.data["person"]?["id"] == .int(person))
        #expect(added.data["related_item_data"]?["deal_id"] == 4)
        #expect(added.data["added_by_user_id"]?["id"] == 1)
        #expect(added.json["related_objects"]?["user"]?["1"] != nil)
        let participant = added.data["id"]!.intValue!

        let persons = try await sandbox.allPages("/api/v1/deals/4/persons", limit: 1)
        #expect(persons.map { $0["id"]!.intValue! } == (stored.compactMap { $0["person_id"]?.intValue } + [person]))

        try await sandbox.expectRefused(400, "POST", "/api/v1/deals/4/participants", .json(["person_id": .int(person)]))
        try await sandbox.expectRefused(400, "POST", "/api/v1/deals/4/participants", .json(["person_id": 9999]))
        try await sandbox.expectRefused(400, "POST", "/api/v1/deals/4/participants", .json(["person": 1]))
        try await sandbox.expectRefused(404, "POST", "/api/v1/deals/9999/participants", .json(["person_id": 1]))
        #expect(try await sandbox.call("DELETE", "/api/v1/deals/4/participants/\(participant)").data == ["id": .int(participant)])
        try await sandbox.expectRefused(404, "DELETE", "/api/v1/deals/4/participants/\(participant)")
        #expect(try await sandbox.call("GET", "/api/v1/deals/4/participants").data.ids == stored.map { $0["id"]!.intValue! })
        try await sandbox.expectRefused(404, "GET", "/api/v1/deals/9999/persons")
    }

    /// Each relation's refusals carry Pipedrive's message for what is wrong: the owner, the linked record,
    /// a second link, the relation; a user's followers are read-only.
    @Test func relationRefusalsNameWhatIsWrong() async throws {
        let sandbox = try WorkspaceSandbox()
        func error(_ reply: WorkspaceSandbox.Reply) -> String? { reply.json["error"]?.stringValue }
        let follower = try #require(sandbox.store()["dealFollowers"].all.first)
        let deal = follower["deal_id"]!.intValue!, user = follower["user_id"]!.intValue!
        #expect(error(try await sandbox.expectRefused(404, "GET", "/api/v1/deals/9999/followers")) == "Deal not found")
        #expect(error(try await sandbox.expectRefused(404, "GET", "/api/v2/organizations/9999/followers")) == "Organization not found")
        #expect(error(try await sandbox.expectRefused(404, "GET", "/api/v2/users/999/followers")) == "User not found or not accessible.")
        #expect(error(try await sandbox.expectRefused(400, "POST", "/api/v1/deals/\(deal)/followers", .json(["user_id": 999])))
            == "User 999 does not exist.")
        #expect(error(try await sandbox.expectRefused(400, "POST", "/api/v1/deals/\(deal)/followers", .json(["user_id": .int(user)])))
            == "User \(user) is already a follower.")
        #expect(error(try await sandbox.expectRefused(400, "POST", "/api/v2/deals/\(deal)/followers", .json(["user_id": .int(user)])))
            == "User \(user) is already a follower.")
        #expect(error(try await sandbox.expectRefused(400, "POST", "/api/v2/deals/\(deal)/followers", .json(["user": 1])))
            == "Validation failed: user: Parameter 'user' is not allowed for this request")
        #expect(error(try await sandbox.expectRefused(404, "DELETE", "/api/v1/deals/\(deal)/followers/999999")) == "Follower not found")
        #expect(error(try await sandbox.expectRefused(404, "DELETE", "/api/v2/deals/\(deal)/followers/999")) == "Follower not found")
        try await sandbox.expectRefused(405, "POST", "/api/v1/users/1/followers", .json(["user_id": 2]))
        try await sandbox.expectRefused(405, "POST", "/api/v2/users/1/followers", .json(["user_id": 2]))

        let participant = try #require(sandbox.store()["dealParticipants"].all.first)
        let owner = participant["deal_id"]!.intValue!, person = participant["person_id"]!.intValue!
        #expect(error(try await sandbox.expectRefused(404, "GET", "/api/v1/deals/9999/participants")) == "Deal not found")
        #expect(error(try await sandbox.expectRefused(400, "POST", "/api/v1/deals/\(owner)/participants", .json(["person_id": 99999])))
            == "Parameter 'person_id': person 99999 does not exist.")
        #expect(error(try await sandbox.expectRefused(400, "POST", "/api/v1/deals/\(owner)/participants", .json(["person_id": .int(person)])))
            == "Person \(person) is already a participant of deal \(owner).")
        #expect(error(try await sandbox.expectRefused(404, "DELETE", "/api/v1/deals/\(owner)/participants/999999")) == "Participant not found")
        try await sandbox.expectRefused(404, "GET", "/api/v2/deals/\(owner)/participants")
    }

    @Test func permittedUsersAreTheActiveUsers() async throws {
        let sandbox = try WorkspaceSandbox()
        let active = sandbox.store()["users"].all.filter { $0["active_flag"] == true }.map { $0["id"]! }
        #expect(try await sandbox.call("GET", "/api/v1/deals/3/permittedUsers").data == .array(active))
        _ = try await sandbox.call("PUT", "/api/v1/users/2", .json(["active_flag": false]))
        #expect(!(try await sandbox.call("GET", "/api/v1/deals/3/permittedUsers").data.arrayValue ?? []).contains(2))
        try await sandbox.expectRefused(404, "GET", "/api/v1/deals/9999/permittedUsers")
    }
}
