import Foundation
import JSONValue

#if canImport(Glibc)
import Glibc
#endif

/// The journal of committed changes: JSON lines, appended and synced to disk (mode 0600), an entry
/// before its calls are sent and its outcome after. It never holds a credential.
public struct Journal: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// `$XDG_STATE_HOME/pdtui/journal.jsonl`.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> Journal {
        Journal(path: StatePaths.journalFile(environment: environment))
    }

    func record(_ entry: JournalEntry) throws(PipedriveError) { try append(entry.intentJSON) }

    func record(_ outcome: JournalOutcome, of id: String) throws(PipedriveError) { try append(outcome.json(id: id)) }

    /// Every entry, oldest first, with its outcome. A line cut short by a crash is skipped.
    public func entries() throws(PipedriveError) -> [JournalEntry] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipedriveError(.configuration, "Cannot read the journal \(path).")
        }
        var entries: [JournalEntry] = [], index: [String: Int] = [:]
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let json = try? JSON(parsing: line) else { continue }
            if let entry = JournalEntry(intent: json) {
                index[entry.id] = entries.count
                entries.append(entry)
            } else if let id = json["id"]?.stringValue, let at = index[id], let outcome = JournalOutcome(json: json) {
                entries[at].outcome = outcome
            }
        }
        return entries
    }

    private func append(_ json: JSON) throws(PipedriveError) {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw PipedriveError(.configuration, "Cannot create \(folder): \(error.localizedDescription).")
        }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure() }
        defer { close(fd) }
        let bytes = json.serialized() + [UInt8(ascii: "\n")]
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard fchmod(fd, 0o600) == 0, written == bytes.count, fsync(fd) == 0 else { throw failure() }
    }

    private func failure() -> PipedriveError {
        PipedriveError(.configuration, "Cannot write the journal \(path): \(String(cString: strerror(errno))).")
    }
}
