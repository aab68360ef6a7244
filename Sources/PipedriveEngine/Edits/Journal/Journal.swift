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

    /// Every entry, oldest first, with its outcome. A last line cut short by a crash is skipped; any
    /// other line that is not a journal line makes the journal damaged (see `setAsideIfDamaged`).
    public func entries() throws(PipedriveError) -> [JournalEntry] {
        let contents = try read()
        if let line = contents.damagedLine {
            throw PipedriveError(.configuration, "The journal \(path) is damaged: line \(line) is not a journal entry.")
        }
        return contents.entries
    }

    /// Checks the journal before pdtui uses it. A damaged journal is moved aside (to `….bad-TIME`, kept)
    /// so pdtui goes on with a fresh one; a last line cut short by a crash is moved out of it the same way.
    /// Returns the sentence saying so, or nil when the journal is sound (or absent).
    public func setAsideIfDamaged() -> String? {
        let contents: Contents
        do { contents = try read() } catch { return error.message }
        do throws(PipedriveError) {
            if let line = contents.damagedLine {
                let aside = try SecureFile.setAside(path)
                return "The journal \(path) is damaged (line \(line) is not a journal entry); it was moved to \(aside) and a fresh journal is started."
            }
            guard let cut = contents.cutLine else { return nil }
            let aside = SecureFile.asidePath(for: path)
            try SecureFile.write(cut.bytes, to: aside)
            guard truncate(path, off_t(cut.offset)) == 0 else { throw failure() }
            return "The last line of the journal \(path) was cut short (pdtui ended while writing it); it was moved to \(aside)."
        } catch {
            return "\(error.message) The journal \(path) is damaged; move it away to start a fresh one."
        }
    }

    private struct Contents {
        var entries: [JournalEntry] = []
        /// The first line (from 1) that is not a journal line, bar a cut last line.
        var damagedLine: Int?
        /// A last line without its newline that does not parse: where it starts, and its bytes.
        var cutLine: (offset: Int, bytes: [UInt8])?
    }

    private func read() throws(PipedriveError) -> Contents {
        var contents = Contents()
        guard FileManager.default.fileExists(atPath: path) else { return contents }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipedriveError(.configuration, "Cannot read the journal \(path).")
        }
        let bytes = [UInt8](data)
        var index: [String: Int] = [:], start = 0, number = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let line = bytes[start..<end]
            number += 1
            defer { start = end + 1 }
            let json = try? JSON(parsing: line)
            if let json, let entry = JournalEntry(intent: json) {
                index[entry.id] = contents.entries.count
                contents.entries.append(entry)
            } else if let json, let id = json["id"]?.stringValue, let at = index[id], let outcome = JournalOutcome(json: json) {
                contents.entries[at].outcome = outcome
            } else if end == bytes.count {
                contents.cutLine = (start, Array(line))
            } else if line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") }) {
                contents.damagedLine = contents.damagedLine ?? number
            }
        }
        return contents
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
