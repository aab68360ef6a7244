import Foundation
import JSONValue
import PipedriveSandbox
import Testing

@testable import PipedriveEngine

/// The duplicate matcher: its keys, and its precision over HTTP on an account of clean records with near
/// misses and planted duplicates of each kind; and the planted groups of the demo account.
@Suite struct DuplicateTests {
    @Test func keysIgnoreWhatWritingVaries() {
        #expect(DuplicateKeys.email(" Mari-Liis.Kask@Sandbox-Demo.EE") == "mari-liis.kask@sandbox-demo.ee")
        #expect(DuplicateKeys.email("not an address") == nil)
        #expect(DuplicateKeys.phone("+49 30 1234 5678") == DuplicateKeys.phone("0049 (30) 12345678"))
        #expect(DuplicateKeys.phone("030 1234 5678") != DuplicateKeys.phone("+49 30 1234 5678"), "a national number keeps its 0")
        #expect(DuplicateKeys.phone("12-34") == nil)
        #expect(DuplicateKeys.personName("Gonçalves, Ana-Lúcia") == DuplicateKeys.personName("ana lucia goncalves"))
        #expect(DuplicateKeys.personName("Jürgen Weiß") == "jurgen weiss")
        for (a, b) in [
            ("Müller Maschinenbau G.m.b.H.", "MÜLLER MASCHINENBAU"), ("Société Générale d'Équipement S.A.", "Societe Generale d'Equipement SA"),
            ("株式会社サクラ精工", "サクラ精工株式会社"), ("Nordic Trail Oy", "Nordic Trail Ltd."), ("Acme, Inc.", "ACME"),
            ("Fjällräv Sp. z o.o.", "Fjallrav"), ("Ромашка ООО", "ромашка"),
        ] {
            #expect(DuplicateKeys.organizationName(a) == DuplicateKeys.organizationName(b), "\(a) ~ \(b)")
        }
        #expect(DuplicateKeys.organizationName("Acme Logistics") != DuplicateKeys.organizationName("Acme"))
        #expect(DuplicateKeys.organizationName("GmbH") == "gmbh", "a name that is only a legal form stays")
        #expect(DuplicateKeys.website("https://www.Mueller-Maschinenbau.de/kontakt?x=1") == "mueller-maschinenbau.de")
    }

