import JSONValue

/// One committed change as the journal holds it: written before it is sent, its outcome after.
public struct JournalEntry: Sendable, Equatable {
    public let id: String
    /// Seconds since 1970, UTC.
    public let time: Int
    public let profile: String?
    /// The company's base URL.
    public let account: String
    public let resource: String
    public let kind: ActionKind
    public let records: [JournaledRecord]
    /// The calls, as `APIRequest.line` writes them.
    public let requests: [String]
    /// The entry this one reverts (`pdtui undo`).
    public let undoes: String?
    /// Custom fields' names by key (`Renewal tier` for a 40-hex key), so the journal names them.
    public let titles: [String: String]
    /// nil when no outcome was written (the process ended while the calls were out): unknown.
    public var outcome: JournalOutcome?

    public init(
        id: String, time: Int, profile: String?, account: String, resource: String, kind: ActionKind,
        records: [JournaledRecord], requests: [String], undoes: String? = nil, outcome: JournalOutcome? = nil,
        titles: [String: String] = [:]
    ) {
        self.id = id
        self.time = time
        self.profile = profile
        self.account = account
        self.resource = resource
        self.kind = kind
        self.records = records
        self.requests = requests
        self.undoes = undoes
        self.outcome = outcome
        self.titles = titles
    }

    /// The names of the custom fields among `records`' keys, by key.
    static func titles(of records: [JournaledRecord], schema: Schema) -> [String: String] {
        var titles: [String: String] = [:]
        for key in Set(records.flatMap { Array($0.before.keys) + Array($0.after.keys) }) {
            if let field = schema.field(key), field.isCustom { titles[key] = field.title }
        }
        return titles
    }

    /// A field as the journal names it: a custom field by its name, a built-in one by its key.
    public func title(of key: String) -> String { titles[key] ?? key }

    /// The fields written (update, create), or of the records removed (delete), sorted.
    public var fields: [String] {
        let keys = records.flatMap { kind == .delete ? Array($0.before.keys) : Array($0.after.keys) }
        return Set(keys).sorted()
    }

    /// The ids the change took effect on.
    public var doneIDs: [RecordID] {
        guard let outcome else { return [] }
        if outcome.status == .done { return kind == .create ? outcome.createdIDs : records.compactMap(\.id) }
        return outcome.doneIDs
    }

    var intentJSON: JSON {
        [
            "event": "commit", "id": .string(id), "time": .int(time), "profile": profile.map(JSON.string) ?? .null,
            "account": .string(account), "resource": .string(resource), "kind": .string(kind.rawValue),
            "records": .array(records.map(\.json)), "requests": .array(requests.map(JSON.string)),
            "undoes": undoes.map(JSON.string) ?? .null, "titles": .object(titles.mapValues(JSON.string)),
        ]
    }

    init?(intent json: JSON) {
        guard json["event"] == "commit", let id = json["id"]?.stringValue, let time = json["time"]?.intValue,
            let account = json["account"]?.stringValue, let resource = json["resource"]?.stringValue,
            let kind = json["kind"]?.stringValue.flatMap(ActionKind.init(rawValue:))
        else { return nil }
        self.init(
            id: id, time: time, profile: json["profile"]?.stringValue, account: account, resource: resource, kind: kind,
            records: (json["records"]?.arrayValue ?? []).map(JournaledRecord.init(json:)),
            requests: (json["requests"]?.arrayValue ?? []).compactMap(\.stringValue), undoes: json["undoes"]?.stringValue,
            titles: (json["titles"]?.objectValue ?? [:]).compactMapValues(\.stringValue))
    }
}

/// A record's values before and after a change (only the fields written, for an update; the whole
/// record before a delete; the values sent for a create).
public struct JournaledRecord: Sendable, Equatable {
    public let id: RecordID?
    public let before: [String: JSON]
    public let after: [String: JSON]

    public init(id: RecordID?, before: [String: JSON], after: [String: JSON]) {
        self.id = id
        self.before = before
        self.after = after
    }

    var json: JSON { ["id": id?.json ?? .null, "before": .object(before), "after": .object(after)] }

    init(json: JSON) {
        self.init(id: RecordID(json["id"]), before: json["before"]?.objectValue ?? [:], after: json["after"]?.objectValue ?? [:])
    }
}

public struct JournalOutcome: Sendable, Equatable {
    public enum Status: String, Sendable {
        case done
        /// Pipedrive refused (or a conflict stopped it); `doneIDs` took effect before the failure.
        case failed
        /// It may or may not have happened (the connection dropped after sending, or a 5xx).
        case unknown
    }

    public let time: Int
    public let status: Status
    /// Pipedrive's message, or why it was not sent.
    public let message: String?
    /// Of a failed deletion: the records deleted before the failure.
    public let doneIDs: [RecordID]
    /// The ids Pipedrive gave the created records.
    public let createdIDs: [RecordID]

    public init(time: Int, status: Status, message: String? = nil, doneIDs: [RecordID] = [], createdIDs: [RecordID] = []) {
        self.time = time
        self.status = status
        self.message = message
        self.doneIDs = doneIDs
        self.createdIDs = createdIDs
    }

    func json(id: String) -> JSON {
        [
            "event": "outcome", "id": .string(id), "time": .int(time), "status": .string(status.rawValue),
            "message": message.map(JSON.string) ?? .null, "done_ids": .array(doneIDs.map(\.json)),
            "created_ids": .array(createdIDs.map(\.json)),
        ]
    }

    init?(json: JSON) {
        guard json["event"] == "outcome", let time = json["time"]?.intValue,
            let status = json["status"]?.stringValue.flatMap(Status.init(rawValue:))
        else { return nil }
        self.init(
            time: time, status: status, message: json["message"]?.stringValue,
            doneIDs: (json["done_ids"]?.arrayValue ?? []).compactMap { RecordID($0) },
            createdIDs: (json["created_ids"]?.arrayValue ?? []).compactMap { RecordID($0) })
    }
}

extension JournalEntry {
    /// The entry as `pdtui journal` lists it: time (UTC), profile, what, records, fields, outcome; text
    /// from the API made inert.
    public var listing: [String] {
        let what = (undoes == nil ? "" : "undo: ") + kind.rawValue
        let ids = kind == .create && undoes == nil ? doneIDs : records.compactMap(\.id)
        let status: String
        switch outcome?.status {
        case .done?: status = "done" + (outcome!.createdIDs.isEmpty ? "" : " (new id \(outcome!.createdIDs.map(\.description).joined(separator: ", ")))")
        case .failed?: status = "failed: " + (outcome?.message ?? "")
        case .unknown?: status = "unknown: " + (outcome?.message ?? "")
        case nil: status = "unknown: no outcome was recorded"
        }
        return [
            Moment.text(time), profile ?? "-", "\(what) \(resource)", ids.map(\.description).joined(separator: ","),
            kind == .delete ? "\(records.count) record(s)" : fields.map(title(of:)).joined(separator: ","), status,
        ].map { Sanitize.inline($0, limit: 200) }
    }
}
