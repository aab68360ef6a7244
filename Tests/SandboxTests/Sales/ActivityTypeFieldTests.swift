import JSONValue
import PipedriveSandbox
import Testing

/// An activity's `type` field lists the account's activity types as options with their codes as ids, as real
/// `activityFields` answers do, in v1 and in the v2 Fields API, following types added and deactivated.
@Suite struct ActivityTypeFieldTests {
    func typeOptions(_ server: SandboxServer, _ target: String) async throws -> [JSON] {
        let reply = try await HTTP.get(server, target)
        #expect(reply.status == 200, "\(target): \(reply.text)")
        let fields = try #require(reply.json?["data"]?.arrayValue)
        let type = try #require(fields.first { $0["key"] == "type" || $0["field_code"] == "type" })
        return type["options"]?.arrayValue ?? []
    }

    @Test func theTypeFieldListsTheAccountsActivityTypes() async throws {
        let server = try SalesServer.start()
        defer { server.stop() }
        let types = server.rows("activityTypes").filter { $0["active_flag"] != false }
        #expect(!types.isEmpty)
        for target in ["/api/v1/activityFields", "/api/v2/activityFields"] {
            let options = try await typeOptions(server, target)
            #expect(options.map { $0["id"] } == types.map { $0["key_string"] }, "\(target)")
            #expect(options.map { $0["label"] } == types.map { $0["name"] }, "\(target)")
        }
        // A type added is offered at once.
        let added = try await HTTP.call(server, "POST", "/api/v1/activityTypes", ["name": "Site visit", "icon_key": "meeting"])
        #expect(added.status == 200 || added.status == 201, "\(added.text)")
        let code = try #require(added.json?["data"]?["key_string"])
        #expect(try await typeOptions(server, "/api/v1/activityFields").contains { $0["id"] == code && $0["label"] == "Site visit" })
    }
}
