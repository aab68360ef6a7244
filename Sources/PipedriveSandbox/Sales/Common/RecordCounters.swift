import JSONValue

/// The counters and activity summary real v1 answers carry on every deal, person and organization
/// (`activities_count`, `notes_count`, `open_deals_count`, `next_activity_date`...), counted from the
/// account's rows. Built once per request (one pass over each linked table), then read per row.
struct RecordCounters {
    /// Counts by counter name, by item id.
    private var counts: [String: [Int: Int]] = [:]
    /// The item's undone activities, earliest due first, and done ones, latest first.
    private var next: [Int: JSON] = [:]
    private var last: [Int: JSON] = [:]
    /// `deal_id`, `person_id` or `org_id`.
    let key: String

    init(key: String, store: Store) {
        self.key = key
        for activity in store["activities"].all {
            guard let id = activity[key]?.intValue else { continue }
            let done = activity["done"] == true
            add("activities_count", id)
            add(done ? "done_activities_count" : "undone_activities_count", id)
            let due = (activity["due_date"]?.stringValue ?? "") + " " + (activity["due_time"]?.stringValue ?? "")
            if done {
                if last[id].map({ Self.due($0) < due }) ?? true { last[id] = activity }
            } else if next[id].map({ Self.due($0) > due }) ?? true {
                next[id] = activity
            }
        }
        for note in store["notes"].all { if let id = note[key]?.intValue { add("notes_count", id) } }
        for file in store["files"].all { if let id = file[key]?.intValue { add("files_count", id) } }
        let followers = ["deal_id": "dealFollowers", "person_id": "personFollowers", "org_id": "organizationFollowers"][key]!
        for row in store[followers].all { if let id = row[key]?.intValue { add("followers_count", id) } }
        if key == "deal_id" {
            for row in store["dealParticipants"].all { if let id = row["deal_id"]?.intValue { add("participants_count", id) } }
            for row in store["dealProducts"].all { if let id = row["deal_id"]?.intValue { add("products_count", id) } }
            var threads: [Int: Int] = [:]
            for thread in store["mailThreads"].all {
                if let id = thread["id"]?.intValue, let deal = thread["deal_id"]?.intValue { threads[id] = deal }
            }
            for message in store["mailMessages"].all {
                if let deal = message["mail_thread_id"]?.intValue.flatMap({ threads[$0] }) { add("email_messages_count", deal) }
            }
        } else {
            for deal in store["deals"].all {
                guard let id = deal[key]?.intValue else { continue }
                let status = deal["status"]?.stringValue ?? "open"
                add(status == "open" ? "open_deals_count" : "closed_deals_count", id)
                if status != "open" { add("\(status)_deals_count", id) }
            }
            if key == "org_id" {
                for person in store["persons"].all { if let id = person["org_id"]?.intValue { add("people_count", id) } }
            }
        }
    }

    private mutating func add(_ counter: String, _ id: Int) { counts[counter, default: [:]][id, default: 0] += 1 }

    private static func due(_ activity: JSON) -> String {
        (activity["due_date"]?.stringValue ?? "") + " " + (activity["due_time"]?.stringValue ?? "")
    }

    static let dealCounters = [
        "activities_count", "done_activities_count", "undone_activities_count", "files_count", "notes_count",
        "followers_count", "participants_count", "products_count", "email_messages_count",
    ]
    static let contactCounters = [
        "activities_count", "done_activities_count", "undone_activities_count", "files_count", "notes_count",
        "followers_count", "email_messages_count", "open_deals_count", "related_open_deals_count", "closed_deals_count",
        "related_closed_deals_count", "won_deals_count", "related_won_deals_count", "lost_deals_count",
        "related_lost_deals_count",
    ]

    /// The counters and activity summary of one item, added to its v1 object.
    func fill(_ id: Int, into out: inout [String: JSON]) {
        let names = key == "deal_id" ? Self.dealCounters : Self.contactCounters + (key == "org_id" ? ["people_count"] : [])
        for name in names {
            // `related_*` counts deals of linked items; the sandbox links none beyond the item's own.
            out[name] = .int(name.hasPrefix("related_") ? 0 : counts[name]?[id] ?? 0)
        }
        let upcoming = next[id]
        out["next_activity_date"] = upcoming?["due_date"] ?? .null
        out["next_activity_time"] = upcoming.map { $0["due_time"].flatMap { $0 == .null ? nil : $0 } ?? "" } ?? .null
        out["next_activity_id"] = upcoming?["id"] ?? .null
        out["next_activity_subject"] = upcoming?["subject"] ?? .null
        out["next_activity_type"] = upcoming?["type"] ?? .null
        out["next_activity_duration"] = upcoming.map { $0["duration"].flatMap { $0 == .null ? nil : $0 } ?? "" } ?? .null
        out["next_activity_note"] = upcoming?["note"] ?? .null
        out["last_activity_id"] = last[id]?["id"] ?? .null
        out["last_activity_date"] = last[id]?["due_date"] ?? .null
        out["last_incoming_mail_time"] = .null
        out["last_outgoing_mail_time"] = .null
        if key == "deal_id" { out["rotten_time"] = .null }
    }
}
