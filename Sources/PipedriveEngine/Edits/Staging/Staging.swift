import JSONValue

/// The changes a user has made and not yet committed: a pure state machine, no I/O.
///
/// Every value is parsed with `ValueParser` against the resource's `Schema` before it is staged; a
/// refused value is kept in `problems` next to its field and stages nothing for that field, while the
/// other fields go ahead. Changes are committed in the order they were staged (see `Session.commit`).
public struct Staging: Sendable, Equatable {
    public private(set) var changes: [StagedChange]
    /// Refused values by field, with the reason; a field's entry goes when it gets a valid value.
    public private(set) var problems: [FieldProblem: String]
    private(set) var nextID: Int

    /// Deletes of more than this many records need the count typed as confirmation.
    public static let confirmationThreshold = 10

    public init() {
        self.init(changes: [], nextID: 1)
    }

    init(changes: [StagedChange], nextID: Int) {
        self.changes = changes
        self.problems = [:]
        self.nextID = max(nextID, (changes.map(\.id).max() ?? 0) + 1)
    }

    public var isEmpty: Bool { changes.isEmpty }

    public func change(_ id: Int) -> StagedChange? { changes.first { $0.id == id } }

    /// The staged update of a record, if any (to show its pending values in a form).
    public func update(of resource: String, id: RecordID) -> StagedChange? {
        changes.first { $0.resource == resource && $0.recordID == id }
    }

    // MARK: Editing

    /// Stages what the user typed into fields of a loaded record, field by field. Returns the refusals by
    /// field key (also kept in `problems`); a refused field stages nothing, the others are staged. A
    /// value equal to the loaded one unstages that field.
    @discardableResult
    public mutating func edit(
        _ record: Record, of schema: Schema, text: [String: String], parser: ValueParser = ValueParser(), names: [String: String] = [:]
    ) -> [String: String] {
        let resource = schema.resource.name
        guard let id = record.id else {
            return Dictionary(uniqueKeysWithValues: text.keys.map { ($0, "The record has no id; it cannot be edited.") })
        }
        guard schema.resource.action(named: "Update") != nil else {
            return Dictionary(uniqueKeysWithValues: text.keys.map { ($0, "\(resource) records cannot be changed.") })
        }
        if changes.contains(where: { $0.resource == resource && $0.deletedIDs.contains(id) }) {
            return Dictionary(uniqueKeysWithValues: text.keys.map { ($0, "The record is staged for deletion; unstage that to edit it.") })
        }
        let index = changes.firstIndex { $0.resource == resource && $0.recordID == id }
        var base = record, edits: [FieldEdit] = []
        if let index, case .update(let staged, let stagedEdits) = changes[index].kind {
            base = staged
            edits = stagedEdits
        }
        var refused: [String: String] = [:]
        for key in text.keys.sorted() {
            let problem = FieldProblem(resource: resource, record: id, key: key)
            guard let field = schema.field(key) else {
                refused[key] = "\(resource) has no field \"\(Sanitize.inline(key))\"."
                problems[problem] = refused[key]
                continue
            }
            guard field.isWritable else {
                refused[key] = "\(field.title): \(field.readOnlyReason)."
                problems[problem] = refused[key]
                continue
            }
            let value: JSON
            do {
                let currency = schema.currencyKey(of: key).flatMap { text[$0].map(JSON.string) ?? base[$0] }
                value = Self.named(try parser.parse(text[key]!, for: field, current: Self.withCurrency(base[key], currency)), names[key])
            } catch {
                refused[key] = error.description
                problems[problem] = error.description
                continue
            }
            problems[problem] = nil
            edits.removeAll { $0.key == key }
            if !Self.same(key, value, schema: schema, base: base) {
                edits.append(FieldEdit(key: key, title: field.title, old: base[key] ?? .null, new: value))
            }
        }
        edits.sort { a, b in (schema.fields.firstIndex { $0.key == a.key } ?? .max) < (schema.fields.firstIndex { $0.key == b.key } ?? .max) }
        switch (index, edits.isEmpty) {
        case (let index?, true): changes.remove(at: index)
        case (let index?, false):
            changes[index].kind = .update(base: base, edits: edits)
            changes[index].failure = nil
        case (nil, false): append(resource, .update(base: base, edits: edits))
        case (nil, true): break
        }
        return refused
    }

