import Foundation

/// Finds themes: the built-in ones embedded in the binary (from `Themes/`), then the user's in
/// `$XDG_CONFIG_HOME/pdtui/themes/` (`~/.config/pdtui/themes/`), which may replace a built-in one.
public struct ThemeLibrary: Sendable {
    /// Built-in theme files by file name, embedded at build time so a copied binary has them.
    public static let builtinFiles: [(file: String, data: Data)] = [
        ("default.json5", Data(PackageResources.default_json5)),
        ("light.json5", Data(PackageResources.light_json5)),
        ("high-contrast.json5", Data(PackageResources.high_contrast_json5)),
        ("mono.json5", Data(PackageResources.mono_json5)),
        ("dracula.json5", Data(PackageResources.dracula_json5)),
        ("solarized-dark.json5", Data(PackageResources.solarized_dark_json5)),
        ("gruvbox.json5", Data(PackageResources.gruvbox_json5)),
    ]

    public let userDirectory: URL?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            userDirectory = URL(fileURLWithPath: xdg).appendingPathComponent("pdtui/themes")
        } else if let home = environment["HOME"], !home.isEmpty {
            userDirectory = URL(fileURLWithPath: home).appendingPathComponent(".config/pdtui/themes")
        } else {
            userDirectory = nil
        }
    }

    /// A theme source: where it came from and its bytes.
    public struct Entry: Sendable {
        public var origin: String
        public var data: Data
    }

    /// Every theme file: built-in first, then user files (user files with the same name win).
    public func entries() -> [Entry] {
        var list = Self.builtinFiles.map { Entry(origin: "built-in", data: $0.data) }
        if let dir = userDirectory,
           let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) {
            for name in names.sorted() where name.hasSuffix(".json5") || name.hasSuffix(".json") {
                let url = dir.appendingPathComponent(name)
                if let data = try? Data(contentsOf: url) { list.append(Entry(origin: url.path, data: data)) }
            }
        }
        return list
    }

    /// The names of the themes found (a file that does not decode is listed by `problems`).
    public func list() -> [(name: String, origin: String, description: String)] {
        var byName: [String: (String, String, String)] = [:]
        var order: [String] = []
        for entry in entries() {
            guard let theme = try? decode(entry.data, seen: []) else { continue }
            if byName[theme.name] == nil { order.append(theme.name) }
            byName[theme.name] = (theme.name, entry.origin, theme.description)
        }
        return order.compactMap { byName[$0] }.map { (name: $0.0, origin: $0.1, description: $0.2) }
    }

    /// The theme named `nameOrPath` (a theme name, a file name without extension, or a path).
    public func theme(named nameOrPath: String) throws -> Theme {
        if nameOrPath.contains("/") {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: nameOrPath)) } catch {
                throw ThemeError(problems: ["cannot read theme file \(nameOrPath): \(error.localizedDescription)"])
            }
            return try decode(data, seen: [])
        }
        guard let theme = try find(nameOrPath, seen: []) else {
            let known = list().map(\.name).joined(separator: ", ")
            throw ThemeError(problems: ["no theme named \"\(nameOrPath)\" (known: \(known))"])
        }
        return theme
    }

    /// Decodes a theme file, resolving `extends` through this library.
    public func decode(_ data: Data) throws -> Theme { try decode(data, seen: []) }

    private func decode(_ data: Data, seen: Set<String>) throws -> Theme {
        try Theme.decode(data) { parent in
            guard !seen.contains(parent) else { throw ThemeError(problems: ["extends \"\(parent)\" in a loop"]) }
            return try find(parent, seen: seen.union([parent]))
        }
    }

    private func find(_ name: String, seen: Set<String>) throws -> Theme? {
        // Last match wins, so a user theme replaces the built-in one of the same name.
        for entry in entries().reversed() {
            guard let header = try? Self.name(of: entry.data) else { continue }
            let fileName = (entry.origin as NSString).lastPathComponent
            if header == name || fileName == name + ".json5" || fileName == name + ".json" {
                return try decode(entry.data, seen: seen.union([header]))
            }
        }
        return nil
    }

    private struct Header: Decodable { var name: String }

    private static func name(of data: Data) throws -> String {
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true
        return try decoder.decode(Header.self, from: data).name
    }
}
