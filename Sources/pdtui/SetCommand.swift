import ArgumentParser
import Foundation
import PipedriveEngine

/// `pdtui set`: the same field values on one or many records, as one bulk change.
struct SetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set fields of one or many records (one bulk change, undone as one).",
        discussion: """
            FIELD is a field's key or its name (custom fields by name, case aside); VALUE is read and checked \
            as the form reads it; a reference takes an id or a name. Each record is read first: one changed \
            on Pipedrive meanwhile is not written. Exits 1 when any record was not done.
              pdtui set deals 7,8,9 Owner="Ana Silva" stage="Proposal made"
              pdtui get deals --format ndjson | jq -c 'select(.probability == null)' | pdtui set deals --ids-from - probability=10
              pdtui set organizations 12 --dry-run name="Acme GmbH"
            """)

    @Argument(help: "The resource, e.g. deals, organizations.")
    var resource: String

    @OptionGroup var records: RecordIDs

    @Argument(help: "FIELD=VALUE pairs.")
    var assignments: [String] = []

    @OptionGroup var options: WriteOptions

    func run() async throws {
        // With --ids-from the first word after the resource may already be a FIELD=VALUE.
        var ids = records, pairs = assignments
        if let first = ids.ids, first.contains("=") {
            pairs.insert(first, at: 0)
            ids.ids = nil
        }
        try await options.run(of: Self.self) { session in
            guard !pairs.isEmpty else { throw PipedriveError(.invalidInput, "Give FIELD=VALUE pairs to set.") }
            let schema = try await session.schema(of: try session.resource(named: resource))
            let values = try await session.assignments(pairs, schema: schema)
            let loaded = try await session.records(try ids.read(), of: schema)
            var staging = Staging()
            switch staging.bulkEdit(loaded, of: schema, text: values.text, shown: values.shown) {
            case .failure(let refusal): throw PipedriveError(.invalidInput, "Nothing was sent: \(refusal)")
            case .success(nil): print("Nothing to change: every record already has these values.")
            case .success(let group?):
                print(group.label)
                try await options.commit(staging, on: session)
            }
        }
    }
}