    /// Stages a new record from what the user typed in the form. Every field is parsed and the
    /// resource's required fields are checked; with any refusal nothing is staged and the refusals come
    /// back by field key (also in `problems`). Returns the staged change's id when staged.
    public mutating func create(
        in schema: Schema, text: [String: String], parser: ValueParser = ValueParser(), names: [String: String] = [:]
    ) -> Result<Int, FormRefusal> {
        let resource = schema.resource.name
        var refused: [String: String] = [:], values: [String: JSON] = [:]
        if schema.resource.action(named: "Create") == nil {
            return .failure(FormRefusal(fields: [:], message: "\(resource) records cannot be created."))
        }
        for key in text.keys.sorted() {
            guard let field = schema.field(key) else {
                refused[key] = "\(resource) has no field \"\(Sanitize.inline(key))\"."
                continue
            }
            guard field.isCreatable else {
                refused[key] = "\(field.title): \(field.readOnlyReason)."
                continue
            }
            do {
                let currency = schema.currencyKey(of: key).flatMap { text[$0].map(JSON.string) }
                let value = Self.named(try parser.parse(text[key]!, for: field, current: Self.withCurrency(nil, currency)), names[key])
                if value != .null { values[key] = value }
            } catch {
                refused[key] = error.description
            }
        }
        for field in schema.fields where field.isRequired(in: values) && field.isCreatable && values[field.key] == nil && refused[field.key] == nil {
            refused[field.key] = "\(field.title): is required."
        }
        for key in Set(problems.keys.filter { $0.resource == resource && $0.record == nil }.map(\.key)) {
            problems[FieldProblem(resource: resource, record: nil, key: key)] = nil
        }
        for (key, reason) in refused { problems[FieldProblem(resource: resource, record: nil, key: key)] = reason }
        guard refused.isEmpty else { return .failure(FormRefusal(fields: refused, message: nil)) }
        return .success(append(resource, .create(values: values)))
    }

    /// An amount's current value with the record's currency where the amount has none (a deal whose value is
    /// empty, a new deal whose Currency is filled): a typed `1500` takes that currency.
    static func withCurrency(_ value: JSON?, _ currency: JSON?) -> JSON? {
        guard value?["currency"] == nil, let code = currency?.stringValue, !code.trimmingCharacters(in: .whitespaces).isEmpty else { return value }
        return ["value": value ?? .null, "currency": .string(code.trimmingCharacters(in: .whitespaces).uppercased())]
    }

    /// A reference picked by name (`names` holds what was picked, by key) kept with its name, as v1 embeds
    /// references (`{value, name}`): the commit view and the staged row show the name; the id is what is sent.
    static func named(_ value: JSON, _ name: String?) -> JSON {
        guard let name, case .int(let id) = value else { return value }
        return ["value": .int(id), "name": .string(name)]
    }

    /// Stages the deletion of loaded records (ids needed). A record already staged for deletion is not
    /// staged twice; its staged edits are dropped. Returns the change's id, nil when nothing was new.
    @discardableResult
    public mutating func delete(_ records: [Record], of resource: Resource) throws(PipedriveError) -> Int? {
        guard resource.action(named: "Delete") != nil else {
            throw PipedriveError(.invalidInput, "\(resource.name) records cannot be deleted.")
        }
        let staged = Set(changes.filter { $0.resource == resource.name }.flatMap(\.deletedIDs))
        var seen = Set<RecordID>(), fresh: [Record] = []
        for record in records {
            guard let id = record.id else { throw PipedriveError(.invalidInput, "A record without an id cannot be deleted.") }
            if !staged.contains(id), seen.insert(id).inserted { fresh.append(record) }
        }
        guard !fresh.isEmpty else { return nil }
        changes.removeAll { $0.resource == resource.name && $0.recordID.map(seen.contains) == true }
        return append(resource.name, .delete(records: fresh))
    }

    /// Drops a staged change.
    public mutating func remove(_ id: Int) {
        changes.removeAll { $0.id == id }
    }

    /// Drops one field of a staged update (the change goes with its last field).
    public mutating func remove(_ id: Int, field key: String) {
        guard let index = changes.firstIndex(where: { $0.id == id }), case .update(let base, var edits) = changes[index].kind else { return }
        edits.removeAll { $0.key == key }
        if edits.isEmpty { changes.remove(at: index) } else { changes[index].kind = .update(base: base, edits: edits) }
    }

    public mutating func removeAll() {
        changes.removeAll()
        problems.removeAll()
    }

    // MARK: Conflicts and outcomes

    /// Settles a conflict reported by a commit, for that record.
    public mutating func resolve(_ id: Int, _ resolution: ConflictResolution) {
        guard let index = changes.firstIndex(where: { $0.id == id }), let conflict = changes[index].conflict,
            case .update(_, let edits) = changes[index].kind
        else { return }
        switch resolution {
        case .overwrite:
            // Rebased on theirs, so the next commit's check passes unless it changes again.
            let rebased = edits.map { FieldEdit(key: $0.key, title: $0.title, old: conflict.theirs[$0.key] ?? .null, new: $0.new) }
            changes[index].kind = .update(base: conflict.theirs, edits: rebased)
            changes[index].conflict = nil
            changes[index].failure = nil
            changes[index].isHeld = false
        case .takeTheirs:
            changes.remove(at: index)
        case .skip:
            changes[index].isHeld = true
        }
    }

