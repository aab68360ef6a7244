import JSONValue
import Testing

@testable import PipedriveSandbox

@Suite("Workspace: users, teams, roles")
struct UserTeamRoleTests {
    @Test func usersListsEveryUserAndMarksTheTokensUser() async throws {
        let sandbox = try WorkspaceSandbox()
        let reply = try await sandbox.call("GET", "/api/v1/users")
        #expect(reply.status == 200)
        let users = reply.data.arrayValue ?? []
        #expect(users.count == 15)
        #expect(reply.data.ids == Array(1...15))
        #expect(JSON.array(users.filter { $0["is_you"] == true }).ids == [1])
        #expect(users[0]["access"]?[0]?["admin"] == true)
    }

    @Test func meCarriesTheCompany() async throws {
        let sandbox = try WorkspaceSandbox()
        let me = try await sandbox.call("GET", "/api/v1/users/me").data
        #expect(me["id"] == 1)
        #expect(me["is_you"] == true)
        #expect(me["company_domain"] == "sandbox-demo")
        #expect(me["company_id"]?.intValue != nil)
        #expect(me["company_name"]?.stringValue?.isEmpty == false)
    }

    @Test func getOneAndUnknownUser() async throws {
        let sandbox = try WorkspaceSandbox()
        #expect(try await sandbox.call("GET", "/api/v1/users/3").data["id"] == 3)
        let missing = try await sandbox.expectRefused(404, "GET", "/api/v1/users/999")
        #expect(missing.json["error"] == "User not found or not accessible.")
    }

    @Test func findMatchesNamesAndEmails() async throws {
        let sandbox = try WorkspaceSandbox()
        let found = try await sandbox.call("GET", "/api/v1/users/find", query: ["term": "kaisa"]).data
        #expect(found.ids == [1])
        let email = sandbox.store()["users"][2]!["email"]!.stringValue!
        let byEmail = try await sandbox.call("GET", "/api/v1/users/find", query: ["term": email, "search_by_email": "1"]).data
        #expect(byEmail.ids == [2])
        try await sandbox.expectRefused(400, "GET", "/api/v1/users/find")
    }

    @Test func createUpdateAndRefuseUsers() async throws {
        let sandbox = try WorkspaceSandbox()
        let created = try await sandbox.call(
            "POST", "/api/v1/users", .json(["email": "new.person@example.com", "access": [["app": "sales", "admin": false]]]))
        #expect(created.status == 200)
        #expect(created.data["id"] == 16)
        #expect(created.data["email"] == "new.person@example.com")
        #expect(try await sandbox.call("GET", "/api/v1/users/16").data["active_flag"] == true)

        let before = sandbox.store()["users"][16]!["modified"]!
        let updated = try await sandbox.call("PUT", "/api/v1/users/16", .json(["active_flag": false])).data
        #expect(updated["active_flag"] == false)
        #expect(updated["email"] == "new.person@example.com")
        #expect(updated["modified"] != before)
        #expect(try await sandbox.call("GET", "/api/v1/users/16").data["active_flag"] == false)

        try await sandbox.expectRefused(400, "POST", "/api/v1/users", .json(["access": []]))  // missing email
        try await sandbox.expectRefused(400, "POST", "/api/v1/users", .json(["email": "x@example.com", "nickname": "x"]))
        try await sandbox.expectRefused(400, "POST", "/api/v1/users", .json(["email": "new.person@example.com"]))  // taken
        try await sandbox.expectRefused(400, "POST", "/api/v1/users", .json(["email": "y@example.com", "access": [["app": "moon"]]]))
        try await sandbox.expectRefused(400, "PUT", "/api/v1/users/16", .json(["active_flag": "yes"]))
        try await sandbox.expectRefused(404, "PUT", "/api/v1/users/999", .json(["active_flag": true]))
    }

    @Test func userFollowersAreUserIDs() async throws {
        let sandbox = try WorkspaceSandbox()
        let relations = sandbox.store()["userFollowers"].all
        let followed = relations.first!["followed_user_id"]!.intValue!
        let followers = relations.filter { $0["followed_user_id"]?.intValue == followed }.map { $0["user_id"]! }
        let reply = try await sandbox.call("GET", "/api/v1/users/\(followed)/followers")
        #expect(reply.status == 200)
        #expect(reply.data == .array(followers))
        let v2 = try await sandbox.allCursorPages("/api/v2/users/\(followed)/followers", limit: 1)
        #expect(v2.map { $0["user_id"]! } == followers)
        try await sandbox.expectRefused(404, "GET", "/api/v1/users/999/followers")
    }

