import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where to connect and with what credentials, resolved from flags, the environment and a profile.
///
/// Precedence: `--base-url`, then an explicitly chosen profile (`--profile` or `PIPEDRIVE_PROFILE`), then
/// `PIPEDRIVE_BASE_URL` / `PIPEDRIVE_API_TOKEN`, then the default profile. A profile's credentials are
/// `api_token`, else `token_command`, else `oauth`.
public struct ConnectionSettings: Sendable {
    public var profileName: String?
    public var baseURL: URL
    public var credential: CredentialSource
    public var readOnly: Bool
    public var theme: String?
    public var apiVersion: APIVersion?
    /// The config file the profile came from (for OAuth write-back).
    public var configPath: String?

    public enum CredentialSource: Sendable, Equatable {
        case apiToken(String)
        case oauth(OAuthClient, OAuthTokens)
    }

    public init(baseURL: URL, credential: CredentialSource, profileName: String? = nil, readOnly: Bool = false) {
        self.baseURL = baseURL
        self.credential = credential
        self.profileName = profileName
        self.readOnly = readOnly
    }

    public static func resolve(
        profile requested: String? = nil, baseURL flagURL: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment, configPath: String? = nil
    ) throws(PipedriveError) -> ConnectionSettings {
        let path = configPath ?? ConfigFile.defaultPath(environment: environment)
        let config = try ConfigFile.load(path)
        let explicitName = requested ?? environment["PIPEDRIVE_PROFILE"].flatMap { $0.isEmpty ? nil : $0 }
        var profile: Profile?
        if let explicitName {
            guard let found = config?.profiles[explicitName] else {
                let known = config.map { $0.profiles.keys.sorted().joined(separator: ", ") } ?? ""
                throw PipedriveError(
                    .configuration,
                    "No profile \"\(explicitName)\" in \(path)." + (known.isEmpty ? "" : " Profiles: \(known)."))
            }
            profile = found
        } else if let config {
            profile = config.defaultProfile.flatMap { config.profiles[$0] }
                ?? (config.profiles.count == 1 ? config.profiles.values.first : nil)
        }
        let envURL = environment["PIPEDRIVE_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        let envToken = environment["PIPEDRIVE_API_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        let chosen = explicitName != nil

        let urlText: String
        if let flagURL {
            urlText = flagURL
        } else if chosen, let fromProfile = profile.flatMap(profileURL) {
            urlText = fromProfile
        } else if let envURL {
            urlText = envURL
        } else if let fromProfile = profile.flatMap(profileURL) {
            urlText = fromProfile
        } else {
            throw PipedriveError(
                .configuration,
                "No company to connect to. Pass --base-url, set PIPEDRIVE_BASE_URL, or add a profile with company_domain to \(path).")
        }
        guard let url = URLCheck.url(urlText) else {
            throw PipedriveError(.configuration, "The base URL \"\(Sanitize.inline(urlText))\" is not an http(s) URL.")
        }
        guard url.scheme == "https" || URLCheck.isLoopback(url) else {
            throw PipedriveError(
                .configuration, "Refusing to send credentials over plain http to \(url.host ?? ""); use https.")
        }

        let credential: CredentialSource
        if !chosen, let envToken {
            credential = .apiToken(envToken)
        } else if let profile, let fromProfile = try profileCredential(profile) {
            credential = fromProfile
        } else if let envToken {
            credential = .apiToken(envToken)
        } else {
            throw PipedriveError(
                .configuration,
                "No API token. Set PIPEDRIVE_API_TOKEN, or give the profile api_token, token_command or oauth in \(path).")
        }

        var settings = ConnectionSettings(
            baseURL: url, credential: credential, profileName: profile?.name, readOnly: profile?.readOnly ?? false)
        settings.theme = profile?.theme
        settings.apiVersion = profile?.apiVersion
        settings.configPath = config == nil ? nil : path
        return settings
    }

    static func profileURL(_ profile: Profile) -> String? {
        if let baseURL = profile.baseURL { return baseURL }
        guard let domain = profile.companyDomain else { return nil }
        return "https://\(domain).pipedrive.com"
    }

    static func profileCredential(_ profile: Profile) throws(PipedriveError) -> CredentialSource? {
        if let token = profile.apiToken { return .apiToken(token) }
        if let command = profile.tokenCommand { return .apiToken(try TokenCommand.run(command, profile: profile.name)) }
        if let oauth = profile.oauth { return .oauth(oauth.client, oauth.tokens) }
        return nil
    }
}

enum URLCheck {
    /// An absolute http(s) URL with a host and no query or credentials.
    static func url(_ text: String) -> URL? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty, url.user == nil, url.query == nil
        else { return nil }
        return url
    }

    static func isLoopback(_ url: URL) -> Bool {
        ["localhost", "127.0.0.1", "::1", "[::1]"].contains(url.host ?? "")
    }
}

/// Runs a profile's `token_command` through the shell and takes its first line as the token: within
/// `timeout` seconds and `outputLimit` bytes, or the command (and what it started) is killed.
enum TokenCommand {
    static let timeout: Double = 10
    static let outputLimit = 64 * 1024

    static func run(_ command: String, profile: String, timeout: Double = timeout) throws(PipedriveError) -> String {
        let name = "The token_command of profile \"\(profile)\""
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else { throw PipedriveError(.configuration, "\(name) could not start: \(String(cString: strerror(errno))).") }
        defer { close(pipe[0]) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        posix_spawn_file_actions_addclose(&actions, pipe[1])
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group, so a timeout ends the shell and whatever it started.
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        let words: [String] = ["/bin/sh", "-c", command]
        let argv = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, environ)
        close(pipe[1])
        guard spawned == 0 else {
            throw PipedriveError(.configuration, "\(name) could not start: \(String(cString: strerror(spawned))).")
        }
        var output: [UInt8] = []
        var stop: String?
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { stop = "did not finish within \(Int(timeout)) seconds"; break }
            var poller = pollfd(fd: pipe[0], events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(min(left, 1) * 1000) + 1)
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { continue }
            let count = buffer.withUnsafeMutableBytes { read(pipe[0], $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            output += buffer[..<count]
            if output.count > outputLimit { stop = "printed more than \(outputLimit / 1024) KiB"; break }
        }
        if stop != nil { kill(-pid, SIGKILL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        if let stop { throw PipedriveError(.configuration, "\(name) \(stop); it was stopped. Run it yourself to see why.") }
        // WIFEXITED / WEXITSTATUS, which Swift does not import.
        let exit = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        guard exit == 0 else {
            throw PipedriveError(.configuration, "\(name) failed (exit \(exit)). Run it yourself to see why.")
        }
        let token = String(decoding: output, as: UTF8.self).split(whereSeparator: \.isNewline).first
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard !token.isEmpty else {
            throw PipedriveError(.configuration, "\(name) printed no token.")
        }
        return token
    }
}
