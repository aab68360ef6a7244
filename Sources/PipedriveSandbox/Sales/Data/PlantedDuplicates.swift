import JSONValue

/// Duplicates planted in the generated account, so finding and merging them can be tried and tested: the
/// last persons, organizations and deals are rewritten (counts stay) into groups of one record written
/// differently: e-mail case, phone formats with the country code, accents, word order, legal suffixes.
public enum PlantedDuplicates {
    /// A planted group: the table and the ids of its records, the first being the original.
    public struct Group: Sendable, Equatable {
        public var table: String
        public var ids: [Int]
    }

    typealias Person = (name: String, email: String?, phone: String?)
    /// Each group's records; the first is the original.
    static let persons: [[Person]] = [
        [("Mari-Liis Kask", "mari-liis.kask@sandbox-demo.ee", "+372 5123 4567"),
         ("Mari-Liis  Kask", " Mari-Liis.Kask@Sandbox-Demo.EE", "00372 5123-4567")],
        [("Jürgen Weiß", "j.weiss@weiss-bau.de", "+49 30 1234 5678"), ("Jurgen Weiß", nil, "0049 (30) 12345678")],
        [("Ana Lúcia Gonçalves", nil, nil), ("ana lucia goncalves", nil, nil), ("Gonçalves, Ana Lúcia", nil, nil)],
        [("Ólafur Arnalds", "olafur@arnalds.is", nil), ("Olafur A.", "OLAFUR@ARNALDS.IS", nil)],
    ]
    typealias Organization = (name: String, address: String, website: String?)
    static let organizations: [[Organization]] = [
        [("Müller Maschinenbau GmbH", "Hauptstraße 5, 10115 Berlin, Germany", "https://www.mueller-maschinenbau.de"),
         ("MÜLLER MASCHINENBAU", "Hauptstrasse 5, 10115 Berlin, Germany", "mueller-maschinenbau.de"),
         ("Müller Maschinenbau G.m.b.H.", "Hauptstraße 5, 10115 Berlin, Germany", nil)],
        [("Société Générale d'Équipement S.A.", "12 Rue de la Paix, 75002 Paris, France", "https://sge.example.fr/"),
         ("Societe Generale d'Equipement SA", "12 rue de la Paix, 75002 Paris, France", "http://www.sge.example.fr/contact")],
        [("株式会社サクラ精工", "東京都港区芝公園4-2-8", nil), ("サクラ精工株式会社", "東京都港区芝公園4-2-8", nil)],
        [("Nordic Trail Oy", "Mannerheimintie 1, 00100 Helsinki, Finland", nil), ("Nordic Trail Ltd.", "1 King Street, London, United Kingdom", nil)],
    ]
    /// Deal titles; each group's deals share the planted organization group of the same index.
    static let deals: [[String]] = [["Fleet renewal 2027", "Fleet Renewal 2027 "], ["Website relaunch", "Website relaunch"]]

    /// How many of the last rows of each table `plant` rewrites.
    public static let rowCounts = [
        "persons": persons.joined().count, "organizations": organizations.joined().count, "deals": deals.joined().count,
    ]

    /// Rewrites the last rows into the planted groups and returns them.
    @discardableResult
    public static func plant(into store: inout Store) -> [Group] {
        var groups: [Group] = []
        var personIDs = Array(store["persons"].ids.suffix(persons.joined().count))
        var organizationIDs = Array(store["organizations"].ids.suffix(organizations.joined().count))
        var dealIDs = Array(store["deals"].ids.suffix(deals.joined().count))
        guard personIDs.count == persons.joined().count, organizationIDs.count == organizations.joined().count,
              dealIDs.count == deals.joined().count else { return [] }
        var organizationOriginals: [Int] = []
        let personOriginal = personIDs[0]
        for group in organizations {
            let ids = Array(organizationIDs.prefix(group.count))
            organizationIDs.removeFirst(group.count)
            for (id, organization) in zip(ids, group) {
                rewrite("organizations", id, in: &store) { row in
                    row["name"] = .string(organization.name)
                    row["address"] = ["value": .string(organization.address), "formatted_address": .string(organization.address)]
                    row["website"] = organization.website.map(JSON.string)
                }
            }
            organizationOriginals.append(ids[0])
            groups.append(Group(table: "organizations", ids: ids))
        }
        for group in persons {
            let ids = Array(personIDs.prefix(group.count))
            personIDs.removeFirst(group.count)
            for (id, person) in zip(ids, group) {
                rewrite("persons", id, in: &store) { row in
                    let parts = person.name.split(separator: " ", maxSplits: 1)
                    row["name"] = .string(person.name)
                    row["first_name"] = .string(String(parts[0]))
                    row["last_name"] = parts.count > 1 ? .string(String(parts[1])) : .null
                    row["emails"] = .array(person.email.map { [["value": .string($0), "primary": true, "label": "work"]] } ?? [])
                    row["phones"] = .array(person.phone.map { [["value": .string($0), "primary": true, "label": "work"]] } ?? [])
                }
            }
            groups.append(Group(table: "persons", ids: ids))
        }
        for (index, group) in deals.enumerated() {
            let ids = Array(dealIDs.prefix(group.count))
            dealIDs.removeFirst(group.count)
            for (id, title) in zip(ids, group) {
                rewrite("deals", id, in: &store) { row in
                    row["title"] = .string(title)
                    row["org_id"] = .int(organizationOriginals[index])
                    row["person_id"] = .int(personOriginal)
                    row["is_archived"] = false
                }
            }
            groups.append(Group(table: "deals", ids: ids))
        }
        return groups
    }

    /// The planted groups of a generated account (the rows `plant` rewrote).
    public static func groups(in store: Store) -> [Group] {
        var copy = store
        return plant(into: &copy)
    }

    private static func rewrite(_ table: String, _ id: Int, in store: inout Store, _ change: (inout JSON) -> Void) {
        guard var row = store[table][id] else { return }
        change(&row)
        store[table].upsert(id, row)
    }
}
