import Foundation

/// A theme as written in a file (JSON5; see `Themes/README.md` and `Themes/theme.schema.json`),
/// after `extends` is applied. `resolve(depth:)` turns it into styles for a terminal.
public struct Theme: Sendable, Equatable {
    public var name: String
    public var description: String
    public var dark: Bool
    /// Role name to colour chain, e.g. `"primary": "#bd93f9 141 magenta"`.
    public var palette: [String: String]
    /// Theme role (`ThemeRole`) to style string, e.g. `"header": "bold fg on surface"`.
    public var styles: [String: String]
    public var glyphs: [String: String]

    /// What a theme file holds; every key but `name` is optional.
    struct File: Decodable {
        var name: String
        var description: String?
        var author: String?
        var dark: Bool?
        var extends: String?
        var palette: [String: String]?
        var styles: [String: String]?
        var glyphs: [String: String]?
    }

    /// Decodes a theme file and applies `extends` (a theme without it extends `default`).
    static func decode(_ data: Data, parent: (String) throws -> Theme?) throws -> Theme {
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true
        let file: File
        do {
            file = try decoder.decode(File.self, from: data)
        } catch let error as DecodingError {
            throw ThemeError(problems: [Self.describe(error)])
        } catch {
            throw ThemeError(problems: ["not a JSON5 theme file: \(error.localizedDescription)"])
        }
        var theme = Theme(name: file.name, description: file.description ?? "", dark: file.dark ?? true,
                          palette: [:], styles: [:], glyphs: [:])
        let parentName = file.extends ?? (file.name == "default" ? nil : "default")
        if let parentName {
            guard let base = try parent(parentName) else {
                throw ThemeError(problems: ["extends \"\(parentName)\", which is not a known theme"])
            }
            theme.palette = base.palette
            theme.styles = base.styles
            theme.glyphs = base.glyphs
            if file.dark == nil { theme.dark = base.dark }
        }
        theme.palette.merge(file.palette ?? [:]) { $1 }
        theme.styles.merge(file.styles ?? [:]) { $1 }
        theme.glyphs.merge(file.glyphs ?? [:]) { $1 }
        return theme
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let c): return "not valid JSON5: \(c.underlyingError.map { "\($0)" } ?? c.debugDescription)"
        case .keyNotFound(let key, _): return "missing \"\(key.stringValue)\""
        case .typeMismatch(_, let c), .valueNotFound(_, let c):
            return "\"\(c.codingPath.map(\.stringValue).joined(separator: "."))\": \(c.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    /// Everything wrong with the theme: unknown keys, bad colours, unknown palette roles.
    public func problems() -> [String] {
        var found: [String] = []
        let roles = Set(ThemeRole.allCases.map(\.rawValue))
        for key in styles.keys.sorted() where !roles.contains(key) {
            found.append("styles.\(key): unknown element (known: \(ThemeRole.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        for key in glyphs.keys.sorted() where !Glyphs.keys.contains(key) {
            found.append("glyphs.\(key): unknown glyph (known: \(Glyphs.keys.joined(separator: ", ")))")
        }
        for (role, chain) in palette.sorted(by: { $0.key < $1.key }) {
            for token in chain.split(separator: " ") where ColorToken(String(token)) == nil {
                found.append("palette.\(role): \"\(token)\" is not a colour (default, a name, bright-<name>, 0-255, #rrggbb)")
            }
        }
        for (key, value) in styles.sorted(by: { $0.key < $1.key }) {
            if case .failure(let error) = parseStyle(value) { found.append("styles.\(key): \(error.message)") }
        }
        for role in ThemeRole.allCases where styles[role.rawValue] == nil {
            found.append("styles.\(role.rawValue): missing (and not inherited)")
        }
        return found
    }

    /// The theme for a terminal with `depth` colours. Unknown or bad entries fall back to plain.
    public func resolve(depth: ColorDepth, ascii: Bool = false) -> ResolvedTheme {
        var resolved = ResolvedTheme(name: name, styles: [:], glyphs: ascii ? .ascii : Glyphs())
        for role in ThemeRole.allCases {
            guard let text = styles[role.rawValue], case .success(let parsed) = parseStyle(text) else { continue }
            resolved.styles[role] = parsed.style(depth: depth)
        }
        if !ascii {
            for (key, value) in glyphs { resolved.glyphs.set(key, value) }
        }
        return resolved
    }

    struct ParsedStyle {
        var attributes: Attributes = []
        var fg: [ColorToken] = []
        var bg: [ColorToken] = []

        func style(depth: ColorDepth) -> Style {
            guard depth != .none else { return Style(attributes: attributes) }
            return Style(fg: Self.pick(fg, depth), bg: Self.pick(bg, depth), attributes: attributes)
        }

        /// The first token of a fallback chain that the terminal can show, else the first approximated.
        static func pick(_ chain: [ColorToken], _ depth: ColorDepth) -> Color {
            guard let first = chain.first else { return .terminalDefault }
            return (chain.first { $0.fits(depth) } ?? first).resolve(depth)
        }
    }

    static let attributeNames: [String: Attributes] = [
        "bold": .bold, "dim": .dim, "italic": .italic, "underline": .underline, "reverse": .reverse,
        "strikethrough": .strikethrough,
    ]

    /// `"<attributes…> [<fg colours…>] [on <bg colours…>]"`, where a colour is a palette role or a token.
    func parseStyle(_ text: String) -> Result<ParsedStyle, StyleError> {
        var parsed = ParsedStyle()
        var onBackground = false
        for raw in text.split(separator: " ") {
            let word = String(raw)
            if word == "on" { onBackground = true; continue }
            if let attr = Self.attributeNames[word] { parsed.attributes.insert(attr); continue }
            let chain: [ColorToken]
            if let role = palette[word] {
                let tokens = role.split(separator: " ").compactMap { ColorToken(String($0)) }
                guard !tokens.isEmpty else { return .failure(StyleError("palette role \"\(word)\" has no valid colour")) }
                chain = tokens
            } else if let token = ColorToken(word) {
                chain = [token]
            } else {
                return .failure(StyleError("\"\(word)\" is neither an attribute, a palette role nor a colour"))
            }
            if onBackground { parsed.bg += chain } else { parsed.fg += chain }
        }
        return .success(parsed)
    }

    struct StyleError: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }
}

/// A theme ready to draw with: a style per role and the glyph set.
public struct ResolvedTheme: Sendable, Equatable {
    public var name: String
    public var styles: [ThemeRole: Style]
    public var glyphs: Glyphs

    public subscript(role: ThemeRole) -> Style { styles[role] ?? styles[.base] ?? .plain }

    /// Plain styles and Unicode glyphs: what tests render with when the theme does not matter.
    public static let plain = ResolvedTheme(name: "plain", styles: [.rowCursor: Style(attributes: .reverse)], glyphs: Glyphs())
}

/// What is wrong with a theme, each problem on its own line.
public struct ThemeError: Error, CustomStringConvertible, Equatable {
    public var problems: [String]
    public var description: String { problems.joined(separator: "\n") }
}
