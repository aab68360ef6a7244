import ArgumentParser
import Foundation
import PipedriveEngine

/// `pdtui undo`: reverts the last committed change on this connection by its compensating call.
struct UndoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Revert the last committed change (see pdtui journal; asks first on a terminal, --yes otherwise).",
        discussion: """
            An update writes the old values back (refused if the record changed since), a delete re-creates \
            the records (they get new ids), a create deletes the record. The undo is journaled too. It first \
            shows the change and the calls that revert it and asks; without a terminal it needs --yes.
              pdtui undo --dry-run      # show the calls, send nothing
              pdtui undo --yes          # undo without asking
            """)

    @Flag(help: "Show the calls that would be made; send nothing.")
    var dryRun = false

    @Flag(help: "Undo without asking.")
    var yes = false

    @Flag(help: "Refuse every write.")
    var readOnly = false

    @Option(help: "v1 or v2 (default: v2 where Pipedrive moved the call).")
    var api: APIVersion?

    @OptionGroup var account: AccountOptions

    func run() async throws {
        checkJournal()
        try await reporting(of: Self.self) {
            var settings = try account.settings()
            settings.readOnly = settings.readOnly || readOnly
            let session = Session(settings: settings, apiVersion: api)
            if !dryRun, !yes, !settings.readOnly {
                // What it will do, then the question; nothing is sent before the answer.
                guard isatty(STDIN_FILENO) == 1 else {
                    throw PipedriveError(.invalidInput, "Nothing was undone: stdin is not a terminal to ask on; give --yes to undo without asking.")
                }
                let plan = try await session.undo(dryRun: true)
                print(Self.heading("Undo", plan))
                for request in plan.requests { print("  " + request.line) }
                print("Type yes to undo: ", terminator: "")
                guard readLine(strippingNewline: true)?.lowercased() == "yes" else {
                    print("Nothing was undone.")
                    throw ExitCode(1)
                }
            }
            let report = try await session.undo(dryRun: dryRun)
            print(Self.heading(dryRun ? "Would undo" : "Undoing", report))
            for request in report.requests { print("  " + request.line) }
            switch report.outcome {
            case .done?:
                for (old, new) in report.recreated { print("Re-created \(report.target.resource) \(old) as \(new).") }
                print("Undone.")
            case .failed(let message, _)?, .unknown(let message)?:
                FileHandle.standardError.write(Data("pdtui: \(message)\n".utf8))
                throw ExitCode(1)
            case .conflict?, nil:
                break
            }
        }
    }

    /// `Undoing: update deals 7 (2026-12-07 10:00:00 UTC)`.
    static func heading(_ verb: String, _ report: UndoReport) -> String {
        let target = report.target.listing
        return "\(verb): \(target[2]) \(target[3]) (\(target[0]) UTC)"
    }
}
