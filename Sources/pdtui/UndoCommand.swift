import ArgumentParser
import Foundation
import PipedriveEngine

/// `pdtui undo`: reverts the last committed change on this connection by its compensating call.
struct UndoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Revert the last committed change (see pdtui journal).",
        discussion: """
            An update writes the old values back (refused if the record changed since), a delete re-creates \
            the records (they get new ids), a create deletes the record. The undo is journaled too.
              pdtui undo --dry-run      # show the calls, send nothing
            """)

    @Flag(help: "Show the calls that would be made; send nothing.")
    var dryRun = false

    @Flag(help: "Refuse every write.")
    var readOnly = false

    @Option(help: "v1 or v2 (default: v2 where Pipedrive moved the call).")
    var api: APIVersion?

    @OptionGroup var account: AccountOptions

    func run() async throws {
        checkJournal()
        try await reporting {
            var settings = try account.settings()
            settings.readOnly = settings.readOnly || readOnly
            let report = try await Session(settings: settings, apiVersion: api).undo(dryRun: dryRun)
            let target = report.target.listing
            print((dryRun ? "Would undo: " : "Undoing: ") + "\(target[2]) \(target[3]) (\(target[0]) UTC)")
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
}
