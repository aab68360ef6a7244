import JSONValue

/// What `undo` did (or, for a dry run, would do).
public struct UndoReport: Sendable, Equatable {
    /// The change reverted.
    public let target: JournalEntry
    /// The compensating calls, in order.
    public let requests: [APIRequest]
    public let isDryRun: Bool
    /// nil for a dry run.
    public let outcome: ChangeOutcome.Result?
    /// Records a reverted delete re-created: the old id and the id Pipedrive gave the new record.
    public let recreated: [(old: RecordID, new: RecordID)]

    public static func == (a: UndoReport, b: UndoReport) -> Bool {
        a.target == b.target && a.requests == b.requests && a.isDryRun == b.isDryRun && a.outcome == b.outcome
            && a.recreated.map(\.old) == b.recreated.map(\.old) && a.recreated.map(\.new) == b.recreated.map(\.new)
    }
}

extension Session {
    /// The journal's entries for this connection (profile and company), oldest first.
    public func journalEntries(in journal: Journal = .standard()) throws(PipedriveError) -> [JournalEntry] {
        try journal.entries().filter { $0.account == settings.baseURL.absoluteString && $0.profile == settings.profileName }
    }

    /// The last change made on this connection that took effect and is not undone yet; undos
    /// themselves are not undone.
    public func lastUndoable(in journal: Journal = .standard()) throws(PipedriveError) -> JournalEntry? {
        let entries = try journalEntries(in: journal)
        return entries.last { Self.whyNotUndoable($0, among: entries) == nil }
    }

    /// Why an entry cannot be undone (nil when it can): an undo, a change that took no effect, or one
    /// undone already. A record changed since is found only when undoing, by reading it.
    public static func whyNotUndoable(_ entry: JournalEntry, among entries: [JournalEntry]) -> String? {
        if entry.undoes != nil { return "it is itself an undo" }
        if entry.kind == .read { return "a read changes nothing" }
        if entry.doneIDs.isEmpty { return entry.outcome == nil ? "its outcome is unknown" : "it took no effect" }
        if entries.contains(where: { $0.undoes == entry.id && $0.outcome?.status == .done }) { return "it is undone already" }
        return nil
    }

    /// Reverts a change by its compensating call: the one with id `entryID`, else the last undoable
    /// one. An update writes the old values back (refused when the record changed since), a delete
    /// re-creates the records from the journaled values (new ids), a create deletes the record. The
    /// undo is journaled like any commit.
    public func undo(entryID: String? = nil, journal: Journal = .standard(), dryRun: Bool = false) async throws -> UndoReport {
        if !dryRun { try refuseIfReadOnly() }
        let target: JournalEntry
        if let entryID {
            let entries = try journalEntries(in: journal)
            guard let entry = entries.first(where: { $0.id == entryID }) else {
                throw PipedriveError(.invalidInput, "No change \(entryID) for \(settings.baseURL.absoluteString) in \(journal.path).")
            }
            if let reason = Self.whyNotUndoable(entry, among: entries) {
                throw PipedriveError(.invalidInput, "That change cannot be undone: \(reason).")
            }
            target = entry
        } else {
            guard let last = try lastUndoable(in: journal) else {
                throw PipedriveError(.invalidInput, "Nothing to undo for \(settings.baseURL.absoluteString) in \(journal.path).")
            }
            target = last
        }
        let resource = try self.resource(named: target.resource)
        let schema = try await self.schema(of: resource)
        let done = Set(target.doneIDs)
        let kind: ActionKind, requests: [APIRequest], records: [JournaledRecord]
        switch target.kind {
        case .update:
            kind = .update
            records = target.records.filter { $0.id.map(done.contains) == true }
                .map { JournaledRecord(id: $0.id, before: $0.after, after: $0.before) }
            let action = try writeAction(.update, of: resource)
            var calls: [APIRequest] = []
            for record in records {
                let now = Record(id: record.id, values: record.before), back = Record(id: record.id, values: record.after)
                if !dryRun { try await checkUnchanged(now, schema: schema) }
                guard let body = schema.updateBody(from: now, to: back, version: version(of: action)) else { continue }
                calls += try resolve(action, CallInput(item: now, body: body)).requests
            }
            requests = calls
        case .delete:
            kind = .create
            let action = try writeAction(.create, of: resource)
            records = target.records.filter { $0.id.map(done.contains) == true }.map {
                JournaledRecord(id: $0.id, before: [:], after: schema.recreationValues($0.before, version: version(of: action)))
            }
            requests = try records.flatMap { record throws(PipedriveError) in
                try resolve(action, createInput(record.after, schema: schema, action: action)).requests
            }
        case .create:
            kind = .delete
            records = target.doneIDs.map { JournaledRecord(id: $0, before: [:], after: [:]) }
            requests = try resolve(try writeAction(.delete, of: resource), CallInput(batch: target.doneIDs)).requests
        case .read:
            throw PipedriveError(.invalidInput, "A read cannot be undone.")
        }
        guard !requests.isEmpty else { throw PipedriveError(.invalidInput, "The change has nothing left to revert.") }
        guard !dryRun else {
            return UndoReport(target: target, requests: requests, isDryRun: true, outcome: nil, recreated: [])
        }
        var sent: [APIRequest] = []
        let outcome = try await send(
            requests, kind: kind, resource: target.resource, records: records, undoes: target.id, schema: schema,
            journal: journal, sent: &sent)
        var recreated: [(RecordID, RecordID)] = []
        if case .done(let created) = outcome, target.kind == .delete {
            recreated = zip(records.compactMap(\.id), created.compactMap(\.id)).map { ($0, $1) }
        }
        return UndoReport(target: target, requests: requests, isDryRun: false, outcome: outcome, recreated: recreated)
    }

    /// Refuses to write old values back over a record someone changed after the change being undone.
    private func checkUnchanged(_ expected: Record, schema: Schema) async throws {
        let theirs = try await reread(expected, schema: schema)
        let moved = expected.values.keys.sorted().filter { !Staging.same($0, theirs[$0] ?? .null, schema: schema, base: expected) }
        guard moved.isEmpty else {
            let titles = moved.map { schema.field($0)?.title ?? $0 }.joined(separator: ", ")
            throw PipedriveError(
                .rejected,
                "\(schema.resource.name) \(expected.id?.description ?? "") changed since (\(titles)); not undone, so that change is not lost.")
        }
    }
}
