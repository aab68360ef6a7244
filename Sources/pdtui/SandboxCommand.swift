import ArgumentParser

// Placeholder: replaced by the helper that owns `pdtui sandbox`.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sandbox", abstract: "Serve a local Pipedrive.")

    func run() async throws {
        throw ValidationError("`pdtui sandbox` is not built yet.")
    }
}
