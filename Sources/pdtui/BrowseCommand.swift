import ArgumentParser

// Placeholder: replaced by the helper that owns `pdtui browse`.
struct BrowseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "browse", abstract: "Browse and edit an account (the default).")

    func run() async throws {
        throw ValidationError("`pdtui browse` is not built yet.")
    }
}
