import Foundation
import JSONValue

/// How far a commit is: changes with an outcome (each record of a bulk counts) of all, and the seconds it
/// waits for Pipedrive's rate limit before its next call, when it waits.
public struct CommitProgress: Sendable, Equatable {
    public let done: Int
    public let total: Int
    public let waiting: Double?

    public init(done: Int, total: Int, waiting: Double? = nil) {
        self.done = done
        self.total = total
        self.waiting = waiting
    }
}

extension Session {
    /// Records a bulk marks as being sent at a time (one save of the staging file each): should the process
    /// die, at most these are held for the user to check, and a 1,000-record bulk is not saved 1,000 times.
    static let bulkStep = 25

    /// Commits one group of staged updates (a bulk) as one journal entry: every record is read again first
    /// (in batches where the API allows) and a record changed since it was loaded comes back as its own
    /// conflict, unsent; the others go one call each, paced under the burst limit, each with its own
    /// outcome. A rate limit that outlasts the client's waits stops the bulk: the records not sent stay
    /// staged with the reason. The journal's outcome lists the records done, so undo reverts exactly those.
    func commit(
        group planned: [PlannedChange], of staging: inout Staging, schema: Schema, journal: Journal, file: StagingFile?,
        report: inout CommitReport, progress: (@Sendable (CommitProgress) -> Void)?
    ) async throws {
        let total = report.plan.changes.count
        func finish(_ changeID: Int, _ result: ChangeOutcome.Result) {
            let outcome = ChangeOutcome(changeID: changeID, result: result)
            report.outcomes.append(outcome)
            staging.apply(outcome)
            progress?(CommitProgress(done: report.outcomes.count, total: total))
        }
        var updates: [(planned: PlannedChange, base: Record, edits: [FieldEdit])] = []
        for change in planned {
            if case .update(let base, let edits)? = staging.change(change.changeID)?.kind, base.id != nil {
                updates.append((change, base, edits))
            }
        }
        let current = try await currentRecords(updates.map { $0.base.id! }, schema: schema)
        var sending: [(planned: PlannedChange, record: JournaledRecord)] = []
        for update in updates {
            switch current[update.base.id!] {
            case .failure(let error)?:
                finish(update.planned.changeID, .failed(message: error.message, doneIDs: []))
            case .success(let theirs)?:
                if let conflict = Self.conflict(base: update.base, edits: update.edits, theirs: theirs, schema: schema) {
                    finish(update.planned.changeID, .conflict(conflict))
                } else {
                    sending.append((update.planned, JournaledRecord(
                        id: update.base.id, before: Self.values(update.edits.map { ($0.key, $0.old) }),
                        after: Self.values(update.edits.map { ($0.key, $0.new) }))))
                }
            case nil:
                finish(update.planned.changeID, .failed(message: "\(schema.resource.name) \(update.base.id!) was not found.", doneIDs: []))
            }
        }
        defer { try? file?.save(staging) }
        guard !sending.isEmpty else { return }
        let entry = JournalEntry(
            id: UUID().uuidString, time: Self.now(), profile: settings.profileName, account: settings.baseURL.absoluteString,
            resource: schema.resource.name, kind: .update, records: sending.map(\.record),
            requests: sending.flatMap(\.planned.requests).map(\.line), titles: JournalEntry.titles(of: sending.map(\.record), schema: schema))
        do {
            try journal.record(entry)
        } catch {
            for item in sending { finish(item.planned.changeID, .failed(message: "Not sent: \(error.message)", doneIDs: [])) }
            return
        }
        var done: [RecordID] = [], problems: [(status: JournalOutcome.Status, message: String)] = [], stopped: String?
        var pacer = BurstPacer()
        let budget = client.rateLimit
        if let limit = budget.burstLimit, let remaining = budget.burstRemaining {
            pacer.record(now: Self.clock(), count: limit - remaining)
        }
        for (index, item) in sending.enumerated() {
            if let stopped {
                finish(item.planned.changeID, .failed(message: stopped, doneIDs: []))
                continue
            }
            if index % Self.bulkStep == 0 {
                let attempt = StagedChange.Attempt(journalID: entry.id, time: Self.now())
                for next in sending[index..<min(index + Self.bulkStep, sending.count)] { staging.markSending(next.planned.changeID, attempt: attempt) }
                try file?.save(staging)
            }
            let result: ChangeOutcome.Result
            do {
                for request in item.planned.requests {
                    try await pace(&pacer, progress: progress, done: report.outcomes.count, total: total)
                    report.sent.append(request)
                    _ = try await client.send(request)
                }
                done.append(item.record.id!)
                result = .done(created: [])
            } catch let error as PipedriveError {
                if case .rateLimited = error.kind { stopped = "Not sent: the bulk stopped at a rate limit (\(error.message))" }
                problems.append((error.kind == .outcomeUnknown ? .unknown : .failed, error.message))
                result = error.kind == .outcomeUnknown ? .unknown(message: error.message) : .failed(message: error.message, doneIDs: [])
            }
            finish(item.planned.changeID, result)
        }
        let status: JournalOutcome.Status = problems.isEmpty ? .done : problems.contains { $0.status == .unknown } ? .unknown : .failed
        let message = problems.first.map { "\(sending.count - done.count) of \(sending.count) not done: \($0.message)" }
        try? journal.record(
            JournalOutcome(time: Self.now(), status: status, message: message, doneIDs: status == .done ? [] : done), of: entry.id)
    }

    /// Waits until the next call fits under the burst limit the latest answer announced, and until its
    /// window resets when the answer said none is left (calls the pacer did not see: retries, other clients).
    private func pace(
        _ pacer: inout BurstPacer, progress: (@Sendable (CommitProgress) -> Void)?, done: Int, total: Int
    ) async throws {
        let budget = client.rateLimit
        guard let limit = budget.burstLimit else { return }
        var wait = pacer.delay(now: Self.clock(), limit: limit)
        if budget.burstRemaining == 0, let reset = budget.burstReset { wait = max(wait, reset) }
        if wait > 0 {
            progress?(CommitProgress(done: done, total: total, waiting: wait))
            try await PipedriveClient.sleep(wait)
        }
        pacer.record(now: Self.clock())
    }

    /// Seconds on a monotonic clock.
    static func clock() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }
}
