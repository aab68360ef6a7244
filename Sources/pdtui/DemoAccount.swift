import ArgumentParser
import Foundation
import PipedriveEngine
import PipedriveSandbox
import PipedriveSandboxServer

/// The built-in sandbox as a command's account (`--demo`): started in this process on a free loopback port,
/// made afresh from the same seed each run, gone when the command ends.
struct DemoAccount {
    let server: SandboxServer
    let settings: ConnectionSettings

    static func start(_ configuration: SandboxConfiguration = SandboxConfiguration()) throws -> DemoAccount {
        let server = try SandboxServer.start(configuration)
        guard let url = URL(string: server.baseURL) else { throw ValidationError("the sandbox gave no base URL") }
        return DemoAccount(server: server, settings: ConnectionSettings(
            baseURL: url, credential: .apiToken(server.apiToken), profileName: "demo"))
    }
}

/// An error found while a subcommand runs, on stderr with that subcommand's own usage (ArgumentParser would
/// show the root's `pdtui <subcommand>` for an error thrown from `run`); exit status 2.
func usageError(_ message: String, of command: any ParsableCommand.Type) -> ExitCode {
    let help = PDTUI.helpMessage(for: command, columns: 100)
    let usage = help.components(separatedBy: "\n\n").first { $0.hasPrefix("USAGE: ") }.map { "Usage: " + $0.dropFirst(7) }
    // The command's whole name, as its usage line starts (`pdtui files upload`).
    let name = usage.map { $0.split(separator: " ").dropFirst().prefix { !"<[-".contains($0.first ?? "<") }.joined(separator: " ") }
        ?? "pdtui " + (command.configuration.commandName ?? "")
    var text = "Error: \(message)\n"
    if let usage { text += usage + "\n  See '\(name) --help' for more information.\n" }
    FileHandle.standardError.write(Data(text.utf8))
    return ExitCode(2)
}
