import ArgumentParser
import JSONValue
import PipedriveEngine

/// `pdtui catalog [resource] [--json]`: the seed's resources, actions and fields.
struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Print the catalog of resources, actions and fields.",
        discussion: "Lists every resource with its actions (v1 call and today's v2 call); name a resource to see its fields too.")

    @Argument(help: "A resource to show with its fields (e.g. deals; any case).")
    var resource: String?

    @Flag(help: "Print JSON: {\"resources\":[{\"name\",\"actions\":[...],\"fields\":[...]}],\"templates\":[...]}.")
    var json = false

    func run() async throws {
        let catalog = Catalog.pipedrive
        if let resource {
            guard let found = catalog.resource(named: resource) else {
                throw ValidationError(
                    "No resource '\(resource)'. Resources: \(catalog.resources.map(\.name).joined(separator: ", ")).")
            }
            print(json ? found.json.serializedString : found.listing(withFields: true), terminator: json ? "\n" : "")
        } else {
            print(json ? catalog.json.serializedString : catalog.listing, terminator: json ? "\n" : "")
        }
    }
}
