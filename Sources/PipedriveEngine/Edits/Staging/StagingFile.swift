import Foundation
import JSONValue

/// The staged changes on disk, saved as they are made so a crash loses none: one JSON file per profile
/// and company (`StatePaths.stagingFile`), replaced atomically, mode 0600, no credential in it.
public struct StagingFile: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public init(for settings: ConnectionSettings, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.init(path: StatePaths.stagingFile(for: settings, environment: environment))
    }

    /// The changes left by the last run (to offer back), or nil when there are none.
    public func load() throws(PipedriveError) -> Staging? {
        guard let bytes = try SecureFile.read(path) else { return nil }
        guard let json = try? JSON(parsing: bytes), let staging = Staging(json: json) else {
            throw PipedriveError(.configuration, "it does not hold staged changes pdtui can read")
        }
        return staging.isEmpty ? nil : staging
    }

    /// The changes left by the last run, or nil; a file that cannot be read is moved aside (to
    /// `….bad-TIME`) and comes back as a sentence saying so, so pdtui starts with nothing staged.
    public func loadOrSetAside() -> (staging: Staging?, notice: String?) {
        do {
            return (try load(), nil)
        } catch {
            do {
                let aside = try SecureFile.setAside(path)
                return (nil, "The staged changes in \(path) could not be read (\(error.message)); the file was moved to \(aside) and nothing is staged.")
            } catch {
                return (nil, "\(error.message) Nothing is staged.")
            }
        }
    }

    /// Saves the changes (an empty staging removes the file).
    public func save(_ staging: Staging) throws(PipedriveError) {
        guard !staging.isEmpty else {
            if unlink(path) != 0 && errno != ENOENT {
                throw PipedriveError(.configuration, "Cannot remove \(path): \(String(cString: strerror(errno))).")
            }
            return
        }
        try SecureFile.write(staging.json.serialized(), to: path)
    }
}

extension Staging {
    /// `{"format": 1, "next_id": 3, "changes": [...]}`; problems are not kept (they are redone on input).
    var json: JSON {
        ["format": 1, "next_id": .int(nextID), "changes": .array(changes.map(\.json))]
    }

    init?(json: JSON) {
        guard json["format"] == 1, let items = json["changes"]?.arrayValue else { return nil }
        var changes: [StagedChange] = []
        for item in items {
            guard let change = StagedChange(json: item) else { return nil }
            changes.append(change)
        }
        self.init(changes: changes, nextID: json["next_id"]?.intValue ?? 1)
    }
}

extension StagedChange {
    var json: JSON {
        var out: [String: JSON] = [
            "id": .int(id), "resource": .string(resource), "held": .bool(isHeld), "failure": failure.map(JSON.string) ?? .null,
        ]
        switch kind {
        case .update(let base, let edits):
            out["kind"] = "update"
            out["base"] = base.json
            out["edits"] = .array(edits.map { ["key": .string($0.key), "title": .string($0.title), "old": $0.old, "new": $0.new] })
        case .create(let values):
            out["kind"] = "create"
            out["values"] = .object(values)
        case .delete(let records):
            out["kind"] = "delete"
            out["records"] = .array(records.map(\.json))
        }
        if let attempt {
            out["attempt"] = ["journal_id": .string(attempt.journalID), "time": .int(attempt.time)]
        }
        if let group {
            out["group"] = ["id": .int(group.id), "label": .string(group.label), "shown": .object(group.shown.mapValues(JSON.string))]
        }
        if let conflict {
            out["conflict"] = ["theirs": conflict.theirs.json, "yours": .object(conflict.yours), "fields": .array(conflict.fields.map(JSON.string))]
        }
        return .object(out)
    }

    init?(json: JSON) {
        guard let id = json["id"]?.intValue, let resource = json["resource"]?.stringValue else { return nil }
        let kind: Kind
        switch json["kind"]?.stringValue {
        case "update":
            guard let base = json["base"].flatMap(Record.init(stored:)), let items = json["edits"]?.arrayValue else { return nil }
            var edits: [FieldEdit] = []
            for item in items {
                guard let key = item["key"]?.stringValue else { return nil }
                edits.append(FieldEdit(key: key, title: item["title"]?.stringValue ?? key, old: item["old"] ?? .null, new: item["new"] ?? .null))
            }
            kind = .update(base: base, edits: edits)
        case "create":
            guard let values = json["values"]?.objectValue else { return nil }
            kind = .create(values: values)
        case "delete":
            guard let items = json["records"]?.arrayValue else { return nil }
            let records = items.compactMap(Record.init(stored:))
            guard records.count == items.count else { return nil }
            kind = .delete(records: records)
        default:
            return nil
        }
        self.init(id: id, resource: resource, kind: kind)
        isHeld = json["held"]?.boolValue ?? false
        failure = json["failure"]?.stringValue
        if let id = json["attempt"]?["journal_id"]?.stringValue, let time = json["attempt"]?["time"]?.intValue {
            attempt = Attempt(journalID: id, time: time)
        }
        if let group = json["group"], let id = group["id"]?.intValue {
            let shown = (group["shown"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
            self.group = ChangeGroup(id: id, label: group["label"]?.stringValue ?? "", shown: shown)
        }
        if let conflict = json["conflict"], let theirs = conflict["theirs"].flatMap(Record.init(stored:)) {
            self.conflict = Conflict(
                theirs: theirs, yours: conflict["yours"]?.objectValue ?? [:],
                fields: (conflict["fields"]?.arrayValue ?? []).compactMap(\.stringValue))
        }
    }
}

extension Record {
    /// `{"id": 5, "values": {...}}`: a record's canonical values as staged.
    var json: JSON { ["id": id?.json ?? .null, "values": .object(values)] }

    init?(stored json: JSON) {
        guard let values = json["values"]?.objectValue else { return nil }
        self.init(id: RecordID(json["id"]), values: values)
    }
}
