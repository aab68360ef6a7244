import JSONValue

/// Why records were grouped, strongest first.
public enum MatchReason: String, Sendable, CaseIterable, Comparable {
    case email
    case website
    case phone
    case nameAndAddress = "name and address"
    case titleAndOrganization = "title and organization"
    case samePerson = "title, organization and person"
    case name

    /// How much a shared key says: an e-mail address or a web site is near proof, a name alone a hint.
    public var weight: Int {
        switch self {
        case .email, .website: 8
        case .phone, .nameAndAddress, .titleAndOrganization: 4
        case .samePerson: 2
        case .name: 1
        }
    }

    public static func < (lhs: MatchReason, rhs: MatchReason) -> Bool { lhs.weight > rhs.weight }
}

/// A group of likely duplicates: its records (by id) and the keys they share.
public struct DuplicateGroup: Sendable, Equatable {
    public struct Member: Sendable, Equatable {
        public var id: Int
        public var label: String
    }

    public struct Match: Sendable, Equatable {
        public var reason: MatchReason
        /// The shared key, normalised (`mari-liis.kask@sandbox-demo.ee`).
        public var key: String
    }

    public var members: [Member]
    public var matches: [Match]
    /// The sum of the distinct reasons' weights: groups sort by it, strongest first.
    public var strength: Int { Set(matches.map(\.reason)).reduce(0) { $0 + $1.weight } }
}

/// Finds likely duplicates among records fed one at a time (rows as the API answers them, v1 or v2), keeping
/// only each record's id and label and the keys seen, so memory grows by a few dozen bytes a record: persons
/// by e-mail, phone and name; organizations by web site, name, and name with address; deals by title and
/// organization (and person).
public struct DuplicateMatcher: Sendable {
    public enum Kind: String, Sendable, CaseIterable { case persons, organizations, deals }

    public let kind: Kind
    private var ids: [Int] = []
    private var labels: [String] = []
    /// Union-find over record positions.
    private var parent: [Int32] = []
    /// The first record holding each key, by reason and the key's hash.
    private var owners: [KeyHash: Int32] = [:]
    /// Each time a record shared a key with an earlier one.
    private var links: [(first: Int32, second: Int32, key: KeyHash)] = []
    /// The text of keys that were shared, for the groups' reasons.
    private var sharedKeys: [KeyHash: String] = [:]

    struct KeyHash: Hashable, Sendable {
        var reason: MatchReason
        var hash: Int
    }

    public init(kind: Kind) { self.kind = kind }

    public var count: Int { ids.count }

    /// Adds one record; a row without an id is skipped.
    public mutating func add(_ row: JSON) {
        guard let id = Self.int(row["id"]) else { return }
        let index = Int32(ids.count)
        ids.append(id)
        parent.append(index)
        var keys: [(MatchReason, String)] = []
        switch kind {
        case .persons:
            let name = row["name"]?.stringValue ?? ""
            labels.append(name)
            for email in Self.values(row["emails"] ?? row["email"]) { if let key = DuplicateKeys.email(email) { keys.append((.email, key)) } }
            for phone in Self.values(row["phones"] ?? row["phone"]) { if let key = DuplicateKeys.phone(phone) { keys.append((.phone, key)) } }
            if let key = DuplicateKeys.personName(name) { keys.append((.name, key)) }
        case .organizations:
            let name = row["name"]?.stringValue ?? ""
            labels.append(name)
            if let key = DuplicateKeys.organizationName(name) {
                keys.append((.name, key))
                if let address = Self.address(row).flatMap(DuplicateKeys.address) { keys.append((.nameAndAddress, key + " · " + address)) }
            }
            if let site = row["website"]?.stringValue.flatMap(DuplicateKeys.website) { keys.append((.website, site)) }
        case .deals:
            let title = row["title"]?.stringValue ?? ""
            labels.append(title)
            if let key = DuplicateKeys.title(title), let org = Self.int(row["org_id"]) {
                keys.append((.titleAndOrganization, "\(key) · org \(org)"))
                if let person = Self.int(row["person_id"]) { keys.append((.samePerson, "\(key) · org \(org) · person \(person)")) }
            }
        }
        var seen: Set<KeyHash> = []
        for (reason, text) in keys {
            let key = KeyHash(reason: reason, hash: text.hashValue)
            guard seen.insert(key).inserted else { continue }
            if let first = owners[key] {
                links.append((first, index, key))
                if sharedKeys[key] == nil { sharedKeys[key] = text }
                union(first, index)
            } else {
                owners[key] = index
            }
        }
    }

    /// The groups of two or more records, strongest first (then the larger, then by first id).
    public func groups() -> [DuplicateGroup] {
        var finder = self
        var members: [Int32: [Int32]] = [:]
        var matches: [Int32: [KeyHash]] = [:]
        for (first, _, key) in links {
            let root = finder.find(first)
            if !(matches[root]?.contains(key) ?? false) { matches[root, default: []].append(key) }
        }
        for root in matches.keys { members[root] = [] }
        for index in 0..<Int32(ids.count) {
            let root = finder.find(index)
            if members[root] != nil { members[root]!.append(index) }
        }
        let groups = members.map { root, indices in
            DuplicateGroup(
                members: indices.map { DuplicateGroup.Member(id: ids[Int($0)], label: labels[Int($0)]) },
                matches: (matches[root] ?? []).map { DuplicateGroup.Match(reason: $0.reason, key: sharedKeys[$0] ?? "") }
                    .sorted { ($0.reason, $0.key) < ($1.reason, $1.key) })
        }
        return groups.sorted {
            ($0.strength, $0.members.count, -($0.members.first?.id ?? 0)) > ($1.strength, $1.members.count, -($1.members.first?.id ?? 0))
        }
    }

    private mutating func find(_ index: Int32) -> Int32 {
        var root = index
        while parent[Int(root)] != root { root = parent[Int(root)] }
        var node = index
        while parent[Int(node)] != root {
            let next = parent[Int(node)]
            parent[Int(node)] = root
            node = next
        }
        return root
    }

    private mutating func union(_ a: Int32, _ b: Int32) {
        let rootA = find(a), rootB = find(b)
        if rootA != rootB { parent[Int(max(rootA, rootB))] = min(rootA, rootB) }
    }

    /// An id as v2 gives it, or v1's `{value: id}` reference.
    static func int(_ json: JSON?) -> Int? { json?.intValue ?? json?["value"]?.intValue }

    /// Strings of a contact list (`[{value}]`) or a single string.
    static func values(_ json: JSON?) -> [String] {
        if let text = json?.stringValue { return [text] }
        return (json?.arrayValue ?? []).compactMap { $0["value"]?.stringValue ?? $0.stringValue }
    }

    /// v2's address object, or v1's flat `address` text.
    static func address(_ row: JSON) -> String? {
        let address = row["address"]
        let text = address?.stringValue ?? address?["formatted_address"]?.stringValue ?? address?["value"]?.stringValue
        return text?.isEmpty == false ? text : nil
    }
}
