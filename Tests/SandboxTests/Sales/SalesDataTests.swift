import JSONValue
import Testing

@testable import PipedriveSandbox

/// The generated sales data: deterministic per seed, sized per scale, realistic in its mix of values.
@Suite struct SalesDataTests {
    static let tables = [
        "pipelines", "stages", "dealFields", "personFields", "organizationFields", "productFields", "activityFields",
        "noteFields", "organizations", "persons", "products", "deals", "dealProducts", "leadLabels", "leads", "activities",
        "notes",
    ]
    static let account = AccountGenerator.generate(GenerationOptions(seed: 7, now: 1_790_000_000))

    static func fingerprint(_ store: Store) -> [String: [JSON]] {
        var tables: [String: [JSON]] = [:]
        for table in SalesDataTests.tables { tables[table] = store[table].all }
        return tables
    }

    @Test func theSameSeedBuildsTheSameAccount() {
        let again = AccountGenerator.generate(GenerationOptions(seed: 7, now: 1_790_000_000))
        #expect(Self.fingerprint(again) == Self.fingerprint(Self.account))
        let other = AccountGenerator.generate(GenerationOptions(seed: 8, now: 1_790_000_000))
        #expect(other["deals"].all != Self.account["deals"].all)
        #expect(other["dealFields"].all.map { $0["key"] } != Self.account["dealFields"].all.map { $0["key"] })
    }

    @Test func sizesFollowTheScale() {
        let store = Self.account
        #expect(store["deals"].count == 3_000)
        #expect(store["persons"].count == 3_000)
        #expect(store["organizations"].count == 1_200)
        #expect(store["activities"].count == 6_000)
        #expect(store["notes"].count == 3_000)
        #expect(store["leads"].count == 400)
        #expect(store["products"].count == 150)
        #expect(store["pipelines"].count == 3)
        let size = SalesData.Size(scale: 34)
        #expect(size.deals == 102_000)
        let doubled = AccountGenerator.generate(GenerationOptions(seed: 7, scale: 2, now: 1_790_000_000))
        #expect(doubled["deals"].count == 6_000)
        #expect(doubled["activities"].count == 12_000)
    }

