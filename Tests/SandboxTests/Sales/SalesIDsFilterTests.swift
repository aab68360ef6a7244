import JSONValue
import PipedriveSandbox
import Testing

/// v2's `ids` filter (Pipedrive's spec: "comma separated string array of up to 100 entity ids ... If any
/// of the requested entities do not exist or are not visible, they are not included in the response"),
/// which the engine uses to name the ids a page refers to.
@Suite struct SalesIDsFilterTests {
    let server = SalesServer.shared

    func listed(_ target: String) async throws -> [Int] {
        let reply = try await HTTP.get(server, target)
        #expect(reply.status == 200, "\(reply.text)")
        return reply.json?["data"]?.arrayValue?.compactMap { $0["id"]?.intValue } ?? []
    }

    @Test(arguments: ["deals", "persons", "organizations", "products", "activities"])
    func listsOnlyTheIdsAskedForThatExist(_ table: String) async throws {
        let live = server.rows(table).filter { $0["is_archived"] != true }.compactMap { $0["id"]?.intValue }
        let wanted = [live[0], live[live.count / 2], live[live.count - 1]]
        let ids = (wanted + [99_999_999]).map(String.init).joined(separator: ",")
        #expect(try await listed("/api/v2/\(table)?ids=\(ids)").sorted() == wanted.sorted())
    }

    @Test func archivedDealsAreFoundInTheirOwnList() async throws {
        let archived = try #require(server.rows("deals").first { $0["is_archived"] == true }?["id"]?.intValue)
        #expect(try await listed("/api/v2/deals?ids=\(archived)").isEmpty)
        #expect(try await listed("/api/v2/deals/archived?ids=\(archived)") == [archived])
    }

    @Test func refusesMoreThan100IdsAndNonIntegers() async throws {
        let tooMany = (1...101).map(String.init).joined(separator: ",")
        let refused = try await HTTP.get(server, "/api/v2/persons?ids=\(tooMany)")
        #expect(refused.status == 400)
        #expect(try await listed("/api/v2/persons?ids=\((1...100).map(String.init).joined(separator: ","))").count == 100)
        #expect(try await HTTP.get(server, "/api/v2/organizations?ids=1,x").status == 400)
    }
}
