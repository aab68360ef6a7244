import Foundation
import JSONValue

/// Where an account's schema (its `*Fields` lists, users, stages, pipelines, activity types, lead labels)
/// is kept between sessions: `$XDG_CACHE_HOME/pdtui/<profile>@<host>/` (else `~/.cache/pdtui/…`), one file
/// per list, mode 0600 in a 0700 folder. Never record data, never the token. A file that is too large or
/// damaged is ignored (and removed): the list is read from the account again and the file written anew.
public struct SchemaCacheFolder: Sendable {
    public let path: String
    /// How long a saved list is used before it is checked against the account (see `SchemaLists`).
    public let maxAge: TimeInterval
    public static let standardMaxAge: TimeInterval = 3_600
    /// The most a cache file may hold; a larger one is not read.
    static let maxBytes = 16 << 20

    public init(path: String, maxAge: TimeInterval = standardMaxAge) {
        self.path = path
        self.maxAge = maxAge
    }

    /// The folder of one profile and company (`demo` for the built-in sandbox).
    public static func standard(
        for settings: ConnectionSettings?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> SchemaCacheFolder {
        let root: String
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { root = xdg + "/pdtui" } else {
            root = (environment["HOME"] ?? NSHomeDirectory()) + "/.cache/pdtui"
        }
        return SchemaCacheFolder(path: root + "/" + (settings.map(StatePaths.accountKey) ?? "demo"))
    }

    /// One saved list and when it was read from the account.
    struct Entry: Sendable {
        var value: JSON
        var savedAt: Date
    }

    func file(_ name: String) -> String {
        path + "/" + String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "_" }) + ".json"
    }

    /// The saved list, nil when there is none or it cannot be used (too large, damaged: then it is removed).
    func load(_ name: String) -> Entry? {
        let file = file(name)
        guard let handle = FileHandle(forReadingAtPath: file) else { return nil }
        let bytes = (try? handle.read(upToCount: Self.maxBytes + 1)) ?? nil
        try? handle.close()
        guard let bytes, bytes.count <= Self.maxBytes, let json = try? JSON(parsing: [UInt8](bytes)),
              let saved = json["saved_at"]?.doubleValue, let value = json["value"]
        else {
            unlink(file)
            return nil
        }
        return Entry(value: value, savedAt: Date(timeIntervalSince1970: saved))
    }

    /// Forgets a saved list, so its next use reads it from the account.
    func remove(_ name: String) { unlink(file(name)) }

    /// Saves a list atomically (mode 0600, the folder 0700); a failure only costs the next session a read.
    func save(_ name: String, _ entry: Entry) {
        let json: JSON = ["saved_at": .double(entry.savedAt.timeIntervalSince1970), "value": entry.value]
        try? SecureFile.write(json.serialized(), to: file(name))
    }
}
