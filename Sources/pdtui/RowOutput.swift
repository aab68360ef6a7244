import ArgumentParser
import Foundation
import JSONValue
import PipedriveEngine
import TUICore

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, ndjson, csv
}

/// Writes rows to stdout as they arrive, one write per page, in one of the output formats.
///
/// `json` streams one array; `ndjson` one object per line; `csv` and `table` take their columns from
/// the first page. In `table` every control character is shown as a visible symbol, so text from the
/// API cannot move the cursor or change the terminal; cells are padded by display width.
struct RowOutput {
    let format: OutputFormat
    let preferredColumns: [String]
    var columns: [String]?
    var widths: [Int] = []
    var wroteAny = false
    var buffer: [UInt8] = []
    var writer = JSONWriter()

    init(format: OutputFormat, preferredColumns: [String]) {
        self.format = format
        self.preferredColumns = preferredColumns
    }

    mutating func write(_ rows: [JSON]) {
        buffer.removeAll(keepingCapacity: true)
        if columns == nil, !rows.isEmpty, format == .csv || format == .table { start(with: rows) }
        for row in rows {
            switch format {
            case .ndjson, .json:
                startJSONRow()
                writer.write(row, into: &buffer)
                endJSONRow()
            case .csv:
                buffer.append(contentsOf: Array(Export.csvLine(columns!.map { Export.text(row[$0]) }).utf8))
            case .table:
                buffer.append(contentsOf: Array(tableLine(columns!.map { Export.text(row[$0]) }).utf8))
            }
            wroteAny = true
        }
        flush()
    }

    /// Rows of `json` or `ndjson` as the API's texts of them.
    mutating func write(_ texts: RowTexts) {
        buffer.removeAll(keepingCapacity: true)
        for row in 0..<texts.count {
            startJSONRow()
            buffer += texts[row]
            endJSONRow()
        }
        flush()
    }

    /// What goes before a row: in `json` the array's opening, or the comma after the row before.
    private mutating func startJSONRow() {
        if format == .json { buffer.append(contentsOf: (wroteAny ? ",\n" : "[\n").utf8) }
        wroteAny = true
    }

    private mutating func endJSONRow() {
        if format == .ndjson { buffer.append(0x0A) }
    }

    mutating func finish() {
        buffer.removeAll(keepingCapacity: true)
        if format == .json { buffer.append(contentsOf: Array((wroteAny ? "\n]\n" : "[]\n").utf8)) }
        if format == .table, !wroteAny { buffer.append(contentsOf: Array("(no rows)\n".utf8)) }
        flush()
    }

    private mutating func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(STDOUT_FILENO, raw.baseAddress! + offset, raw.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }

    /// Columns: the id and the naming field first, then the catalog's fields present in the first page in
    /// the seed's order, then the rest sorted.
    private mutating func start(with rows: [JSON]) {
        var present = Set<String>()
        for row in rows { present.formUnion(row.objectValue?.keys ?? [:].keys) }
        // (A table's columns are field titles: `ID`, `Title`.)
        var columns = ["id", "ID", "title", "Title", "name", "Name", "subject", "Subject"].filter(present.contains)
        columns += preferredColumns.filter { present.contains($0) && !columns.contains($0) }
        columns += present.subtracting(columns).sorted()
        if format == .table {
            widths = columns.map { column in
                let title = TextWidth.of(column)
                return min(Self.maxWidth, rows.map { TextWidth.of(Self.inert(Export.text($0[column]))) }.max().map { max($0, title) } ?? title)
            }
            let total = Self.terminalWidth()
            var used = 0
            var kept = 0
            for width in widths where used + width <= total || kept == 0 {
                used += width + 2
                kept += 1
            }
            columns = Array(columns.prefix(kept))
            widths = Array(widths.prefix(kept))
        }
        self.columns = columns
        buffer.append(contentsOf: Array((format == .csv ? Export.csvLine(columns) : tableLine(columns)).utf8))
    }

    static let maxWidth = 30

    func tableLine(_ cells: [String]) -> String {
        var line = ""
        // Padded by display width, as the TUI measures it: a CJK character takes two columns.
        for (cell, width) in zip(cells, widths) { line += TextWidth.fit(Self.inert(cell), to: width) + "  " }
        while line.hasSuffix(" ") { line.removeLast() }
        return line + "\n"
    }

    /// Control characters, escape sequences and bidi overrides shown as visible symbols (ESC becomes ␛),
    /// as the TUI draws them.
    static func inert(_ text: String) -> String { Sanitizer.inert(text) }

    static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap({ Int($0) }), columns > 0 { return columns }
        return 160
    }
}
