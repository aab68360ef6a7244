import Foundation
import Testing
@testable import TUICore

/// The README's keys table and the action table say the same: every default key of every action is in
/// the table, and every key the table names (outside the command line's text) is some action's key.
@Suite struct ReadmeKeysTests {
    /// The table's rows: where, and the backticked words of its keys column.
    static func rows() throws -> [(where: String, words: Set<String>)] {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../README.md").standardizedFileURL
        let text = try String(contentsOf: readme, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: "| where | keys |"))
        return lines[(start + 2)...].prefix { $0.hasPrefix("|") }.map { line in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let spans = cells.dropFirst(2).joined(separator: "|").components(separatedBy: "`").enumerated()
                .filter { $0.offset % 2 == 1 }.map(\.element)
            var words = Set<String>()
            // (Commands such as `:activities deal 7` are typed text.)
            for span in spans where span == ":" || !span.hasPrefix(":") {
                for word in span.split(separator: " ").map(String.init) {
                    // `↑↓` names two keys.
                    if word.count > 1, word.allSatisfy({ "↑↓←→".contains($0) }) { words.formUnion(word.map(String.init)) } else { words.insert(word) }
                }
            }
            return (cells[1], words)
        }
    }

    @Test func everyActionsKeysAreInTheReadme() throws {
        let named = try Self.rows().reduce(into: Set<String>()) { $0.formUnion($1.words) }
        var missing: [String] = []
        for action in KeyAction.allCases {
            for key in action.defaultKeys where !named.contains(key.label) { missing.append("\(key.label) (\(action.name))") }
        }
        #expect(missing.isEmpty, "keys of the action table missing from README's keys table: \(missing)")
    }

    @Test func everyKeyInTheReadmeIsAnActionsKey() throws {
        // Ctrl-C quits from anywhere, outside the table (it is a signal as much as a key).
        let labels = Set(KeyAction.allCases.flatMap(\.defaultKeys).map(\.label)).union(["^C"])
        let keyNames: Set<String> = ["Enter", "Esc", "Tab", "S-Tab", "Space", "PgUp", "PgDn", "Home", "End", "Delete", "Backspace", "S-↑", "S-↓"]
        var unknown: [String] = []
        // The command line's rows are typed text (`:s` flags, file names), not keys.
        for row in try Self.rows() where !row.where.hasPrefix("command line") {
            for word in row.words where word.count == 1 || keyNames.contains(word) || word.hasPrefix("^") {
                if !labels.contains(word) { unknown.append("\(word) (\(row.where))") }
            }
        }
        #expect(unknown.isEmpty, "keys in README's keys table that no action has: \(unknown)")
    }
}
