import Foundation
import JSONValue
import Testing

@testable import PipedriveSandbox

/// Walks whole tables through the paging helpers over HTTP: every row comes exactly once.
@Suite struct PagingTests {
    static let rows = 1_234

    /// A table with gaps in its ids, as deletes leave them.
    static func configuration() -> SandboxConfiguration {
        var store = Fixture.store(rows: rows + 100)
        for id in stride(from: 7, through: rows + 100, by: 13) { store["things"].remove(id) }
        return SandboxConfiguration(router: Fixture.router, store: store)
    }

    @Test func v1OffsetWalkClampsTheLimitTo500() async throws {
        try await Fixture.withServer(PagingTests.configuration()) { server async throws in
            let expected = server.withStore { $0["things"].ids }
            var seen: [Int] = []
            var start = 0
            var pages = 0
            while true {
                let reply = try await HTTP.get(server, "/api/v1/things?start=\(start)&limit=1000")
                let pagination = try #require(reply.json?["additional_data"]?["pagination"])
                let data = try #require(reply.json?["data"]?.arrayValue)
                #expect(pagination["limit"] == 500)
                #expect(pagination["start"] == .int(start))
                #expect(data.count <= 500)
                seen += data.compactMap { $0["id"]?.intValue }
                pages += 1
                guard pagination["more_items_in_collection"] == true else {
                    #expect(pagination["next_start"] == nil)
                    break
                }
                start = try #require(pagination["next_start"]?.intValue)
            }
            #expect(seen == expected)
            #expect(pages == (expected.count + 499) / 500)
        }
    }

    @Test func v1DefaultLimitIs100AndBadValuesAreRefused() async throws {
        try await Fixture.withServer(PagingTests.configuration()) { server async throws in
            let first = try await HTTP.get(server, "/api/v1/things")
            #expect(first.json?["data"]?.arrayValue?.count == 100)
            #expect(first.json?["additional_data"]?["pagination"]?["next_start"] == 100)
            #expect(try await HTTP.get(server, "/api/v1/things?start=-1").status == 400)
            #expect(try await HTTP.get(server, "/api/v1/things?limit=abc").status == 400)
            let past = try await HTTP.get(server, "/api/v1/things?start=99999")
            #expect(past.json?["data"] == [])
            #expect(past.json?["additional_data"]?["pagination"]?["more_items_in_collection"] == false)
        }
    }

    @Test func v2CursorWalkEndsWithANullCursor() async throws {
        try await Fixture.withServer(PagingTests.configuration()) { server async throws in
            let expected = server.withStore { $0["things"].ids }
            var seen: [Int] = []
            var cursor: String?
            repeat {
                let target = "/api/v2/things?limit=500" + (cursor.map { "&cursor=\($0)" } ?? "")
                let reply = try await HTTP.get(server, target)
                let data = try #require(reply.json?["data"]?.arrayValue)
                #expect(data.count <= 500)
                seen += data.compactMap { $0["id"]?.intValue }
                let next = try #require(reply.json?["additional_data"]?["next_cursor"])
                cursor = next.stringValue
                if cursor == nil { #expect(next == .null) }
            } while cursor != nil
            #expect(seen == expected)
        }
    }

    @Test func v2CursorSurvivesADeleteOfTheRowItPointsAt() async throws {
        try await Fixture.withServer(PagingTests.configuration()) { server async throws in
            let page = try await HTTP.get(server, "/api/v2/things?limit=3")
            let ids = page.json?["data"]?.arrayValue?.compactMap { $0["id"]?.intValue } ?? []
            let cursor = try #require(page.json?["additional_data"]?["next_cursor"]?.stringValue)
            server.withStore { _ = $0["things"].remove(ids.last!) }
            let next = try await HTTP.get(server, "/api/v2/things?limit=3&cursor=\(cursor)")
            let following = next.json?["data"]?.arrayValue?.compactMap { $0["id"]?.intValue } ?? []
            #expect(following.first == server.withStore { store in store["things"].ids.first { $0 > ids.last! } })
            #expect(try await HTTP.get(server, "/api/v2/things?cursor=garbage").status == 400)
        }
    }
}
