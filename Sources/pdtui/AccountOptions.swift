import ArgumentParser
import Foundation
import PipedriveEngine

/// Where to connect: the options every command that talks to an account shares.
struct AccountOptions: ParsableArguments {
    @Option(help: "The profile in the config file (default: PIPEDRIVE_PROFILE, then the config's default).")
    var profile: String?

    @Option(help: "The Pipedrive base URL (default: the profile's company, or PIPEDRIVE_BASE_URL).")
    var baseURL: String?

    /// The account the options, the environment and the config file name together.
    func settings() throws(PipedriveError) -> ConnectionSettings {
        try ConnectionSettings.resolve(profile: profile, baseURL: baseURL)
    }
}

/// Moves a damaged journal aside before a command uses it (see `Journal.setAsideIfDamaged`), saying so on stderr.
func checkJournal(_ journal: Journal = .standard()) {
    if let notice = journal.setAsideIfDamaged() { FileHandle.standardError.write(Data("pdtui: \(notice)\n".utf8)) }
}

/// Runs a command's work, turning an engine error into its message on stderr and exit status 2 (bad
/// input or configuration, followed by `command`'s own usage) or 1.
func reporting(of command: any ParsableCommand.Type, _ work: () async throws -> Void) async throws {
    do { try await work() } catch let error as PipedriveError { throw exit(after: error, of: command) }
}

/// `reporting` for a command that does not wait.
func reporting(of command: any ParsableCommand.Type, _ work: () throws -> Void) throws {
    do { try work() } catch let error as PipedriveError { throw exit(after: error, of: command) }
}

private func exit(after error: PipedriveError, of command: any ParsableCommand.Type) -> ExitCode {
    if error.kind == .invalidInput { return usageError(describe(error), of: command) }
    FileHandle.standardError.write(Data("pdtui: \(describe(error))\n".utf8))
    return ExitCode(error.kind == .invalidInput || error.kind == .configuration ? 2 : 1)
}
