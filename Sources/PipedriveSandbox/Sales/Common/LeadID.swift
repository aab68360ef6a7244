import JSONValue

/// Leads have UUID ids. The row's table id is an integer; its UUID (stored as `uuid`) ends in that
/// integer in hex, so a lead is found without a scan.
enum LeadID {
    static func make(id: Int, random: inout SeededRandom) -> String {
        let hex = Array("0123456789abcdef")
        func digits(_ count: Int) -> String { String((0..<count).map { _ in hex[Int(random.next() & 0xF)] }) }
        let tail = String(id, radix: 16)
        return "\(digits(8))-\(digits(4))-4\(digits(3))-\(hex[8 + Int(random.next() & 3)])\(digits(3))-"
            + String(repeating: "0", count: 12 - tail.count) + tail
    }

    /// The row of the live lead with this UUID.
    static func row(_ uuid: String, in store: Store) -> JSON? {
        guard uuid.count == 36, let id = Int(uuid.suffix(12), radix: 16), let row = store["leads"][id],
            row["uuid"]?.stringValue == uuid
        else { return nil }
        return row
    }
}

/// The account's user ids. Before the workspace generator has made users, owners are 1...10.
enum SalesUsers {
    static func ids(_ store: Store) -> [Int] {
        let ids = store["users"].ids
        return ids.isEmpty ? Array(1...10) : ids
    }

    static func exists(_ id: Int, _ store: Store) -> Bool {
        store["users"].count == 0 ? (1...10).contains(id) : store["users"][id] != nil
    }
}
