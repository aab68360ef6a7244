import Foundation
import Testing

/// Rows with Devanagari, Thai, CJK and emoji line up in a real tmux pane: the column separators of
/// every grid row sit where the header's do. Positions are tmux's own (its copy-mode cursor
/// jumping from separator to separator), not a width computed by the test.
@Suite(.serialized) struct AlignmentTests {
    @Test(arguments: [(80, 24), (200, 60)])
    func gridColumnsLineUpWithWideAndCombiningText(width: Int, height: Int) throws {
        let tui = try Tmux("--demo --hostile", width: width, height: height)
        try tui.wait(for: "26 resources")
        try tui.command("persons", title: "Persons")
        try tui.checkAlignment("persons")
        // Phone prefixes pick the names: +91 Devanagari, +66 Thai, +8x Chinese, Japanese, Korean.
        try tui.filter("+91")
        try tui.checkAlignment("Devanagari names", containing: "Devanagari") { (0x900...0x97F).contains($0) }
        try tui.filter("+66")
        try tui.checkAlignment("Thai names", containing: "Thai") { (0xE00...0xE7F).contains($0) }
        try tui.filter("+8")
        try tui.checkAlignment("CJK names", containing: "CJK or Hangul") { (0x4E00...0x9FFF).contains($0) || (0xAC00...0xD7A3).contains($0) }
        try tui.command("deals", title: "Deals")
        try tui.filter("family")  // the hostile "👨‍👩‍👧‍👦 family": an emoji ZWJ sequence
        try tui.checkAlignment("emoji titles", containing: "emoji") { $0 >= 0x1F300 }
        try tui.command("organizations", title: "Organizations")
        try tui.filter("o")
        try tui.checkAlignment("organizations")
        try tui.send("C-c")
        #expect(try tui.exitReport().sane)
    }
}

extension Tmux {
    /// Opens a grid by the command line and waits for its first page.
    func command(_ text: String, title: String) throws {
        try command(text)
        try wait(for: "\(title) grid") { $0.lines.first?.contains(title) == true && $0.gridPosition != nil && !$0.contains("loading") }
    }

    /// Replaces the grid's filter and waits for it in the status line.
    func filter(_ text: String) throws {
        try send("/", "C-u")
        try type(text)
        try send("Enter")
        try wait(for: "filter \(text)") { $0.contains("filter \"\(text)\"") && !$0.contains("loading") }
    }

    /// Expects every grid row's separators where the header's are, and (when given) a row with
    /// a scalar of the script being checked, so the check cannot pass on rows without it.
    func checkAlignment(_ what: String, containing script: String? = nil, sourceLocation: SourceLocation = #_sourceLocation,
                        _ isScript: (UInt32) -> Bool = { _ in true }) throws {
        // Each line is measured on its own, so the measure holds only if the screen stayed one frame
        // meanwhile (names fill in after the rows and widen their columns): measured again until it did.
        var (lines, header, found) = try measure()
        for _ in 0..<20 {
            let now = try screen().lines
            if now == lines { break }
            (lines, header, found) = try measure()
        }
        #expect(header.count >= 2, "no grid header in:\n\(lines.joined(separator: "\n"))", sourceLocation: sourceLocation)
        var sawScript = false
        for (line, separators) in found {
            if lines[line].unicodeScalars.contains(where: { isScript($0.value) }) { sawScript = true }
            #expect(separators == header, "\(what): line \(line) \(lines[line].debugDescription) has separators at \(separators), the header at \(header)",
                    sourceLocation: sourceLocation)
        }
        #expect(!found.isEmpty, "\(what): no rows on screen", sourceLocation: sourceLocation)
        if let script {
            #expect(sawScript, "\(what): no \(script) text on screen:\n\(lines.joined(separator: "\n"))", sourceLocation: sourceLocation)
        }
    }

    /// The screen's lines, the header's separators (the second line) and each row's (the lines with a
    /// separator below it; the status line has none).
    private func measure() throws -> (lines: [String], header: [Int], rows: [(Int, [Int])]) {
        let lines = try settle().lines
        let header = try separators(onLine: 1)
        let rows = try (2..<lines.count).filter { lines[$0].contains("│") }.map { ($0, try separators(onLine: $0)) }
        return (lines, header, rows)
    }

    /// The cell columns of the `│` glyphs on a screen line, as tmux placed them: in copy mode the
    /// cursor jumps to each in turn and reports its x, until it stops moving.
    func separators(onLine line: Int) throws -> [Int] {
        var arguments = ["copy-mode", "-t", "0", ";", "send-keys", "-t", "0", "-X", "top-line"]
        for _ in 0..<line { arguments += [";", "send-keys", "-t", "0", "-X", "cursor-down"] }
        arguments += [";", "send-keys", "-t", "0", "-X", "start-of-line"]
        for _ in 0..<40 {
            arguments += [";", "send-keys", "-t", "0", "-X", "jump-forward", "│", ";", "display-message", "-p", "-t", "0", "#{copy_cursor_y} #{copy_cursor_x}"]
        }
        arguments += [";", "send-keys", "-t", "0", "-X", "cancel"]
        var columns: [Int] = []
        for report in try tmux(arguments).split(separator: "\n") {
            let numbers = report.split(separator: " ").compactMap { Int($0) }
            guard numbers.count == 2, numbers[0] == line else { throw TmuxError(message: "copy cursor left line \(line): \(report)") }
            if let last = columns.last, numbers[1] <= last { break }
            columns.append(numbers[1])
        }
        // The first jump from column 0 finds the first separator; a line without one reports 0. The last
        // screen column is left out: there the header shows `›` (more columns) where a row ends its cell.
        let width = Int(try tmux(["display-message", "-p", "-t", "0", "#{pane_width}"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        return columns.filter { $0 > 0 && $0 < width - 1 }
    }
}