    @Test func teamsCreateUpdateListAndByUser() async throws {
        let sandbox = try WorkspaceSandbox()
        let teams = try await sandbox.call("GET", "/api/v1/teams").data
        #expect(teams.ids == [1, 2, 3, 4])
        let created = try await sandbox.call(
            "POST", "/api/v1/teams", .json(["name": "Équipe 🚀", "manager_id": 2, "users": [2, 3], "description": "new"]))
        #expect(created.status == 200)
        #expect(created.data["id"] == 5)
        #expect(created.data["users"] == [2, 3])
        let updated = try await sandbox.call("PUT", "/api/v1/teams/5", .json(["description": "changed", "active_flag": 0])).data
        #expect(updated["description"] == "changed")
        #expect(updated["name"] == "Équipe 🚀")
        #expect(updated["active_flag"] == 0)
        #expect(try await sandbox.call("GET", "/api/v1/teams/5").data == updated)
        let ofUser3 = try await sandbox.call("GET", "/api/v1/teams/user/3").data
        #expect(ofUser3.ids.contains(5))
        #expect((ofUser3.arrayValue ?? []).allSatisfy { $0["users"]?.arrayValue?.contains(3) == true })
        let skipped = try await sandbox.call("GET", "/api/v1/legacyTeams", query: ["skip_users": "1", "order_by": "name"]).data
        #expect((skipped.arrayValue ?? []).allSatisfy { $0["users"] == nil })
        let names = (skipped.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        #expect(names == names.sorted())

        try await sandbox.expectRefused(400, "POST", "/api/v1/teams", .json(["name": "No manager"]))
        try await sandbox.expectRefused(400, "POST", "/api/v1/teams", .json(["name": "Ghost", "manager_id": 999]))
        try await sandbox.expectRefused(400, "PUT", "/api/v1/teams/5", .json(["users": "all"]))
        try await sandbox.expectRefused(400, "PUT", "/api/v1/teams/5", .json(["colour": "red"]))
        let missing = try await sandbox.expectRefused(404, "PUT", "/api/v1/teams/99", .json(["name": "x"]))
        #expect(missing.json["error"] == "Team 99 does not exist")
        try await sandbox.expectRefused(404, "GET", "/api/v1/teams/user/999")
    }

    @Test func rolesCrudWithCounts() async throws {
        let sandbox = try WorkspaceSandbox()
        let roles = try await sandbox.allPages("/api/v1/roles", limit: 2)
        #expect(roles.map { $0["id"]!.intValue! } == [1, 2, 3, 4, 5])
        let userCount = (roles.compactMap { Int($0["assignment_count"]?.stringValue ?? "") }).reduce(0, +)
        #expect(userCount == 15)
        #expect(roles[2]["level"] == 3)

        let created = try await sandbox.call("POST", "/api/v1/roles", .json(["name": "Partners 🤝", "parent_role_id": 2]))
        #expect(created.data == ["id": 6])
        #expect(try await sandbox.call("GET", "/api/v1/roles/2").data["sub_role_count"] == "3")
        #expect(try await sandbox.call("PUT", "/api/v1/roles/6", .json(["name": "Partners"])).data == ["id": 6])
        let role = try await sandbox.call("GET", "/api/v1/roles/6")
        #expect(role.data["name"] == "Partners")
        #expect(role.data["parent_role_id"] == 2)
        #expect(role.json["additional_data"]?["settings"]?["deal_default_visibility"] != nil)

        try await sandbox.expectRefused(400, "POST", "/api/v1/roles", .json(["parent_role_id": 1]))
        try await sandbox.expectRefused(400, "POST", "/api/v1/roles", .json(["name": "x", "parent_role_id": 77]))
        try await sandbox.expectRefused(400, "PUT", "/api/v1/roles/2", .json(["parent_role_id": 6]))  // a cycle
        try await sandbox.expectRefused(400, "DELETE", "/api/v1/roles/2")  // has sub-roles
        #expect(try await sandbox.call("DELETE", "/api/v1/roles/6").data == ["id": 6])
        try await sandbox.expectRefused(404, "GET", "/api/v1/roles/6")
        #expect(try await sandbox.allPages("/api/v1/roles", limit: 100).count == 5)
    }
}
