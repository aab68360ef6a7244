import JSONValue
import PipedriveSandbox
import Testing

/// Complete paging walks (every record exactly once) and list filters, on an account no other test writes to.
@Suite(.serialized) struct SalesListTests {
    static let server: SandboxServer = try! SalesServer.start()

    func walkV1(_ path: String, limit: Int = 500) async throws -> [Int] {
        var ids: [Int] = []
        var start = 0
        while true {
            let separator = path.contains("?") ? "&" : "?"
            let reply = try await HTTP.get(Self.server, "/api/v1\(path)\(separator)start=\(start)&limit=\(limit)")
            #expect(reply.status == 200, "\(reply.text)")
            ids += reply.json?["data"]?.arrayValue?.compactMap { $0["id"]?.intValue } ?? []
            guard let pagination = reply.json?["additional_data"]?["pagination"], pagination["more_items_in_collection"] == true,
                let next = pagination["next_start"]?.intValue
            else { return ids }
            start = next
        }
    }

    func walkV2(_ path: String, limit: Int = 500) async throws -> [JSON] {
        var rows: [JSON] = []
        var cursor: String?
        repeat {
            let separator = path.contains("?") ? "&" : "?"
            let reply = try await HTTP.get(Self.server, "/api/v2\(path)\(separator)limit=\(limit)" + (cursor.map { "&cursor=\($0)" } ?? ""))
            #expect(reply.status == 200, "\(reply.text)")
            rows += reply.json?["data"]?.arrayValue ?? []
            cursor = reply.json?["additional_data"]?["next_cursor"]?.stringValue
        } while cursor != nil
        return rows
    }

    /// The ids a complete list shows: archived deals have their own list.
    static func listedIDs(_ table: String) -> [Int] {
        server.withStore { store in store[table].all.filter { $0["is_archived"] != true }.compactMap { $0["id"]?.intValue } }
    }

    @Test(arguments: ["deals", "persons", "organizations", "products", "activities", "notes", "leads", "stages", "pipelines"])
    func v1WalkSeesEveryRowOnce(_ table: String) async throws {
        let expected = Self.listedIDs(table)
        // v1 lists only the token user's activities unless user_id=0.
        let ids = try await walkV1(table == "activities" ? "/activities?user_id=0" : "/\(table)", limit: table == "deals" ? 333 : 500)
        if table == "leads" {
            #expect(ids.isEmpty, "lead ids are UUIDs")
            let count = try await HTTP.get(Self.server, "/api/v1/leads?limit=500").json?["data"]?.arrayValue?.count
            #expect(count == expected.count)
            let archived = try await HTTP.get(Self.server, "/api/v1/leads/archived?limit=500").json?["data"]?.arrayValue ?? []
            #expect(archived.count == Self.server.withStore { $0["leads"].count } - expected.count)
            #expect(!archived.isEmpty && archived.allSatisfy { $0["is_archived"] == true })
        } else {
            #expect(ids == expected)
        }
    }

    @Test(arguments: ["deals", "persons", "organizations", "products", "activities", "stages", "pipelines"])
    func v2WalkSeesEveryRowOnce(_ table: String) async throws {
        let expected = Self.listedIDs(table)
        let rows = try await walkV2("/\(table)", limit: 250)
        #expect(rows.compactMap { $0["id"]?.intValue } == expected)
    }

    @Test func archivedDealsHaveTheirOwnList() async throws {
        let archived = Self.server.rows("deals").filter { $0["is_archived"] == true }.compactMap { $0["id"]?.intValue }
        #expect(!archived.isEmpty)
        let rows = try await walkV2("/deals/archived")
        #expect(rows.compactMap { $0["id"]?.intValue } == archived)
        #expect(rows.allSatisfy { $0["is_archived"] == true })
        let listed = Set(try await walkV2("/deals").compactMap { $0["id"]?.intValue })
        #expect(listed.isDisjoint(with: archived))
        #expect(try await HTTP.get(Self.server, "/api/v2/deals/\(archived[0])").status == 200, "still readable by id")
    }

    @Test func v2SortedWalksSeeEveryRowOnceInOrder() async throws {
        let expected = Set(Self.listedIDs("deals"))
        let rows = try await walkV2("/deals?sort_by=update_time&sort_direction=desc", limit: 400)
        let ids = rows.compactMap { $0["id"]?.intValue }
        #expect(ids.count == expected.count && Set(ids) == expected)
        let times = rows.compactMap { $0["update_time"]?.stringValue }
        #expect(times == times.sorted(by: >))
        let byID = try await walkV2("/persons?sort_direction=desc", limit: 500)
        let personIDs = byID.compactMap { $0["id"]?.intValue }
        #expect(personIDs == Self.server.withStore { $0["persons"].ids }.reversed())
    }

