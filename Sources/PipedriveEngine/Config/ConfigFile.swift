import Foundation
import JSONValue

/// The config file: profiles for several companies and a default one.
///
/// `$XDG_CONFIG_HOME/pdtui/config.json` (else `~/.config/pdtui/config.json`), mode 0600:
///
///     {
///       "default_profile": "acme",
///       "profiles": {
///         "acme":  { "company_domain": "acme", "token_command": "pass show pipedrive/acme", "theme": "dark" },
///         "demo":  { "base_url": "http://127.0.0.1:8080", "api_token": "…", "read_only": true },
///         "agency": { "company_domain": "agency", "oauth": { "client_id": "…", "client_secret": "…",
///                     "access_token": "…", "refresh_token": "…", "expires_at": 1790000000 } }
///       },
///       "keys": { "edit": "E", "filter": "ctrl-f", "down": ["j", "down"] },
///       "theme": "gruvbox"
///     }
///
/// `keys` remaps the TUI's named bindings; the TUI checks the names and keys (`KeyMap`). `theme` is the
/// theme of every profile that names none.
public struct ConfigFile: Sendable {
    public var path: String
    public var defaultProfile: String?
    public var profiles: [String: Profile]
    /// Key bindings by name, each with its keys as written (`"E"`, `"ctrl-f"`), sorted by name.
    public var keys: [(name: String, keys: [String])]
    public var theme: String?
    /// `"mouse": false` turns the TUI's mouse off (as `--no-mouse` does); on when unset.
    public var mouse = true
    /// The file as read, so a write-back keeps keys this version does not know.
    var json: JSON

    /// Where the config file lives for this environment.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/pdtui/config.json" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.config/pdtui/config.json"
    }

    /// The config at `path`; nil when there is no such file.
    public static func load(_ path: String) throws(PipedriveError) -> ConfigFile? {
        guard let bytes = try SecureFile.read(path) else { return nil }
        let json: JSON
        do {
            json = try JSON(parsing: bytes)
        } catch {
            throw PipedriveError(.configuration, "\(path) is not valid JSON (\(error)).")
        }
        guard json.objectValue != nil else { throw PipedriveError(.configuration, "\(path) must hold a JSON object.") }
        var profiles: [String: Profile] = [:]
        if let value = json["profiles"], !value.isNull {
            guard let members = value.objectValue else {
                throw PipedriveError(.configuration, "In \(path), \"profiles\" must be an object of profiles by name.")
            }
            for (name, body) in members {
                do { profiles[name] = try Profile(name: name, json: body) } catch {
                    throw PipedriveError(.configuration, "\(path): \(error.message)")  // the file, so it can be found
                }
            }
        }
        let defaultProfile = json["default_profile"]?.stringValue
        if let defaultProfile, profiles[defaultProfile] == nil {
            throw PipedriveError(.configuration, "In \(path), default_profile \"\(defaultProfile)\" is not among the profiles.")
        }
        if let value = json["theme"], !value.isNull, value.stringValue == nil {
            throw PipedriveError(.configuration, "In \(path), \"theme\" must be a theme's name or a theme file's path.")
        }
        if let value = json["mouse"], !value.isNull, value.boolValue == nil {
            throw PipedriveError(.configuration, "In \(path), \"mouse\" must be true or false.")
        }
        return ConfigFile(path: path, defaultProfile: defaultProfile, profiles: profiles, keys: try keys(json["keys"], path),
                          theme: json["theme"]?.stringValue, mouse: json["mouse"]?.boolValue ?? true, json: json)
    }

    /// `"keys": {"edit": "E", "down": ["j", "down"]}`: a key or a list of keys per binding name.
    private static func keys(_ value: JSON?, _ path: String) throws(PipedriveError) -> [(name: String, keys: [String])] {
        guard let value, !value.isNull else { return [] }
        guard let members = value.objectValue else {
            throw PipedriveError(.configuration, "In \(path), \"keys\" must be an object of key bindings by name, e.g. {\"edit\": \"E\"}.")
        }
        var out: [(name: String, keys: [String])] = []
        for (name, body) in members.sorted(by: { $0.key < $1.key }) {
            if let key = body.stringValue {
                out.append((name, [key]))
            } else if let list = body.arrayValue, !list.isEmpty, list.allSatisfy({ $0.stringValue != nil }) {
                out.append((name, list.compactMap(\.stringValue)))
            } else {
                throw PipedriveError(.configuration, "In \(path), \"keys\": \"\(name)\" must be a key (\"E\", \"ctrl-f\") or a list of keys.")
            }
        }
        return out
    }

    /// Saves a profile's refreshed OAuth tokens: re-reads the file (it may have changed) and replaces it atomically.
    public static func saveTokens(_ tokens: OAuthTokens, profile: String, path: String) throws(PipedriveError) {
        guard var config = try load(path), var body = config.json["profiles"]?[profile], var oauth = body["oauth"] else {
            throw PipedriveError(.configuration, "Profile \"\(profile)\" with oauth settings is no longer in \(path).")
        }
        oauth["access_token"] = .string(tokens.accessToken)
        oauth["refresh_token"] = .string(tokens.refreshToken)
        oauth["expires_at"] = .int(tokens.expiresAt)
        body["oauth"] = oauth
        var profiles = config.json["profiles"] ?? [:]
        profiles[profile] = body
        config.json["profiles"] = profiles
        try SecureFile.write(Array(config.json.prettyPrinted().utf8), to: path)
    }
}

extension JSON {
    /// Two-space indented text with sorted keys, for files a person edits.
    func prettyPrinted(indent: String = "") -> String {
        let inner = indent + "  "
        switch self {
        case .array(let elements) where !elements.isEmpty:
            return "[\n" + elements.map { inner + $0.prettyPrinted(indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let members) where !members.isEmpty:
            let lines = members.keys.sorted().map { key in
                inner + JSON.string(key).serializedString + ": " + members[key]!.prettyPrinted(indent: inner)
            }
            return "{\n" + lines.joined(separator: ",\n") + "\n\(indent)}"
        default:
            return serializedString
        }
    }
}
