import JSONValue
import PipedriveSandbox
import Testing

/// The shapes real accounts answer with beyond what the specs say (see `Tests/RealAnswers/README.md`): counters
/// on v1 records, consistent with the account's rows; `""` for unset activity times; leads with only their set
/// keys; users' `is_admin` and company; bare ids and a string `visible_to` in `/recents`; product categories as
/// option ids; placeholder contacts; v2 deals' recurring revenue; v2 deal products.
@Suite struct SalesRealShapeTests {
    // Its own account: the counters are compared with the rows, which tests sharing an account change meanwhile.
    static let server: SandboxServer = try! SalesServer.start()

    func data(_ target: String) async throws -> JSON {
        let reply = try await HTTP.get(Self.server, target)
        #expect(reply.status == 200, "\(target): \(reply.text)")
        return try #require(reply.json?["data"])
    }

    @Test func v1DealsCarryCountersThatMatchTheirRows() async throws {
        let deals = try #require(try await data("/api/v1/deals?limit=200").arrayValue)
        let activities = Self.server.rows("activities")
        let notes = Self.server.rows("notes")
        let products = Self.server.rows("dealProducts")
        var checkedNext = false
        for deal in deals {
            let id = deal["id"]
            let linked = activities.filter { $0["deal_id"] == id }
            #expect(deal["activities_count"] == .int(linked.count))
            #expect(deal["done_activities_count"] == .int(linked.filter { $0["done"] == true }.count))
            #expect(deal["undone_activities_count"] == .int(linked.filter { $0["done"] != true }.count))
            #expect(deal["notes_count"] == .int(notes.filter { $0["deal_id"] == id }.count))
            #expect(deal["products_count"] == .int(products.filter { $0["deal_id"] == id }.count))
            for key in ["files_count", "followers_count", "participants_count", "email_messages_count"] {
                #expect(deal[key]?.intValue != nil, "\(key)")
            }
            for key in ["next_activity_date", "next_activity_id", "last_activity_id", "rotten_time", "last_incoming_mail_time"] {
                #expect(deal[key] != nil, "\(key) present")
            }
            if let next = deal["next_activity_id"]?.intValue {
                let activity = try #require(activities.first { $0["id"]?.intValue == next })
                #expect(activity["done"] != true && activity["deal_id"] == id)
                checkedNext = true
            }
        }
        #expect(checkedNext, "some deal has an undone activity")
    }

    @Test func v1PersonsAndOrganizationsCarryDealCountsAndPlaceholders() async throws {
        let persons = try #require(try await data("/api/v1/persons?limit=300").arrayValue)
        let deals = Self.server.rows("deals")
        for person in persons {
            let own = deals.filter { $0["person_id"] == person["id"] }
            #expect(person["open_deals_count"] == .int(own.filter { $0["status"] == "open" }.count))
            #expect(person["won_deals_count"] == .int(own.filter { $0["status"] == "won" }.count))
            #expect(person["related_open_deals_count"] == 0)
            // No email or phone: one empty primary entry, as real answers have.
            for key in ["email", "phone"] { #expect((person[key]?.arrayValue?.count ?? 0) >= 1, "\(key)") }
        }
        #expect(persons.contains { $0["phone"] == [["value": "", "primary": true]] }, "a placeholder phone")
        let organizations = try #require(try await data("/api/v1/organizations?limit=100").arrayValue)
        let people = Self.server.rows("persons")
        for organization in organizations {
            #expect(organization["people_count"] == .int(people.filter { $0["org_id"] == organization["id"] }.count))
            #expect(organization["closed_deals_count"]?.intValue != nil)
        }
    }

    @Test func activitiesLeadsAndUsersAnswerAsRealAccounts() async throws {
        let activities = try #require(try await data("/api/v1/activities?limit=500").arrayValue)
        let untimed = try #require(activities.first { $0["done"] == false })
        #expect(untimed["marked_as_done_time"] == "")
        #expect(activities.allSatisfy { $0["due_time"]?.stringValue != nil && $0["duration"]?.stringValue != nil })
        if let lead = activities.first(where: { $0["lead_id"] != .null })?["lead_id"]?.stringValue {
            #expect(lead.count == 36, "a lead id is a UUID: \(lead)")
        }
        let leads = try #require(try await data("/api/v1/leads?limit=200").arrayValue)
        #expect(leads.allSatisfy { lead in !(lead.objectValue ?? [:]).values.contains(.null) }, "only set keys")
        let valued = try #require(leads.first { $0["value"] != nil })
        #expect(valued["value"]?["amount"] != nil && valued["value"]?["currency"] != nil)
        let users = try await HTTP.get(Self.server, "/api/v1/users")
        #expect(users.json?["additional_data"]?["company_id"]?.intValue != nil)
        let admin = try #require(users.json?["data"]?.arrayValue?.first { $0["id"] == 1 })
        #expect(admin["is_admin"] == 1)
        #expect(users.json?["data"]?.arrayValue?.contains { $0["is_admin"] == 0 } == true)
    }

    @Test func recentsProductsAndV2Deals() async throws {
        let recents = try #require(try await data("/api/v1/recents?since_timestamp=2000-01-01%2000:00:00&items=deal,product&limit=500").arrayValue)
        let deal = try #require(recents.first { $0["item"] == "deal" }?["data"])
        for key in ["user_id", "person_id", "org_id", "stage_id"] where deal[key] != .null {
            #expect(deal[key]?.intValue != nil, "\(key) is a bare id: \(String(describing: deal[key]))")
        }
        let product = try #require(recents.first { $0["item"] == "product" }?["data"])
        #expect(product["visible_to"]?.stringValue != nil)

        let fields = try #require(try await data("/api/v1/productFields").arrayValue)
        let category = try #require(fields.first { $0["key"] == "category" })
        let optionIDs = Set(category["options"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? [])
        let products = try #require(try await data("/api/v1/products?limit=200").arrayValue)
        let categorized = products.compactMap { $0["category"]?.stringValue }
        #expect(!categorized.isEmpty && categorized.allSatisfy(optionIDs.contains), "\(categorized) in \(optionIDs)")

        let v2 = try #require(try await data("/api/v2/deals?limit=5").arrayValue)
        #expect(v2.allSatisfy { $0["acv"] != nil && $0["arr"] != nil && $0["mrr"] != nil })
        let attached = try #require(Self.server.rows("dealProducts").first)
        let dealID = try #require(attached["deal_id"]?.intValue)
        let products2 = try #require(try await data("/api/v2/deals/\(dealID)/products").arrayValue)
        #expect(products2.contains { $0["id"] == attached["id"] && $0["is_enabled"] == true && $0["sum"]?.doubleValue != nil })
        #expect(try await HTTP.get(Self.server, "/api/v2/deals/999999/products").status == 404)
        #expect(try await HTTP.get(Self.server, "/api/v2/deals/\(dealID)/followers").status == 200)
    }
}
