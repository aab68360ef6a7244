import ArgumentParser
import Foundation
import JSONValue
import PipedriveEngine

/// `pdtui duplicates RESOURCE`: groups of likely duplicate persons, organizations or deals, strongest first.
struct DuplicatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duplicates",
        abstract: "List groups of likely duplicate persons, organizations or deals.",
        discussion: """
            Persons match by e-mail, then phone (digits with the country code), then name; organizations by \
            name (case, accents, punctuation and legal forms such as GmbH, Ltd, Oy, S.A. ignored) and address; \
            deals by title and organization. Each group says why it matched, strongest first.
              pdtui duplicates organizations
              pdtui duplicates persons --format json --limit 10
            """)

    @Argument(help: "persons, organizations or deals.")
    var resource: String

    @Option(help: "The most groups to print.")
    var limit: Int?

    @Option(help: "table or json.")
    var format: Format = .table

    enum Format: String, ExpressibleByArgument { case table, json }

    @OptionGroup var account: AccountOptions

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more.") }
    }

    func run() async throws {
        try await reporting(of: Self.self) {
            let session = Session(settings: try account.settings())
            let progress = Progress()
            let groups = try await session.duplicates(of: resource) { progress.show($0) }
            progress.clear()
            let resource = try session.resource(named: resource)
            let shown = groups.prefix(limit ?? groups.count)
            switch format {
            case .json:
                let json: JSON = .array(shown.map { group in
                    [
                        "strength": .int(group.strength),
                        "matches": .array(group.matches.map { ["reason": .string($0.reason.rawValue), "key": .string($0.key)] }),
                        "records": .array(group.members.map { member in
                            [
                                "id": .int(member.id), "name": .string(member.label),
                                "url": session.webLink(resource, id: .int(member.id)).map { .string($0.absoluteString) } ?? .null,
                            ]
                        }),
                    ]
                })
                print(String(decoding: json.serialized(), as: UTF8.self))
            case .table:
                for (number, group) in shown.enumerated() {
                    let why = group.matches.map { "\($0.reason.rawValue) \(RowOutput.inert($0.key))" }.joined(separator: "; ")
                    print("\(number + 1). \(group.members.count) \(resource.name) · \(why)")
                    for member in group.members { print("   \(member.id)\t\(RowOutput.inert(member.label))") }
                }
                FileHandle.standardError.write(Data("\(groups.count) groups\n".utf8))
            }
        }
    }
}
