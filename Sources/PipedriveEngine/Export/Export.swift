import Foundation
import JSONValue

#if canImport(Glibc)
import Glibc
#endif

/// The file formats rows are written in, chosen by the file's extension.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// RFC 4180: a header line of the column names, CRLF line ends, quotes doubled.
    case csv
    /// One array of objects, keys in column order.
    case json
    /// One object a line.
    case ndjson

    /// `.csv`, `.json`, `.ndjson` or `.jsonl`.
    public init(path: String) throws(PipedriveError) {
        switch (path as NSString).pathExtension.lowercased() {
        case "csv": self = .csv
        case "json": self = .json
        case "ndjson", "jsonl": self = .ndjson
        default:
            throw PipedriveError(.invalidInput, "Nothing was written: \(Sanitize.inline(path)) should end in .csv, .json or .ndjson.")
        }
    }
}

/// Rows as the user sees them: the visible columns in their order under their shown names, and each row's
/// cells in that order (shown text, or raw values).
public struct ExportTable: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[JSON]]

    public init(columns: [String], rows: [[JSON]]) {
        self.columns = columns
        self.rows = rows
    }

    /// The rows' values of these fields, under the fields' titles: as shown (`formatted`, by `formatter`:
    /// options by label, references by name, times in the viewer's zone), or as the API has them.
    public init(rows: [[String: JSON]], fields: [RecordField], formatted: Bool, formatter: ValueFormatter = ValueFormatter()) {
        columns = fields.map(\.title)
        self.rows = rows.map { row in
            fields.map { field in formatted ? .string(formatter.display(row[field.key], for: field)) : row[field.key] ?? .null }
        }
    }

    /// The table in `format`.
    public func encoded(_ format: ExportFormat) -> [UInt8] {
        var out: [UInt8] = []
        switch format {
        case .csv:
            out += Array(Export.csvLine(columns).utf8)
            for row in rows { out += Array(Export.csvLine(row.map(Export.text)).utf8) }
        case .json:
            out += Array("[".utf8)
            for (index, row) in rows.enumerated() {
                out += Array((index == 0 ? "\n" : ",\n").utf8)
                object(row, into: &out)
            }
            out += Array((rows.isEmpty ? "]\n" : "\n]\n").utf8)
        case .ndjson:
            for row in rows {
                object(row, into: &out)
                out.append(0x0A)
            }
        }
        return out
    }

    /// `{"Title": …, "Owner": …}` with the keys in column order (a repeated name gets ` (2)`).
    private func object(_ row: [JSON], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (index, (name, value)) in zip(uniqueColumns, row).enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSON.string(name).write(into: &out)
            out.append(UInt8(ascii: ":"))
            value.write(into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    private var uniqueColumns: [String] {
        var seen: [String: Int] = [:]
        return columns.map { name in
            seen[name, default: 0] += 1
            return seen[name]! == 1 ? name : "\(name) (\(seen[name]!))"
        }
    }
}

/// Writing rows to files and text (shared by `pdtui get` and the grid's export).
public enum Export {
    /// Writes the table to `path` (`~` expanded) in the format its extension names, mode 0600. An existing
    /// file is kept unless `overwrite`; a replaced one is swapped in whole. Returns the path written.
    @discardableResult
    public static func write(_ table: ExportTable, to path: String, overwrite: Bool) throws(PipedriveError) -> String {
        let full = LocalFile.expand(path)
        let bytes = table.encoded(try ExportFormat(path: full))
        let shown = Sanitize.inline(full)
        let folder = (full as NSString).deletingLastPathComponent
        guard LocalFile.isDirectory(folder.isEmpty ? "." : folder) else {
            throw PipedriveError(.invalidInput, "Nothing was written: the folder \(Sanitize.inline(folder)) does not exist.")
        }
        guard !LocalFile.isDirectory(full) else { throw PipedriveError(.invalidInput, "Nothing was written: \(shown) is a folder.") }
        if overwrite { try SecureFile.write(bytes, to: full); return full }
        let fd = open(full, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw PipedriveError(
                .invalidInput,
                errno == EEXIST ? "Nothing was written: \(shown) already exists and was kept; write it with ! (or --force) to replace it."
                    : "Nothing was written: \(shown) cannot be created: \(String(cString: strerror(errno))).")
        }
        let written = bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if count <= 0 { return false }
                offset += count
            }
            return true
        }
        let synced = written && fsync(fd) == 0
        guard close(fd) == 0, synced else {
            unlink(full)
            throw PipedriveError(.invalidInput, "Nothing was written: \(shown) could not be written.")
        }
        return full
    }

    /// One RFC 4180 line: a cell with a comma, quote or line break is quoted, quotes doubled; CRLF.
    public static func csvLine(_ cells: [String]) -> String {
        cells.map { cell in
            cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }.joined(separator: ",") + "\r\n"
    }

    /// A value as a cell's text: strings as they are, other values as compact JSON, null as empty.
    public static func text(_ value: JSON?) -> String {
        switch value {
        case nil, .null?: ""
        case .string(let text)?: text
        case let other?: other.serializedString
        }
    }
}