    @Test func v1FiltersAndSorting() async throws {
        let deals = Self.server.rows("deals").filter { $0["is_archived"] != true }
        for status in ["open", "won", "lost"] {
            let ids = try await walkV1("/deals?status=\(status)")
            #expect(ids == deals.filter { $0["status"]?.stringValue == status }.compactMap { $0["id"]?.intValue })
        }
        let owner = try #require(deals.first?["owner_id"]?.intValue)
        #expect(try await walkV1("/deals?user_id=\(owner)") == deals.filter { $0["owner_id"]?.intValue == owner }.compactMap { $0["id"]?.intValue })
        #expect(try await walkV1("/deals?stage_id=2") == deals.filter { $0["stage_id"] == 2 }.compactMap { $0["id"]?.intValue })
        let sorted = try await HTTP.get(Self.server, "/api/v1/deals?sort=value%20DESC&limit=50")
        let values = sorted.json?["data"]?.arrayValue?.compactMap { $0["value"]?.doubleValue } ?? []
        #expect(values == values.sorted(by: >))
        #expect(values.first == deals.compactMap { $0["value"]?.doubleValue }.max())
        let pipelineDeals = try await walkV1("/pipelines/2/deals")
        #expect(pipelineDeals == deals.filter { $0["pipeline_id"] == 2 }.compactMap { $0["id"]?.intValue })
        let personID = try #require(deals.first { $0["person_id"] != nil }?["person_id"]?.intValue)
        #expect(try await walkV1("/persons/\(personID)/deals") == deals.filter { $0["person_id"] == .int(personID) }.compactMap { $0["id"]?.intValue })
        let activities = Self.server.rows("activities")
        let own = try await walkV1("/activities")
        #expect(own == activities.filter { $0["owner_id"] == 1 }.compactMap { $0["id"]?.intValue }, "the token user's own")
        #expect(!own.isEmpty)
        #expect(try await walkV1("/activities?user_id=0&done=1&type=call") == activities.filter {
            $0["done"] == true && $0["type"] == "call"
        }.compactMap { $0["id"]?.intValue })
        #expect(try await walkV1("/deals/1/activities") == activities.filter { $0["deal_id"] == 1 }.compactMap { $0["id"]?.intValue })
        let dealProducts = Self.server.rows("dealProducts").filter { $0["deal_id"] == 1 }
        let products = try await HTTP.get(Self.server, "/api/v1/deals/1/products")
        #expect(products.json?["data"]?.arrayValue?.count == dealProducts.count)
    }

    @Test func v2FiltersMatchTheStore() async throws {
        let deals = Self.server.rows("deals").filter { $0["is_archived"] != true }
        let owner = try #require(deals.first?["owner_id"]?.intValue)
        let mine = try await walkV2("/deals?owner_id=\(owner)&status=won,lost")
        #expect(mine.compactMap { $0["id"]?.intValue } == deals.filter {
            $0["owner_id"]?.intValue == owner && $0["status"] != "open"
        }.compactMap { $0["id"]?.intValue })
        let inPipeline = try await walkV2("/deals?pipeline_id=3&stage_id=\(Self.server.withStore { $0["stages"].all.first { $0["pipeline_id"] == 3 }!["id"]!.intValue! })")
        #expect(inPipeline.allSatisfy { $0["pipeline_id"] == 3 })
        let cutoff = try #require(deals.compactMap { $0["update_time"]?.stringValue }.sorted()[deals.count - 40])
        let since = cutoff.replacingOccurrences(of: " ", with: "T") + "Z"
        let recent = try await walkV2("/deals?updated_since=\(since)")
        #expect(recent.count == deals.filter { ($0["update_time"]?.stringValue ?? "") >= cutoff }.count)
        let activities = Self.server.rows("activities")
        let forDeal = try await walkV2("/activities?deal_id=1")
        #expect(forDeal.compactMap { $0["id"]?.intValue } == activities.filter { $0["deal_id"] == 1 }.compactMap { $0["id"]?.intValue })
        let done = try await walkV2("/activities?done=true&owner_id=\(owner)")
        #expect(done.allSatisfy { $0["done"] == true && $0["owner_id"] == .int(owner) })
    }
}
