import ArgumentParser
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
