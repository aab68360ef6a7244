import Foundation
import JSONValue

extension Session {
    /// Commits the staged changes in order, taking each outcome into `staging` as it comes (see
    /// `Staging.apply`) and saving `staging` to `file` before and after each change is sent.
    ///
    /// - A read-only connection refuses before anything (a dry run is allowed: it sends nothing).
    /// - Deleting more than `Staging.confirmationThreshold` records needs `confirmation` to be the count.
    /// - Before an update the record is read again; if its `update_time` or a field being written moved
    ///   since it was loaded, the change is not sent and comes back as a conflict to resolve.
    /// - Each change is journaled before its calls are sent, then its outcome; a change that cannot be
    ///   journaled is not sent.
    /// - A failed call leaves its change staged with Pipedrive's message; the other changes go ahead.
    /// - A change whose last send has an unknown outcome (no answer, or the process died meanwhile) is
    ///   never sent again blindly: this commit first reads Pipedrive (see `reconcile`); done, it leaves
    ///   staging and the journal says so with its id; not done, it stays held until the user includes it.
    /// - `dryRun`: the plan's calls are returned and nothing at all is sent.
    /// - A group of changes (a bulk) goes as one, where its first change stands (see `commit(group:)`).
    /// - `progress` hears of each outcome, and of each wait for the rate limit.
    @discardableResult
    public func commit(
        _ staging: inout Staging, confirmation: String? = nil, dryRun: Bool = false, journal: Journal = .standard(),
        file: StagingFile? = nil, progress: (@Sendable (CommitProgress) -> Void)? = nil
    ) async throws -> CommitReport {
        if !dryRun { try refuseIfReadOnly() }
        try staging.checkConfirmation(confirmation)
        let schemas = try await schemas(for: staging.changes.map(\.resource))
        var settled: [ChangeOutcome] = []
        if !dryRun {
            for change in staging.changes where change.attempt != nil {
                guard let schema = schemas[change.resource] else { continue }
                settled.append(try await reconcile(change, in: &staging, schema: schema, journal: journal))
                try file?.save(staging)
            }
        }
        let plan = try plan(staging, schemas: schemas)
        var report = CommitReport(plan: plan, isDryRun: dryRun, outcomes: settled, sent: [])
        guard !dryRun else { return report }
        var committedGroups: Set<Int> = []
        for planned in plan.changes {
            guard let change = staging.change(planned.changeID), let schema = schemas[planned.resource] else { continue }
            if let group = change.group {
                guard committedGroups.insert(group.id).inserted else { continue }
                let members = plan.changes.filter { staging.change($0.changeID)?.group == group }
                try await commit(group: members, of: &staging, schema: schema, journal: journal, file: file, report: &report, progress: progress)
                continue
            }
            let attempt = StagedChange.Attempt(journalID: UUID().uuidString, time: Self.now())
            staging.markSending(change.id, attempt: attempt)
            try file?.save(staging)
            let result = try await perform(planned, change: change, attempt: attempt, schema: schema, journal: journal, sent: &report.sent)
            let outcome = ChangeOutcome(changeID: planned.changeID, result: result)
            report.outcomes.append(outcome)
            staging.apply(outcome)
            try file?.save(staging)
            progress?(CommitProgress(done: report.outcomes.count, total: plan.changes.count))
        }
        return report
    }

    /// Commits a copy of `staging` (to preview with `dryRun`, or to apply the report later).
    public func commit(
        _ staging: Staging, confirmation: String? = nil, dryRun: Bool = false, journal: Journal = .standard()
    ) async throws -> CommitReport {
        var copy = staging
        return try await commit(&copy, confirmation: confirmation, dryRun: dryRun, journal: journal)
    }

    /// Refuses any write on a read-only connection (profile `read_only`, or `--read-only`).
    public func refuseIfReadOnly() throws(PipedriveError) {
        guard settings.readOnly else { return }
        let which = settings.profileName.map { "Profile \"\($0)\" is" } ?? "This connection is"
        throw PipedriveError(
            .configuration,
            "\(which) read-only: nothing was sent. Drop --read-only, or set read_only to false in the profile, to write.")
    }

    // MARK: One change

    private func perform(
        _ planned: PlannedChange, change: StagedChange, attempt: StagedChange.Attempt, schema: Schema, journal: Journal,
        sent: inout [APIRequest]
    ) async throws -> ChangeOutcome.Result {
        var records: [JournaledRecord]
        switch change.kind {
        case .update(let base, let edits):
            let theirs: Record
            do {
                theirs = try await reread(base, schema: schema)
            } catch let error as PipedriveError {
                return .failed(message: error.message, doneIDs: [])
            }
            if let conflict = Self.conflict(base: base, edits: edits, theirs: theirs, schema: schema) {
                return .conflict(conflict)
            }
            records = [JournaledRecord(
                id: base.id, before: Self.values(edits.map { ($0.key, $0.old) }), after: Self.values(edits.map { ($0.key, $0.new) }))]
        case .create(let values):
            records = [JournaledRecord(id: nil, before: [:], after: values)]
        case .delete(let deleted):
            records = deleted.map { JournaledRecord(id: $0.id, before: $0.values, after: [:]) }
        }
        return try await send(
            planned.requests, kind: planned.kind, resource: planned.resource, records: records, undoes: nil,
            schema: schema, journal: journal, sent: &sent, attempt: attempt)
    }

