import ArgumentParser

// Placeholder: replaced by the helper that owns `pdtui catalog`.
struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "catalog", abstract: "Print the catalog of resources and actions.")

    func run() async throws {
        throw ValidationError("`pdtui catalog` is not built yet.")
    }
}
