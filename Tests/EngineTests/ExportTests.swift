import Foundation
import Testing
import JSONValue
import PipedriveSandbox
@testable import PipedriveEngine

/// Rows written to real files as CSV, JSON and NDJSON, read back.
@Suite struct ExportTests {
    let fixture: SandboxFixture
    let folder: TemporaryFolder

    init() throws {
        fixture = try SandboxFixture()
        folder = try TemporaryFolder()
    }

    /// Deals with an awkward title, under the columns a grid shows: title, an option field, the amount.
    func table(formatted: Bool) async throws -> (ExportTable, [Record], RecordField) {
        let session = fixture.session()
        let deals = try session.resource(named: "deals")
        let schema = try await session.schema(of: deals)
        var records = try await load(session, "deals", limit: 3)
        records[0] = try await session.update(deals, record: records[0], text: ["title": "Acme, \"Big\"\r\nrenewal ✓"])
        let option = try #require(schema.fields.first { $0.isCustom && $0.kind == .option && !$0.options.isEmpty })
        records[1] = try await session.update(deals, record: records[1], text: [option.key: option.options[0].label])
        let fields = ["title", option.key, "value"].compactMap(schema.field)
        return (ExportTable(rows: records.map(\.values), fields: fields, formatted: formatted), records, option)
    }

    @Test func csvIsRFC4180WithTheShownNamesAndValues() async throws {
        let (table, records, option) = try await table(formatted: true)
        let path = folder.path + "/deals.csv"
        #expect(try Export.write(table, to: path, overwrite: false) == path)
        // Shown values as the grid shows them: the title on one line, the option by its label.
        let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\r\n")
        #expect(lines.count == 5 && lines[0] == "Title,\(option.title),Value" && lines.last == "")
        #expect(lines[1].hasPrefix("\"Acme, \"\"Big\"\"  renewal ✓\","))
        #expect(lines[2].hasPrefix(Export.csvLine([records[1]["title"]!.stringValue!]).dropLast() + ",\(option.options[0].label),"))
        // Raw values keep the line break, inside quotes.
        let raw = folder.path + "/raw.csv"
        try Export.write(try await self.table(formatted: false).0, to: raw, overwrite: false)
        #expect(try String(contentsOfFile: raw, encoding: .utf8).contains("\r\n\"Acme, \"\"Big\"\"\r\nrenewal ✓\","))
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
    }

    @Test func jsonAndNDJSONKeepTheColumnOrderAndRawValues() async throws {
        let (table, records, option) = try await table(formatted: false)
        let json = folder.path + "/deals.json", ndjson = folder.path + "/deals.ndjson"
        try Export.write(table, to: json, overwrite: false)
        try Export.write(table, to: ndjson, overwrite: false)
        let array = try #require(try JSON(parsing: Array(Data(contentsOf: URL(fileURLWithPath: json)))).arrayValue)
        #expect(array.count == 3 && array[0]["Title"] == records[0]["title"] && array[1][option.title] == .int(option.options[0].id))
        let text = try String(contentsOfFile: json, encoding: .utf8)
        #expect(text.hasPrefix("[\n{\"Title\":") && text.components(separatedBy: "\n")[1].contains("\"\(option.title)\":"))
        let lines = try String(contentsOfFile: ndjson, encoding: .utf8).split(separator: "\n")
        #expect(try lines.map { try JSON(parsing: Array($0.utf8)) } == array)
        #expect(ExportTable(columns: ["A"], rows: []).encoded(.json) == Array("[]\n".utf8))
    }

    @Test func anExistingFileIsKeptUnlessForcedAndBadPathsAreRefused() throws {
        let table = ExportTable(columns: ["Name", "Name"], rows: [["a", 1]])
        let path = folder.path + "/out.jsonl"
        FileManager.default.createFile(atPath: path, contents: Data("keep".utf8), attributes: [.posixPermissions: 0o644])
        #expect(throws: PipedriveError.self) { try Export.write(table, to: path, overwrite: false) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep")
        try Export.write(table, to: path, overwrite: true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{\"Name\":\"a\",\"Name (2)\":1}\n")
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        for bad in [folder.path + "/out.txt", folder.path + "/missing/out.csv", folder.path] {
            #expect(throws: PipedriveError.self, "\(bad)") { try Export.write(table, to: bad + (bad == folder.path ? "/" : ""), overwrite: true) }
        }
    }
}