    /// Leaves a change out of commits (`true`), or lets it go again once the user has checked it (a
    /// change whose outcome was unknown, or one skipped on a conflict).
    public mutating func hold(_ id: Int, _ held: Bool) {
        guard let index = changes.firstIndex(where: { $0.id == id }) else { return }
        changes[index].isHeld = held
        if !held, changes[index].conflict == nil { changes[index].failure = nil }
    }

    /// Takes a commit's outcomes in (a dry run's changes nothing).
    public mutating func apply(_ report: CommitReport) {
        guard !report.isDryRun else { return }
        for outcome in report.outcomes { apply(outcome) }
    }

    /// Takes one outcome in: a done change leaves, a failed one stays with Pipedrive's message (a
    /// deletion keeps only the records not deleted), a conflict stays with theirs and yours, and a change
    /// that may or may not have been done is held.
    public mutating func apply(_ outcome: ChangeOutcome) {
        guard let index = changes.firstIndex(where: { $0.id == outcome.changeID }) else { return }
        if case .unknown = outcome.result {} else { changes[index].attempt = nil }
        switch outcome.result {
        case .done:
            changes.remove(at: index)
            return
        case .failed(let message, let doneIDs):
            changes[index].failure = message
            if case .delete(let records) = changes[index].kind, !doneIDs.isEmpty {
                changes[index].kind = .delete(records: records.filter { !doneIDs.contains($0.id!) })
            }
        case .conflict(let conflict):
            changes[index].conflict = conflict
            changes[index].failure = "Changed on Pipedrive since it was loaded."
        case .unknown(let message):
            changes[index].failure = message
            changes[index].isHeld = true
            return
        }
        changes[index].isHeld = false
    }

    /// Takes in what reading Pipedrive found of an attempt whose outcome was unknown: done leaves (see
    /// `apply`); not done, or a deletion done only for `doneIDs`, stays held with `message` until the user
    /// includes it again, so it is sent only on the user's word.
    mutating func settle(_ id: Int, notDone message: String, doneIDs: [RecordID]) {
        guard let index = changes.firstIndex(where: { $0.id == id }) else { return }
        changes[index].attempt = nil
        changes[index].isHeld = true
        changes[index].failure = message
        if case .delete(let records) = changes[index].kind, !doneIDs.isEmpty {
            changes[index].kind = .delete(records: records.filter { !doneIDs.contains($0.id!) })
        }
    }

    /// Marks a change as being sent: should the process die before its outcome is known, the change is
    /// found held on the next start, with the attempt to settle by reading, instead of being sent again.
    mutating func markSending(_ id: Int, attempt: StagedChange.Attempt) {
        guard let index = changes.firstIndex(where: { $0.id == id }) else { return }
        changes[index].attempt = attempt
        changes[index].isHeld = true
        changes[index].failure =
            "pdtui stopped while this was being sent: it may or may not have been done. The next commit checks Pipedrive first."
    }

    // MARK: Confirmation

    /// The records the staged deletions remove (held changes left out).
    public var deleteCount: Int { changes.filter { !$0.isHeld }.reduce(0) { $0 + $1.deletedIDs.count } }

    /// Refuses a commit deleting more than `confirmationThreshold` records unless `typed` is their count.
    public func checkConfirmation(_ typed: String?) throws(PipedriveError) {
        let count = deleteCount
        guard count > Self.confirmationThreshold else { return }
        guard typed?.trimmingCharacters(in: .whitespaces) == String(count) else {
            throw PipedriveError(
                .invalidInput,
                "This commit deletes \(count) records; type \(count) to confirm." + (typed.map { " (\"\(Sanitize.inline($0))\" was typed.)" } ?? ""))
        }
    }

    // MARK: Helpers

    /// Puts these changes in one new group (a bulk change), labelled as the commit view shows it.
    mutating func group(_ ids: [Int], label: String, shown: [String: String] = [:]) -> ChangeGroup {
        let group = ChangeGroup(id: nextID, label: label, shown: shown)
        nextID += 1
        let members = Set(ids)
        for index in changes.indices where members.contains(changes[index].id) { changes[index].group = group }
        return group
    }

    @discardableResult
    private mutating func append(_ resource: String, _ kind: StagedChange.Kind) -> Int {
        let id = nextID
        nextID += 1
        changes.append(StagedChange(id: id, resource: resource, kind: kind))
        return id
    }

    /// Whether writing `value` over `loaded` would change nothing (as the API encodes both).
    static func same(_ key: String, _ value: JSON, schema: Schema, base: Record) -> Bool {
        var edited = base
        edited[key] = value
        return schema.updateBody(from: base, to: edited, version: .v2) == nil
            && schema.updateBody(from: base, to: edited, version: .v1) == nil
    }
}

/// Why a new record's form was not staged: refusals by field key, or one message for the whole form.
public struct FormRefusal: Error, Sendable, Equatable {
    public let fields: [String: String]
    public let message: String?
}