    /// An account whose persons, organizations and deals are a few hundred clean records, near misses
    /// included (one letter apart, one phone digit apart, the same title at another organization), then the
    /// planted duplicates.
    static func cleanAccount() -> (Store, [PlantedDuplicates.Group]) {
        var store = AccountGenerator.generate(GenerationOptions(seed: 3, now: 1_790_000_000))
        let first = ["Anna", "Anne", "Mart", "Marta", "Peeter", "Piret", "Jaan", "Jaana", "Kristjan", "Kristiina", "Tõnu", "Toomas",
                     "Liis", "Lii", "Siim", "Sirje", "Hanna", "Hannes", "Olev", "Oliver"]
        let last = ["Tamm", "Tamme", "Saar", "Saare", "Sepp", "Mägi", "Magi Jr", "Kask", "Kukk", "Rebane", "Koppel", "Ilves", "Lepik",
                    "Lepp", "Pärn"]
        var persons = Table(), organizations = Table(), deals = Table()
        var id = 0
        for a in first {
            for b in last {
                id += 1
                persons.upsert(id, [
                    "id": .int(id), "name": .string("\(a) \(b)"), "owner_id": 1,
                    "emails": [["value": .string("\(a).\(b)\(id)@example.ee".lowercased().replacingOccurrences(of: " ", with: "")), "primary": true]],
                    "phones": [["value": .string("+372 5\(100_000 + id)"), "primary": true]],
                ])
            }
        }
        let words = ["Alpha", "Beta", "Gamma", "Delta", "Nordic", "Baltic", "Green", "Blue", "Tallinn", "Tartu", "Pärnu", "Narva",
                     "Saaremaa", "Viru", "Harju", "Ida", "Lääne", "Kesk", "Põhja", "Lõuna"]
        let trades = ["Logistics", "Software", "Timber", "Dairy", "Print", "Energy", "Foods", "Textiles", "Marine", "Labs"]
        let suffixes = ["AS", "OÜ", "Oy", "GmbH", "Ltd", "AB", "Inc."]
        var organization = 0
        for word in words {
            for trade in trades {
                organization += 1
                organizations.upsert(organization, [
                    "id": .int(organization), "name": .string("\(word) \(trade) \(suffixes[organization % suffixes.count])"),
                    "owner_id": 1, "address": ["value": .string("\(word)tee \(organization), Tallinn")],
                    "website": .string("https://\(word.lowercased())-\(trade.lowercased()).example"),
                ])
            }
        }
        for deal in 1...200 {
            deals.upsert(deal, [
                "id": .int(deal), "title": .string(deal % 10 == 0 ? "Annual renewal" : "Deal \(deal) for \(trades[deal % trades.count])"),
                "org_id": .int(deal), "person_id": .int(deal), "owner_id": 1, "status": "open", "is_archived": false,
            ])
        }
        // Rows the planted duplicates will overwrite.
        for _ in 0..<PlantedDuplicates.rowCounts["persons"]! { id += 1; persons.upsert(id, ["id": .int(id), "name": "x", "owner_id": 1]) }
        for _ in 0..<PlantedDuplicates.rowCounts["organizations"]! {
            organization += 1
            organizations.upsert(organization, ["id": .int(organization), "name": "x", "owner_id": 1])
        }
        for deal in 201...(200 + PlantedDuplicates.rowCounts["deals"]!) {
            deals.upsert(deal, ["id": .int(deal), "title": "x", "owner_id": 1, "status": "open", "is_archived": false])
        }
        store["persons"] = persons
        store["organizations"] = organizations
        store["deals"] = deals
        let planted = PlantedDuplicates.plant(into: &store)
        return (store, planted)
    }

    @Test func everyPlantedGroupAndNoFalseOne() async throws {
        let (store, planted) = Self.cleanAccount()
        #expect(store["persons"].count > 300 && store["organizations"].count > 200 && store["deals"].count > 200)
        let fixture = try SandboxFixture(store: store, inProcess: true)
        let session = fixture.session()
        for table in ["persons", "organizations", "deals"] {
            let groups = try await session.duplicates(of: table)
            let found = groups.map { Set($0.members.map(\.id)) }
            let expected = planted.filter { $0.table == table }.map { Set($0.ids) }
            #expect(Set(found) == Set(expected), "\(table): found \(groups.map { ($0.members.map(\.label), $0.matches.map(\.reason)) })")
            #expect(groups.allSatisfy { !$0.matches.isEmpty })
        }
        // Strongest first: the group sharing an e-mail, a phone and a name leads the persons.
        let persons = try await session.duplicates(of: "persons")
        #expect(Set(persons[0].matches.map(\.reason)) == [.email, .phone, .name])
        #expect(persons.map(\.strength) == persons.map(\.strength).sorted(by: >))
        let müller = try #require(try await session.duplicates(of: "organizations").first)
        #expect(müller.members.map(\.label) == ["Müller Maschinenbau GmbH", "MÜLLER MASCHINENBAU", "Müller Maschinenbau G.m.b.H."])
        #expect(Set(müller.matches.map(\.reason)) == [.website, .nameAndAddress, .name])
    }

    @Test func theDemoAccountsPlantedGroupsAreFound() async throws {
        let fixture = try SandboxFixture(seed: 1, inProcess: true)
        let planted = fixture.server.withStore { PlantedDuplicates.groups(in: $0) }
        let session = fixture.session()
        for table in ["persons", "organizations", "deals"] {
            let found = Set(try await session.duplicates(of: table).map { Set($0.members.map(\.id)) })
            for group in planted where group.table == table {
                #expect(found.contains(Set(group.ids)), "\(table) \(group.ids)")
            }
        }
        await #expect(throws: PipedriveError.self) { try await session.duplicates(of: "products") }
    }
}
