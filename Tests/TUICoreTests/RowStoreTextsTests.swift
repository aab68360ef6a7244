import Foundation
import JSONValue
import PDTUITestSupport
import PipedriveEngine
import Testing

@testable import TUICore

/// A row store encoded straight from an answer's texts (`RowStore(_:schema:)`, what the grid's pages use)
/// equals the one encoded from the parsed rows made records, and finds the same rows by search text.
@Suite struct RowStoreTextsTests {
    /// The store from parsed rows, as `SessionSource` made it before: each row `schema.record(from:)`.
    static func parsed(_ rows: [JSON], _ schema: Schema) -> RowStore {
        RowStore(rows.map { .object(schema.record(from: $0).values) })
    }

    /// Equal rows, and every string value of the rows found in the same rows by the search text.
    static func expectSame(_ fromTexts: RowStore, _ fromValues: RowStore, _ what: String) {
        #expect(fromTexts == fromValues, "\(what)")
        var needles = Set<String>()
        for row in fromValues.prefix(40) {
            for value in row.objectValue?.values.map({ $0 }) ?? [] {
                if let text = value.stringValue, !text.isEmpty { needles.insert(String(text.lowercased().prefix(12))) }
                if let number = value.intValue { needles.insert(String(number)) }
            }
        }
        for needle in needles.prefix(200) {
            let key = RowStore.searchKey(needle)
            #expect(fromTexts.indices(containing: key) == fromValues.indices(containing: key), "\(what): \(needle)")
        }
    }

    /// The sandbox's lists in v1 and v2 (custom fields, renamed fields, amounts and currencies among them).
    @Test(arguments: [PipedriveEngine.APIVersion.v1, .v2])
    func sandboxPages(version: PipedriveEngine.APIVersion) async throws {
        let fixture = try SandboxFixture(inProcess: true)
        let session = fixture.session(version: version)
        let deals = try session.resource(named: "deals")
        _ = try await session.create(deals, values: ["title": .string("Tab\t \"quoted\" \\ é 中文 😀 \u{1B}[2J \u{0}")])
        for name in ["deals", "persons", "organizations", "activities", "products", "leads", "notes"] {
            let resource = try session.resource(named: name)
            let action = try #require(resource.readAction)
            let schema = try await session.schema(of: resource)
            let texts = try await session.page(action, keepsTexts: true).rows
            guard case .texts(let rows) = texts else { Issue.record("\(name): not texts"); continue }
            let values = try await session.page(action).rows
            #expect(values.count > 5, "\(name) \(version)")
            Self.expectSame(try RowStore(rows, schema: schema), Self.parsed(values, schema), "\(name) \(version)")
        }
    }

    /// Hand-written rows: escapes, unicode, text that is not UTF-8, nesting, nulls, repeated keys, whitespace,
    /// custom fields in `custom_fields` and v2's renamed fields.
    @Test func trickyRows() async throws {
        let fixture = try SandboxFixture(inProcess: true)
        let session = fixture.session(version: .v2)
        let deals = try session.resource(named: "deals")
        let schema = try await session.schema(of: deals)
        let custom = try #require(schema.customFields.first { $0.isCustom && $0.type == .monetary }).key
        let option = try #require(schema.customFields.first { $0.isCustom && $0.type == .enumeration }).key
        let body = Array("""
            { "success": true, "data": [
              { "id": 1, "title": "Tab\\there \\"q\\" \\\\ \\/ \\u00e9 \\ud83d\\ude00 Ünï 中文 😀", "value": 1500.5, "currency": "EUR",
                "owner_id": 7, "is_deleted": false, "acv": 12, "label_ids": [ 1, 2 ], "nested": { "a": [ null, -0.0, 1e-7, 123456789012345678.99 ], "b": {} },
                "custom_fields": { "\(custom)": { "value": 10, "currency": "USD" }, "\(option)": 3 },
                "dup": 1, "dup": "last", "none": null, "big": 9223372036854775807, "small": -9223372036854775808 },
              { "custom_fields": { "\(custom)": null }, "id": 2, "title": "bad \u{FFFD}", "nested": [ [ ], { } ] },
              [ 1, "two" ], "scalar", 3.5, null
            ], "additional_data": { "next_cursor": null } }
            """.utf8)
        var broken = body
        let at = try #require(broken.firstIndex(of: 0xEF))  // the U+FFFD above: now bytes that are not UTF-8
        broken.replaceSubrange(at..<(at + 3), with: [0xFF, 0xC0])
        for answer in [body, broken] {
            let (texts, _) = try Extraction.data.rowTexts(from: answer)
            let values = try #require(try JSON(parsing: answer)["data"]?.arrayValue)
            Self.expectSame(try RowStore(texts, schema: schema), Self.parsed(values, schema), "tricky")
        }
    }
}
