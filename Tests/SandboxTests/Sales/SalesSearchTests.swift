import Foundation
import JSONValue
import PipedriveSandbox
import Testing

/// `/deals|persons|organizations|products/search`, `/leads/search`, `/itemSearch` (v1 and v2) and `/recents`.
@Suite struct SalesSearchTests {
    static let server = SalesServer.shared

    @Test func aTermShorterThanTwoCharactersIsRefused() async throws {
        for target in ["/api/v1/deals/search?term=a", "/api/v1/itemSearch?term=a", "/api/v2/persons/search?term=x",
                       "/api/v2/itemSearch?term=", "/api/v1/products/search"] {
            let reply = try await HTTP.get(Self.server, target)
            #expect(reply.status == 400, "\(target)")
            #expect(reply.json?["success"] == false)
        }
        let exact = try await HTTP.get(Self.server, "/api/v2/deals/search?term=X&exact_match=true")
        #expect(exact.status == 200, "one character is enough with exact_match")
    }

    @Test func findsANewDealByATitleWordInBothVersions() async throws {
        let created = try await HTTP.call(Self.server, "POST", "/api/v2/deals", ["title": "Quokka Überraschung 袋鼠", "value": 77])
        let id = try #require(created.json?["data"]?["id"]?.intValue)
        for target in ["/api/v1/deals/search?term=quokka", "/api/v2/deals/search?term=Quokka", "/api/v1/itemSearch?term=quokka",
                       "/api/v2/itemSearch?term=\(encoded("袋鼠"))&item_types=deal"] {
            let reply = try await HTTP.get(Self.server, target)
            #expect(reply.status == 200, "\(target): \(reply.text)")
            let items = reply.json?["data"]?["items"]?.arrayValue ?? []
            let hit = try #require(items.first { $0["item"]?["id"] == .int(id) }, "\(target)")
            #expect(hit["item"]?["type"] == "deal")
            #expect(hit["item"]?["title"] == "Quokka Überraschung 袋鼠")
            #expect(hit["item"]?["value"] == 77)
            #expect(hit["item"]?["stage"]?["name"]?.stringValue != nil)
            #expect((hit["result_score"]?.doubleValue ?? 0) > 0)
        }
        let exact = try await HTTP.get(Self.server, "/api/v2/deals/search?term=quokka&exact_match=true")
        #expect(exact.json?["data"]?["items"] == [], "exact_match matches whole values only")
    }

    @Test func personsAreFoundByEmailAndScoredBestFirst() async throws {
        let created = try await HTTP.call(
            Self.server, "POST", "/api/v2/persons",
            ["name": "Wombat Person", "emails": [["value": "wombat.unique@example.org", "primary": true, "label": "work"]]])
        let id = try #require(created.json?["data"]?["id"]?.intValue)
        let reply = try await HTTP.get(Self.server, "/api/v1/persons/search?term=wombat.unique&fields=email")
        let items = reply.json?["data"]?["items"]?.arrayValue ?? []
        #expect(items.first?["item"]?["id"] == .int(id))
        #expect(items.first?["item"]?["emails"] == ["wombat.unique@example.org"])
        let scores = (try await HTTP.get(Self.server, "/api/v2/itemSearch?term=an&limit=100")).json?["data"]?["items"]?.arrayValue?
            .compactMap { $0["result_score"]?.doubleValue } ?? []
        #expect(scores.count == 100, "v2 itemSearch pages at most 100")
        #expect(scores == scores.sorted(by: >), "results come best first")
        #expect(try await HTTP.get(Self.server, "/api/v1/persons/search?term=wo&fields=colour").status == 400)
    }

    @Test func searchPagesCoverEveryResultOnce() async throws {
        var v1: [String] = []
        var start = 0
        while true {
            let reply = try await HTTP.get(Self.server, "/api/v1/itemSearch?term=er&limit=200&start=\(start)")
            v1 += reply.json?["data"]?["items"]?.arrayValue?.map { "\($0["item"]?["type"] ?? "")/\($0["item"]?["id"] ?? "")" } ?? []
            guard let next = reply.json?["additional_data"]?["pagination"]?["next_start"]?.intValue else { break }
            start = next
        }
        var v2: [String] = []
        var cursor = ""
        repeat {
            let reply = try await HTTP.get(Self.server, "/api/v2/itemSearch?term=er&limit=100" + (cursor.isEmpty ? "" : "&cursor=\(cursor)"))
            v2 += reply.json?["data"]?["items"]?.arrayValue?.map { "\($0["item"]?["type"] ?? "")/\($0["item"]?["id"] ?? "")" } ?? []
            cursor = reply.json?["additional_data"]?["next_cursor"]?.stringValue ?? ""
        } while !cursor.isEmpty
        #expect(v1.count > 200)
        #expect(Set(v1).count == v1.count, "no result twice")
        #expect(Set(v1) == Set(v2))
    }

