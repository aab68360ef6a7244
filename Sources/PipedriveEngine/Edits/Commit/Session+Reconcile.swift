import Foundation
import JSONValue

extension Session {
    /// Settles a change whose last send has an unknown outcome by reading Pipedrive, never by sending it:
    /// an update by reading the record and comparing the fields sent, a delete by reading each id, a create
    /// by looking for a record with the values sent, added since the attempt. The finding goes into the
    /// journal (done with its ids, or not done) and into `staging` (done leaves; not done stays held with a
    /// sentence, to be sent again only when the user includes it). When Pipedrive cannot be read, the
    /// change stays as it was, unknown.
    func reconcile(_ change: StagedChange, in staging: inout Staging, schema: Schema, journal: Journal) async throws -> ChangeOutcome {
        guard let attempt = change.attempt else { return ChangeOutcome(changeID: change.id, result: .done(created: [])) }
        let summary = "\(change.kindName) \(change.resource)"
        let finding: Finding
        do {
            finding = try await find(change, since: attempt.time, schema: schema)
        } catch let error as PipedriveError {
            let message = "\(summary): whether it was done is still unknown; reading Pipedrive to check failed: \(error.message)"
            return ChangeOutcome(changeID: change.id, result: .unknown(message: message))
        }
        switch finding {
        case .done(let created):
            try? journal.record(
                JournalOutcome(time: Self.now(), status: .done, message: "Checked on Pipedrive: it was done.", createdIDs: created.compactMap(\.id)),
                of: attempt.journalID)
            let outcome = ChangeOutcome(changeID: change.id, result: .done(created: created))
            staging.apply(outcome)
            return outcome
        case .notDone(let doneIDs):
            let what = doneIDs.isEmpty ? "it was not done" : "only \(doneIDs.map(\.description).joined(separator: ", ")) were deleted"
            let message = "Checked on Pipedrive: \(what). It is held; include it again (Space) to send it."
            try? journal.record(
                JournalOutcome(time: Self.now(), status: .failed, message: message, doneIDs: doneIDs), of: attempt.journalID)
            staging.settle(change.id, notDone: message, doneIDs: doneIDs)
            return ChangeOutcome(changeID: change.id, result: .failed(message: "\(summary): \(message)", doneIDs: doneIDs))
        }
    }

    enum Finding {
        case done(created: [Record])
        /// Not done, or (a deletion) done only for `doneIDs`.
        case notDone(doneIDs: [RecordID])
    }

    private func find(_ change: StagedChange, since: Int, schema: Schema) async throws -> Finding {
        switch change.kind {
        case .update(let base, let edits):
            let theirs = try await reread(base, schema: schema)
            let applied = edits.allSatisfy { Staging.same($0.key, $0.new, schema: schema, base: theirs) }
            return applied ? .done(created: []) : .notDone(doneIDs: [])
        case .delete(let records):
            var gone: [RecordID] = []
            for record in records {
                do {
                    let theirs = try await reread(record, schema: schema)
                    // v1 keeps a deleted record readable, flagged.
                    if theirs["is_deleted"] == true || theirs["active_flag"] == false { gone.append(record.id!) }
                } catch let error as PipedriveError where error.kind == .notFound {
                    gone.append(record.id!)
                }
            }
            return gone.count == records.count ? .done(created: []) : .notDone(doneIDs: gone)
        case .create(let values):
            guard let found = try await findCreated(values, schema: schema, since: since) else { return .notDone(doneIDs: []) }
            return .done(created: [found])
        }
    }

    /// The newest record of the resource holding every value in `values`, added at or after `since` (a
    /// minute's slack for clocks), or nil. v2 lists are read newest first and stop at `since`; v1 lists are
    /// read to the end (at most `maxPages`).
    func findCreated(_ values: [String: JSON], schema: Schema, since: Int, maxPages: Int = 200) async throws -> Record? {
        let resource = schema.resource
        guard let action = resource.actions.first(where: { $0.kind == .read && $0.name == "Read" }),
            var request = try resolve(action, CallInput()).requests.first
        else { return nil }
        let cutoff = since - 60
        let sorted = request.version == .v2
        if sorted {
            request.query += [QueryItem("sort_by", "add_time"), QueryItem("sort_direction", "desc")]
        }
        let extraction = (try? resolve(action, CallInput()))?.extraction ?? .data
        var newest: Record?
        var pages = 0
        for try await page in PageSequence(client: client, request: request, extraction: extraction, prefetch: false) {
            pages += 1
            for row in page.rows {
                let record = schema.record(from: row)
                let added = (record["add_time"]?.stringValue).flatMap(Moment.seconds(parsing:))
                guard let added, added >= cutoff else {
                    if sorted, added != nil { return newest }
                    continue
                }
                // Equal as stored, or (a writable field) equal as the API writes it.
                let matches = values.allSatisfy { key, value in
                    record[key] == value || (schema.field(key)?.isWritable == true && Staging.same(key, value, schema: schema, base: record))
                }
                if matches, record.id != nil, newest == nil || added > ((newest?["add_time"]?.stringValue).flatMap(Moment.seconds(parsing:)) ?? 0) {
                    newest = record
                }
            }
            if pages >= maxPages { break }
        }
        return newest
    }
}

extension StagedChange {
    /// `update`, `create`, `delete`.
    var kindName: String {
        switch kind {
        case .update: "update"
        case .create: "create"
        case .delete: "delete"
        }
    }
}
