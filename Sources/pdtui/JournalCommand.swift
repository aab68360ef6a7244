import ArgumentParser
import Foundation
import PipedriveEngine

/// `pdtui journal`: what was committed, newest last.
struct JournalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "List the committed changes (time, profile, resource, records, fields, outcome).",
        discussion: "The journal is $XDG_STATE_HOME/pdtui/journal.jsonl (else ~/.local/state/pdtui/journal.jsonl).")

    @Option(help: "Only this profile's changes.")
    var profile: String?

    @Option(help: "The most recent entries to list.")
    var limit: Int?

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more.") }
    }

    func run() throws {
        let journal = Journal.standard()
        checkJournal(journal)
        try reporting(of: Self.self) { try list(journal) }
    }

    private func list(_ journal: Journal) throws(PipedriveError) {
        let entries = try journal.entries().filter { profile == nil || $0.profile == profile }
        guard !entries.isEmpty else {
            print("No changes in \(journal.path).")
            return
        }
        let rows = [["TIME (UTC)", "PROFILE", "CHANGE", "RECORDS", "FIELDS", "OUTCOME"]]
            + entries.suffix(limit ?? entries.count).map(\.listing)
        let widths = (0..<5).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let padded = (0..<5).map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
            print((padded + [row[5]]).joined(separator: "  "))
        }
    }
}
