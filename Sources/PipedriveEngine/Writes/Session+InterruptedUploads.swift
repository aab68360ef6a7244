import Foundation
import JSONValue

extension Session {
    /// Settles uploads that pdtui was sending when it died (journaled, no outcome), or whose outcome was left
    /// unknown because Pipedrive could not be read then, by reading Pipedrive, never by sending again: a file on the record with the same name and size added since the attempt is done
    /// (journaled with its id, so `undo` deletes it); none is not uploaded. Only this connection's entries are
    /// looked at. Returns a sentence per upload settled, or still unknown when Pipedrive could not be read.
    public func settleInterruptedUploads(journal: Journal) async -> [String] {
        guard let entries = try? journal.entries() else { return [] }
        let interrupted = entries.filter {
            $0.resource == "files" && $0.kind == .create && ($0.outcome == nil || $0.outcome?.status == .unknown) && $0.records.count == 1
                && $0.account == settings.baseURL.absoluteString && $0.profile == settings.profileName
        }
        guard !interrupted.isEmpty, let schema = try? await schema(of: try resource(named: "files")) else { return [] }
        var sentences: [String] = []
        for entry in interrupted {
            let after = entry.records[0].after
            let name = Sanitize.inline(after["file_name"]?.stringValue ?? "a file", limit: 80)
            let why = entry.outcome == nil ? "cut off when pdtui stopped" : "left unknown"
            do {
                if let found = try await findCreated(after, schema: schema, since: entry.time) {
                    let message = "Checked on Pipedrive (\(why)): it was done."
                    try? journal.record(JournalOutcome(time: Self.now(), status: .done, message: message, createdIDs: found.id.map { [$0] } ?? []), of: entry.id)
                    sentences.append("The upload of \(name) \(why) was done (file \(found.id.map(\.description) ?? "?")).")
                } else {
                    let message = "Checked on Pipedrive (\(why)): the file was not uploaded."
                    try? journal.record(JournalOutcome(time: Self.now(), status: .failed, message: message), of: entry.id)
                    sentences.append("The upload of \(name) \(why) was not done: upload it again to send it.")
                }
            } catch {
                sentences.append("The upload of \(name) \(why) is still unknown: reading Pipedrive failed (\(describe(error))).")
            }
        }
        return sentences
    }
}
