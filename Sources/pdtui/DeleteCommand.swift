import ArgumentParser
import Foundation
import PipedriveEngine

/// `pdtui delete`: records deleted in one change (one batch call where Pipedrive has one).
struct DeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete records (asks first on a terminal; --yes otherwise).",
        discussion: """
            The records are read first and journaled, so `pdtui undo` re-creates them (with new ids). On a \
            terminal it names them and asks; without a terminal it needs --yes.
              pdtui delete persons 12,13
              pdtui get deals --format ndjson | jq -c 'select(.status == "lost")' | pdtui delete deals --ids-from - --yes
            """)

    @Argument(help: "The resource, e.g. deals, persons.")
    var resource: String

    @OptionGroup var records: RecordIDs

    @Flag(help: "Delete without asking.")
    var yes = false

    @OptionGroup var options: WriteOptions

    func run() async throws {
        try await options.run(of: Self.self) { session in
            let ids = try records.read()
            let interactive = isatty(STDIN_FILENO) == 1 && records.idsFrom != "-"
            if !yes, !options.dryRun, !interactive {
                throw PipedriveError(.invalidInput, "Nothing was deleted: stdin is not a terminal to ask on; give --yes to delete without asking.")
            }
            let schema = try await session.schema(of: try session.resource(named: resource))
            let loaded = try await session.records(ids, of: schema)
            var staging = Staging()
            try staging.delete(loaded, of: schema.resource)
            if !yes, !options.dryRun {
                let names = loaded.map { record in
                    let name = ["title", "name", "subject"].lazy.compactMap { record[$0]?.stringValue }.first
                    return RowOutput.inert(record.id!.description + (name.map { " \($0)" } ?? ""))
                }
                print("Delete \(loaded.count) \(resource): \(names.prefix(10).joined(separator: ", "))\(names.count > 10 ? ", …" : "")?")
                print("Type yes to delete: ", terminator: "")
                guard readLine(strippingNewline: true)?.lowercased() == "yes" else {
                    print("Nothing was deleted.")
                    throw ExitCode(1)
                }
            }
            try await options.commit(staging, on: session, confirmation: String(staging.deleteCount))
        }
    }
}
