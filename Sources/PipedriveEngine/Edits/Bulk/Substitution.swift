import Foundation

/// A find and replace as vi writes it: `s/OLD/NEW/FLAGS`, with `g` (every match, else the first), `i`
/// (ignore case) and `r` (OLD is a regular expression and NEW may use `$1`); without `r` both are plain
/// text. Any character after `s` may stand for `/`; `\/` puts the delimiter in OLD or NEW.
public struct Substitution: Sendable, Equatable {
    public let find: String
    public let replacement: String
    public let global: Bool
    public let ignoreCase: Bool
    public let regex: Bool
    /// The command as typed.
    public let text: String

    public init(parsing text: String) throws(PipedriveError) {
        let usage = "Find and replace is s/OLD/NEW/ with flags g (every match), i (ignore case), r (regular expression)"
        guard text.hasPrefix("s"), let delimiter = text.dropFirst().first, !delimiter.isLetter, !delimiter.isNumber,
            delimiter != "\\", !delimiter.isWhitespace
        else { throw PipedriveError(.invalidInput, "\(usage); got \"\(Sanitize.inline(text))\".") }
        var parts: [String] = [""], escaped = false
        for character in text.dropFirst(2) {
            if escaped {
                parts[parts.count - 1] += character == delimiter ? String(character) : "\\" + String(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == delimiter {
                parts.append("")
            } else {
                parts[parts.count - 1].append(character)
            }
        }
        if escaped { parts[parts.count - 1] += "\\" }
        guard parts.count == 2 || parts.count == 3 else {
            throw PipedriveError(.invalidInput, "\(usage); \"\(Sanitize.inline(text))\" has \(parts.count - 1) delimiters.")
        }
        let flags = parts.count == 3 ? parts[2] : ""
        if let unknown = flags.first(where: { !"gir".contains($0) }) {
            throw PipedriveError(.invalidInput, "\(usage); \"\(unknown)\" is not a flag.")
        }
        guard !parts[0].isEmpty else { throw PipedriveError(.invalidInput, "\(usage); OLD is empty.") }
        self.find = parts[0]
        self.replacement = parts[1]
        self.global = flags.contains("g")
        self.ignoreCase = flags.contains("i")
        self.regex = flags.contains("r")
        self.text = text
        if regex {
            do { _ = try expression() } catch {
                throw PipedriveError(.invalidInput, "\"\(Sanitize.inline(find))\" is not a regular expression: \(error.localizedDescription)")
            }
        }
    }

    /// The text with OLD replaced by NEW (the first match, or every one with `g`).
    public func apply(to text: String) -> String {
        guard let expression = try? expression() else { return text }
        let template = regex ? replacement : NSRegularExpression.escapedTemplate(for: replacement)
        let whole = NSRange(text.startIndex..., in: text)
        if global { return expression.stringByReplacingMatches(in: text, range: whole, withTemplate: template) }
        guard let match = expression.firstMatch(in: text, range: whole), let range = Range(match.range, in: text) else { return text }
        let replaced = expression.replacementString(for: match, in: text, offset: 0, template: template)
        return text.replacingCharacters(in: range, with: replaced)
    }

    private func expression() throws -> NSRegularExpression {
        try NSRegularExpression(
            pattern: regex ? find : NSRegularExpression.escapedPattern(for: find), options: ignoreCase ? [.caseInsensitive] : [])
    }
}
