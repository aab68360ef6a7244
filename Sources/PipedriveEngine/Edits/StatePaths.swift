import Foundation

/// Where pdtui keeps what it must not lose: `$XDG_STATE_HOME/pdtui/` (else `~/.local/state/pdtui/`).
/// Nothing there holds a credential.
public enum StatePaths {
    public static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") { return xdg + "/pdtui" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state/pdtui"
    }

    /// The single staging file of one profile and company before sessions had their own:
    /// `staged/<profile>@<host>_<port>.json`, moved into a slot when found.
    public static func stagingFile(
        for settings: ConnectionSettings, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        directory(environment: environment) + "/staged/" + accountKey(settings) + ".json"
    }

    /// The staging slots of one profile and company, one file per running session (see `StagingSlot`):
    /// `staged/<profile>@<host>_<port>/`.
    public static func stagingDirectory(
        for settings: ConnectionSettings, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        directory(environment: environment) + "/staged/" + accountKey(settings)
    }

    /// The grid column layouts of one profile and company: `columns/<profile>@<host>_<port>.json`.
    public static func columnLayoutFile(
        for settings: ConnectionSettings, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        directory(environment: environment) + "/columns/" + accountKey(settings) + ".json"
    }

    public static func journalFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        directory(environment: environment) + "/journal.jsonl"
    }

    /// `acme@acme.pipedrive.com` (profile and host, port when given), safe as a file name.
    static func accountKey(_ settings: ConnectionSettings) -> String {
        let host = (settings.baseURL.host ?? "unknown") + (settings.baseURL.port.map { "_\($0)" } ?? "")
        let raw = (settings.profileName ?? "env") + "@" + host
        return String(raw.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._@-".contains($0)) ? $0 : "_" })
    }
}
