import ArgumentParser
import Foundation
import PipedriveEngine

/// `pdtui new`: one new record from FIELD=VALUE pairs.
struct NewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a record from FIELD=VALUE pairs.",
        discussion: """
            Fields and values as for `pdtui set`; the resource's required fields must be given. Prints the \
            new record's id; `pdtui undo` deletes it again.
              pdtui new persons name="Ada Lovelace" Organization="Acme GmbH" email=ada@example.com
            """)

    @Argument(help: "The resource, e.g. deals, persons.")
    var resource: String

    @Argument(help: "FIELD=VALUE pairs.")
    var assignments: [String] = []

    @OptionGroup var options: WriteOptions

    func run() async throws {
        try await options.run(of: Self.self) { session in
            let schema = try await session.schema(of: try session.resource(named: resource))
            let values = try await session.assignments(assignments, schema: schema)
            var staging = Staging()
            if case .failure(let refusal) = staging.create(in: schema, text: values.text) {
                let reasons = refusal.message.map { [$0] } ?? refusal.fields.keys.sorted().map { refusal.fields[$0]! }
                throw PipedriveError(.invalidInput, "Nothing was sent: " + reasons.joined(separator: " "))
            }
            try await options.commit(staging, on: session)
        }
    }
}
