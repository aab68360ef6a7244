import ArgumentParser

// Placeholder: replaced by the helper that owns `pdtui get`.
struct GetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Stream an action's rows.")

    func run() async throws {
        throw ValidationError("`pdtui get` is not built yet.")
    }
}
