import JSONValue

/// One change waiting to be committed: an edit of one record, a new record, or a deletion of records.
public struct StagedChange: Sendable, Equatable, Identifiable {
    /// Unique within its `Staging`, in the order changes were staged (the commit order).
    public let id: Int
    /// The resource's name (`deals`).
    public let resource: String
    public var kind: Kind
    /// Why the last commit did not send it (Pipedrive's message, or a conflict); nil before any commit.
    public var failure: String?
    /// The record changed on Pipedrive since it was loaded; the caller resolves (see `Staging.resolve`).
    public var conflict: Conflict?
    /// Left out of commits until resolved again (the user chose "skip" on a conflict).
    public var isHeld: Bool
    /// The last send whose outcome is not known (the answer never came, or pdtui stopped meanwhile): the
    /// next commit reads Pipedrive to settle it before this change may be sent again.
    public var attempt: Attempt?

    /// One send of a change: its journal entry and when it left (seconds since 1970).
    public struct Attempt: Sendable, Equatable {
        public let journalID: String
        public let time: Int

        public init(journalID: String, time: Int) {
            self.journalID = journalID
            self.time = time
        }
    }

    /// The bulk change it belongs to (one form over many records, one find and replace): a group is
    /// committed as one journal entry, which undo reverts as one.
    public var group: ChangeGroup?

    public enum Kind: Sendable, Equatable {
        /// Field edits of one record; `base` is the record as it was loaded (the conflict reference).
        case update(base: Record, edits: [FieldEdit])
        /// A new record with its canonical values by field key.
        case create(values: [String: JSON])
        /// Records to delete, as they were loaded (journaled so a delete can be undone).
        case delete(records: [Record])
    }

    public init(id: Int, resource: String, kind: Kind) {
        self.id = id
        self.resource = resource
        self.kind = kind
        self.isHeld = false
    }

    /// The record an update works on.
    public var recordID: RecordID? {
        if case .update(let base, _) = kind { return base.id }
        return nil
    }

    /// The ids a deletion removes.
    public var deletedIDs: [RecordID] {
        if case .delete(let records) = kind { return records.compactMap(\.id) }
        return []
    }
}

/// One field of an update: the value loaded (`old`) and the value to write (`new`), both canonical.
public struct FieldEdit: Sendable, Equatable {
    public let key: String
    /// The field's title as shown (`Title`, a custom field's name).
    public let title: String
    public var old: JSON
    public var new: JSON

    public init(key: String, title: String, old: JSON, new: JSON) {
        self.key = key
        self.title = title
        self.old = old
        self.new = new
    }
}

/// A record that changed on Pipedrive between loading and committing.
public struct Conflict: Sendable, Equatable {
    /// The record as Pipedrive has it now.
    public let theirs: Record
    /// The values this change would write, by key.
    public let yours: [String: JSON]
    /// The written fields Pipedrive changed too (empty when only `update_time` moved).
    public let fields: [String]
    /// Writable fields not being written that Pipedrive changed since loading: what "changed there" means.
    public let others: [String]

    public init(theirs: Record, yours: [String: JSON], fields: [String], others: [String] = []) {
        self.theirs = theirs
        self.yours = yours
        self.fields = fields
        self.others = others
    }
}

/// How the caller settles a conflict, per record.
public enum ConflictResolution: Sendable, Equatable {
    /// Write yours over theirs on the next commit.
    case overwrite
    /// Drop yours; Pipedrive's record stays as it is.
    case takeTheirs
    /// Decide later: keep the change staged but leave it out of commits.
    case skip
}

/// A field's refusal, shown next to the field in a form.
public struct FieldProblem: Sendable, Equatable, Hashable {
    /// The staged record, or the draft of a new one (`nil` id).
    public let resource: String
    public let record: RecordID?
    public let key: String

    public init(resource: String, record: RecordID?, key: String) {
        self.resource = resource
        self.record = record
        self.key = key
    }
}
