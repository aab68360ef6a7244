import JSONValue
import PipedriveEngine

/// `:` commands that act on the grid on top: find and replace in its column (`:s/OLD/NEW/gir`), export
/// what it shows (`:w PATH`, `:W PATH` after loading every page; `!` for raw values, and to replace a
/// file), and go to a record (`:7`).
enum GridCommand: Equatable, Sendable {
    case substitute(Substitution)
    case export(path: String, raw: Bool, allPages: Bool)
    case goTo(Int)

    /// The command a line holds; nil when it is not a grid command, an error when it is one written wrong.
    static func parse(_ line: String) throws(PipedriveError) -> GridCommand? {
        if let id = Int(line), id > 0 { return .goTo(id) }
        if line.hasPrefix("s"), let delimiter = line.dropFirst().first, !delimiter.isLetter, !delimiter.isNumber, !delimiter.isWhitespace {
            return .substitute(try Substitution(parsing: line))
        }
        let words = line.split(separator: " ", maxSplits: 1).map(String.init)
        guard let head = words.first, ["w", "w!", "W", "W!"].contains(head) else { return nil }
        let path = words.count > 1 ? words[1].trimmingCharacters(in: .whitespaces) : ""
        guard !path.isEmpty else {
            throw PipedriveError(.invalidInput, ":\(head) PATH writes the grid to a file ending in .csv, .json or .ndjson")
        }
        _ = try ExportFormat(path: path)
        return .export(path: path, raw: head.hasSuffix("!"), allPages: head.hasPrefix("W"))
    }
}

extension GridScreen {
    /// What `:w` writes: the visible columns in their order under their shown names, and the loaded rows
    /// the filter keeps in their sorted order, as shown (or `raw`, as the API has them). New records
    /// staged and not yet created are not on Pipedrive and are left out.
    func exportTable(raw: Bool, format: ValueFormat) -> ExportTable {
        let rows = (newRows.count..<visibleCount).compactMap { row(at: $0) }
        return ExportTable(
            columns: columns.map { ValueFormatter.clean($0.title) },
            rows: rows.map { row in columns.map { column in raw ? row[column.key] ?? .null : .string(format.cell(row, column)) } })
    }

    /// The rows `:s` works on: the marked ones, else those the filter keeps, else every loaded row.
    var substitutionRows: [JSON] {
        if !marked.isEmpty { return markedRows }
        return (newRows.count..<visibleCount).compactMap { row(at: $0) }
    }
}