    @Test func dealsHaveARealisticMix() {
        let deals = Self.account["deals"].all
        func share(_ predicate: (JSON) -> Bool) -> Double { Double(deals.filter(predicate).count) / Double(deals.count) }
        #expect((0.45...0.65).contains(share { $0["status"] == "open" }))
        #expect((0.22...0.38).contains(share { $0["status"] == "won" }))
        #expect((0.08...0.22).contains(share { $0["status"] == "lost" }))
        #expect((0.75...0.95).contains(share { $0["person_id"] != nil }))
        #expect((0.05...0.15).contains(share { $0["value"] == 0 }))
        #expect(share { $0["expected_close_date"] == nil } > 0.2, "nulls in realistic proportions")
        #expect(deals.allSatisfy { deal in
            deal["status"] == "open" ? deal["close_time"] == nil : deal["close_time"] != nil
        })
        let stages = Self.account["stages"]
        #expect(deals.allSatisfy { stages[$0["stage_id"]?.intValue ?? 0]?["pipeline_id"] == $0["pipeline_id"] })
        let users = Set(Self.account["users"].ids)
        #expect(deals.allSatisfy { users.contains($0["owner_id"]?.intValue ?? 0) }, "owners are the workspace's users")
        // Some changes fall within the last day, so /recents has something to show.
        let dayAgo = Timestamp.v1(1_790_000_000 - 86_400)
        #expect(share { ($0["update_time"]?.stringValue ?? "") >= dayAgo } > 0.02)
    }

    @Test func personsHaveContactsInManyScripts() {
        let persons = Self.account["persons"].all
        let emails = persons.map { $0["emails"]?.arrayValue?.count ?? 0 }
        #expect(emails.contains(0), "some persons have no email")
        #expect(Double(emails.filter { $0 > 0 }.count) / Double(persons.count) > 0.8)
        #expect(emails.contains { $0 >= 2 })
        let names = persons.compactMap { $0["name"]?.stringValue }.joined()
        let scalars = names.unicodeScalars
        func has(_ range: ClosedRange<UInt32>) -> Bool { scalars.contains { range.contains($0.value) } }
        #expect(has(0x00C0...0x017F), "Latin with diacritics")
        #expect(has(0x0400...0x04FF), "Cyrillic")
        #expect(has(0x0370...0x03FF), "Greek")
        #expect(has(0x4E00...0x9FFF), "CJK")
        #expect(has(0x3040...0x30FF), "Japanese kana")
        #expect(has(0xAC00...0xD7AF), "Hangul")
        #expect(has(0x0600...0x06FF), "Arabic (right to left)")
        #expect(has(0x0590...0x05FF), "Hebrew (right to left)")
        #expect(has(0x0900...0x097F), "Devanagari")
        let organizations = Self.account["organizations"].all.compactMap { $0["name"]?.stringValue }.joined()
        #expect(organizations.unicodeScalars.contains { $0.properties.isEmoji && $0.value > 0x2000 }, "emoji")
    }

    @Test func notesAndActivitiesCarryTheirLinks() {
        let notes = Self.account["notes"].all
        let lengths = notes.map { $0["content"]?.stringValue?.count ?? 0 }
        #expect(lengths.contains { $0 > 5_000 }, "some notes are long")
        #expect(Double(lengths.filter { $0 < 500 }.count) / Double(notes.count) > 0.8)
        #expect(notes.allSatisfy { note in ["deal_id", "person_id", "org_id", "lead_id"].contains { note[$0] != nil && note[$0] != .null } })
        let activities = Self.account["activities"].all
        #expect(activities.contains { ($0["participants"]?.arrayValue?.count ?? 0) > 1 })
        #expect(activities.contains { ($0["attendees"]?.arrayValue?.count ?? 0) > 0 })
        #expect(activities.contains { $0["participants"] == [] }, "empty arrays too")
        let leads = Self.account["leads"].all
        #expect(leads.allSatisfy { LeadID.row($0["uuid"]?.stringValue ?? "", in: Self.account) == $0 })
        #expect(leads.contains { ($0["label_ids"]?.arrayValue?.count ?? 0) > 0 })
    }

    @Test func customFieldValuesHaveTheirTypesForm() {
        let fields = CustomFieldDefinition.all(Self.account, "dealFields")
        let deals = Self.account["deals"].all
        for field in fields {
            let values = deals.compactMap { $0["custom_fields"]?[field.key] }
            #expect(values.count > 300, "\(field.name) is filled in some deals")
            for value in values.prefix(50) {
                #expect((try? field.validateV2(value, store: Self.account)) == value, "\(field.type): \(value)")
            }
        }
    }

    @Test func hostileAccountsCarryEscapesControlCharactersAndHugeStrings() {
        let store = AccountGenerator.generate(GenerationOptions(seed: 7, hostile: true, now: 1_790_000_000))
        let texts = store["deals"].all.compactMap { $0["title"]?.stringValue }
            + store["notes"].all.compactMap { $0["content"]?.stringValue }
        #expect(texts.contains { $0.contains("\u{1B}[") }, "terminal escape sequences")
        #expect(texts.contains { $0.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\u{1B}" } }, "control characters")
        #expect(texts.contains { $0.count >= 10_000 }, "10,000-character strings")
        let values = store["deals"].all.compactMap { $0["value"]?.doubleValue }
        #expect(values.contains { $0 >= 1e15 || ($0 != 0 && abs($0) < 1e-3) || $0 < 0 }, "odd numbers")
        #expect(!Self.account["deals"].all.contains { ($0["title"]?.stringValue ?? "").contains("\u{1B}") }, "only when asked")
    }
}