    @Test func recentsShowsChangesSinceATimestamp() async throws {
        #expect(try await HTTP.get(Self.server, "/api/v1/recents").status == 400, "since_timestamp is required")
        #expect(try await HTTP.get(Self.server, "/api/v1/recents?since_timestamp=yesterday").status == 400)
        #expect(try await HTTP.get(Self.server, "/api/v1/recents?since_timestamp=\(encoded("2026-01-01 00:00:00"))&items=spaceship").status == 400)

        let since = Self.server.withStore { Timestamp.v1($0.clock) }
        let deal = try await HTTP.call(Self.server, "POST", "/api/v1/deals", ["title": "Recent deal"])
        let dealID = try #require(deal.json?["data"]?["id"]?.intValue)
        let note = try await HTTP.call(Self.server, "POST", "/api/v1/notes", ["content": "Recent note", "deal_id": .int(dealID)])
        let noteID = try #require(note.json?["data"]?["id"]?.intValue)

        let reply = try await HTTP.get(Self.server, "/api/v1/recents?since_timestamp=\(encoded(since))&items=deal,note&limit=500")
        #expect(reply.status == 200)
        let items = reply.json?["data"]?.arrayValue ?? []
        let dealItem = try #require(items.first { $0["item"] == "deal" && $0["id"] == .int(dealID) })
        #expect(dealItem["data"]?["title"] == "Recent deal")
        #expect(dealItem["data"]?["status"] == "open")
        #expect(items.contains { $0["item"] == "note" && $0["id"] == .int(noteID) })
        #expect(items.allSatisfy { ["deal", "note"].contains($0["item"]?.stringValue ?? "") })
        let times = items.compactMap { $0["data"]?["update_time"]?.stringValue }
        #expect(times.allSatisfy { $0 >= since })
        #expect(times == times.sorted(), "oldest change first")
        #expect(reply.json?["additional_data"]?["since_timestamp"] == .string(since))

        // Every item type of the account answers in its v1 shape, workspace rows included.
        let old = try await HTTP.get(Self.server, "/api/v1/recents?since_timestamp=\(encoded("2000-01-01 00:00:00"))&items=user,stage&limit=500")
        let kinds = Set(old.json?["data"]?.arrayValue?.compactMap { $0["item"]?.stringValue } ?? [])
        #expect(kinds == ["user", "stage"])
        let userIDs = old.json?["data"]?.arrayValue?.filter { $0["item"] == "user" }.compactMap { $0["id"]?.intValue } ?? []
        #expect(userIDs.sorted() == Self.server.withStore { $0["users"].ids }, "workspace rows come as stored")
    }

    /// One call tells which of the schema's lists changed, as pdtui's kept schema asks it: several `items`
    /// at once, each row by its own time (`update_time`, a user's `modified`), nothing from before.
    @Test func recentsTellWhichSchemaListsChanged() async throws {
        let server = try SalesServer.start()
        defer { server.stop() }
        let since = server.withStore { Timestamp.v1(max($0.clock + 1, Int(Date().timeIntervalSince1970))) }
        let target = "/api/v1/recents?since_timestamp=\(encoded(since))&items=activityType,pipeline,stage,user&limit=500"
        #expect(try await HTTP.get(server, target).json?["data"] == [], "nothing changed since")

        #expect(try await HTTP.call(server, "PUT", "/api/v1/stages/2", ["name": "Renamed stage"]).status == 200)
        #expect(try await HTTP.call(server, "PUT", "/api/v1/users/3", ["active_flag": true]).status == 200)
        let items = try await HTTP.get(server, target).json?["data"]?.arrayValue ?? []
        #expect(items.map { [$0["item"]!, $0["id"]!] } == [["stage", 2], ["user", 3]], "\(items)")
        #expect(items.first?["data"]?["name"] == "Renamed stage")
        #expect(items.last?["data"]?["modified"]?.stringValue.map { $0 >= since } == true)
    }
}