    /// Journals the change, sends its calls in order (never repeating one that may have been done), and
    /// journals the outcome.
    /// A 2xx is done whatever its body; a create whose answer named no id is looked for by reading, so the
    /// journal has its id (and undo can remove it).
    func send(
        _ requests: [APIRequest], kind: ActionKind, resource: String, records: [JournaledRecord], undoes: String?,
        schema: Schema, journal: Journal, sent: inout [APIRequest],
        attempt: StagedChange.Attempt = StagedChange.Attempt(journalID: UUID().uuidString, time: Session.now())
    ) async throws -> ChangeOutcome.Result {
        let entry = JournalEntry(
            id: attempt.journalID, time: attempt.time, profile: settings.profileName, account: settings.baseURL.absoluteString,
            resource: resource, kind: kind, records: records, requests: requests.map(\.line), undoes: undoes,
            titles: JournalEntry.titles(of: records, schema: schema))
        do {
            try journal.record(entry)
        } catch {
            return .failed(message: "Not sent: \(error.message)", doneIDs: [])
        }
        var done: [RecordID] = [], created: [Record] = []
        for request in requests {
            do {
                sent.append(request)
                let response = try await client.send(request)
                if kind == .create {
                    var record = schema.record(from: Extraction.data.rows(from: response.json).first ?? .null)
                    if record.id == nil, let values = records.first?.after {
                        record = (try? await findCreated(values, schema: schema, since: attempt.time)) ?? record
                    }
                    created.append(record)
                }
                done += requests.count == 1 ? records.compactMap(\.id) : records.compactMap(\.id).filter { request.path.hasSuffix("/\($0)") }
            } catch let error as PipedriveError {
                let unknown = error.kind == .outcomeUnknown
                try? journal.record(
                    JournalOutcome(time: Self.now(), status: unknown ? .unknown : .failed, message: error.message, doneIDs: done),
                    of: entry.id)
                return unknown ? .unknown(message: error.message) : .failed(message: error.message, doneIDs: done)
            }
        }
        try? journal.record(JournalOutcome(time: Self.now(), status: .done, createdIDs: created.compactMap(\.id)), of: entry.id)
        return .done(created: created)
    }

    /// The record as Pipedrive has it now: GET on the update's own path, in the update's version.
    public func reread(_ record: Record, schema: Schema) async throws -> Record {
        let action = try writeAction(.update, of: schema.resource)
        guard var request = try resolve(action, CallInput(item: record, body: [:])).requests.first else {
            throw PipedriveError(.invalidInput, "\(schema.resource.name) has no record path to read.")
        }
        request.method = .get
        request.body = nil
        let response = try await client.send(request)
        let read = schema.record(from: Extraction.data.rows(from: response.json).first ?? .null)
        // v2 answers a deleted record by id for 30 days, flagged: it is gone, never a live record to edit.
        if read["is_deleted"] == true || read["deleted"] == true {
            throw PipedriveError(.notFound, "\(schema.resource.name) \(record.id?.description ?? "") was deleted in Pipedrive.")
        }
        return read
    }

    /// A conflict when `theirs` moved since `base` was loaded: its `update_time` (when the loaded record
    /// had one), or a field being written.
    static func conflict(base: Record, edits: [FieldEdit], theirs: Record, schema: Schema) -> Conflict? {
        let fields = edits.map(\.key).filter { key in !Staging.same(key, theirs[key] ?? .null, schema: schema, base: base) }
        let touched = base["update_time"] != nil && !sameMoment(base["update_time"], theirs["update_time"])
        guard fields.isEmpty, !touched else {
            let edited = Set(edits.map(\.key))
            let others = schema.fields.filter(\.isWritable).map(\.key).filter { key in
                key != "update_time" && !edited.contains(key) && base[key] != nil && !Staging.same(key, theirs[key] ?? .null, schema: schema, base: base)
            }
            return Conflict(theirs: theirs, yours: values(edits.map { ($0.key, $0.new) }), fields: fields, others: others)
        }
        return nil
    }

    /// v1 and v2 write the same moment differently.
    static func sameMoment(_ a: JSON?, _ b: JSON?) -> Bool {
        if let a = a?.stringValue.flatMap(Moment.seconds(parsing:)), let b = b?.stringValue.flatMap(Moment.seconds(parsing:)) {
            return a == b
        }
        return (a ?? .null) == (b ?? .null)
    }

    static func values(_ pairs: [(String, JSON)]) -> [String: JSON] {
        Dictionary(pairs, uniquingKeysWith: { _, last in last })
    }

    static func now() -> Int { Int(Date().timeIntervalSince1970) }
}
