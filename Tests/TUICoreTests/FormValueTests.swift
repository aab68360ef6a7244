import Foundation
import JSONValue
import PipedriveEngine
import Testing
@testable import TUICore

/// What a form keeps and offers: keys typed before its fields came, control characters already in a
/// value, and options whose ids are codes or UUIDs picked from a list. No terminal, no network.
@Suite struct FormValueTests {
    /// A deal's `status` (option ids `open`, `won`...) and labels with UUID ids, as real accounts list them.
    static let schema = Schema(resource: Catalog.pipedrive.resource(named: "deals")!, customFields: [
        CustomField(key: "title", name: "Title", type: .varchar, isCustom: false, isMandatory: true),
        CustomField(key: "status", name: "Status", type: .status, options: [
            FieldOption(id: -1, label: "Open", value: "open"), FieldOption(id: -2, label: "Won", value: "won"),
            FieldOption(id: -3, label: "Lost", value: "lost"),
        ], isCustom: false),
        CustomField(key: "is_archived", name: "Archived", type: .boolean, options: [
            FieldOption(id: -1, label: "Archived", value: true), FieldOption(id: -2, label: "In use", value: false),
        ], isCustom: false),
        // Computed by Pipedrive (no Create or Update body takes them): never offered.
        CustomField(key: "products_count", name: "Products", type: .int, isCustom: false),
        CustomField(key: "weighted_value", name: "Weighted value", type: .monetary, isCustom: false),
        CustomField(key: "label_ids", name: "Labels", type: .set, options: [
            FieldOption(id: -1, label: "Hot", value: "f1e2d3c4-0000-4000-8000-000000000001"),
            FieldOption(id: -2, label: "Cold", value: "f1e2d3c4-0000-4000-8000-000000000002"),
        ], isCustom: false),
    ])

    /// `:deals` with rows, then `e` on the first: the form, its schema not yet come.
    func opening(_ row: (inout [String: JSON]) -> Void = { _ in }) throws -> (AppState, Int) {
        var state = makeState(100, 30)
        state.command = LineEditor("deals")
        let (page, _) = try #require(state.loadID(state.press(.enter)))
        var first = try #require(deals(1...1).first?.objectValue)
        first["label_ids"] = ["f1e2d3c4-0000-4000-8000-000000000002"]
        first["is_archived"] = false
        row(&first)
        state.update(.pageLoaded(page, RowPage(rows: [.object(first)], next: nil, columns: dealColumns)))
        guard case .loadSchema(let id, "deals")? = state.press(.char("e")).first else {
            Issue.record("no schema request")
            return (state, 0)
        }
        return (state, id)
    }

    @Test func keysTypedWhileTheFormOpensAreKept() throws {
        var (state, id) = try opening()
        state.type(" 2027")
        state.press(.tab)
        state.press(.ctrl("s"))  // not before the user has seen the fields
        #expect(state.message?.text == "the fields are still loading: nothing staged yet")
        state.update(.schemaLoaded(id, Self.schema))
        #expect(state.field("Title")?.editor.text == "Acme renewal 2027")
        #expect(state.topForm?.focused?.field.title == "Status")
        #expect(state.staging.isEmpty)
        state.press(.ctrl("s"))
        guard case .update(_, let edits)? = state.staging.changes.first?.kind else { Issue.record("nothing staged"); return }
        #expect(edits.map(\.new) == ["Acme renewal 2027"])
    }

    @Test func escapeWhileTheFormOpensClosesIt() throws {
        var (state, id) = try opening()
        state.type("abc")
        state.press(.escape)
        #expect(state.topForm == nil)
        state.update(.schemaLoaded(id, Self.schema))
        #expect(state.topForm == nil)
        #expect(state.staging.isEmpty)
    }

    @Test func controlCharactersStayUnlessTheFieldIsChanged() throws {
        var (state, id) = try opening { $0["title"] = "Acme\u{1B}[31m\tre\u{7}newal" }
        state.update(.schemaLoaded(id, Self.schema))
        #expect(state.field("Title")?.editor.text == "Acme\u{1B}[31m\tre\u{7}newal")
        // Shown inert on the screen.
        let screen = Renderer(theme: .plain, ascii: false).render(state).text()
        #expect(screen.contains("Acme␛[31m␉re␇newal"))
        #expect(!screen.contains("\u{1B}"))
        // Another field changed: the title is not touched.
        state.focus("Status")
        state.press(.enter)
        state.type("Won")
        state.press(.enter)
        state.press(.ctrl("s"))
        guard case .update(_, let edits)? = state.staging.changes.first?.kind else { Issue.record("nothing staged"); return }
        #expect(edits.map(\.key) == ["status"])

        // The title itself edited: what was typed is added, the rest kept as it was.
        let reopened = state.press(.char("e"))
        guard case .loadSchema(let again, _)? = reopened.first else { Issue.record("no schema request"); return }
        state.update(.schemaLoaded(again, Self.schema))
        state.type("!")
        state.press(.ctrl("s"))
        guard case .update(_, let both)? = state.staging.changes.first?.kind else { Issue.record("nothing staged"); return }
        #expect(both.first { $0.key == "title" }?.new == "Acme\u{1B}[31m\tre\u{7}newal!")
    }

    /// Neither the edit form nor the new one offers a field Pipedrive computes.
    @Test func formsOfferNoComputedField() {
        for creating in [false, true] {
            let offered = Self.schema.fields.filter { FormScreen.offers($0, listed: true, creating: creating) }.map(\.key)
            #expect(offered.contains("title") && offered.contains("is_archived"))
            #expect(!offered.contains("products_count") && !offered.contains("weighted_value"), "\(offered)")
        }
    }

    @Test func codesAndUUIDsArePickedByLabelAndWrittenAsIDs() throws {
        var (state, id) = try opening()
        state.update(.schemaLoaded(id, Self.schema))
        // Loaded by label: the status code and the label's UUID.
        #expect(state.field("Status")?.input == .pick(multiple: false))
        #expect(state.field("Status")?.shown == "Open")
        #expect(state.field("Labels")?.shown == "Cold")
        #expect(state.topForm?.isChanged == false)
        state.focus("Status")
        state.press(.char(" "))
        #expect(state.topForm?.pickList != nil)
        state.type("won")
        state.press(.enter)
        #expect(state.field("Status")?.shown == "Won")
        #expect(state.field("Archived")?.input == .pick(multiple: false))
        #expect(state.field("Archived")?.shown == "In use")
        #expect(state.field("Products") == nil && state.field("Weighted value") == nil)
        state.focus("Archived")
        state.press(.char(" "))
        state.type("archived")
        state.press(.enter)
        state.focus("Labels")
        state.press(.char(" "), .up, .char(" "), .enter)  // the list opens on Cold; marks Hot, above it
        #expect(state.field("Labels")?.shown == "Hot, Cold")
        state.press(.ctrl("s"))
        guard case .update(_, let edits)? = state.staging.changes.first?.kind else { Issue.record("nothing staged"); return }
        #expect(edits.first { $0.key == "status" }?.new == "won")
        #expect(edits.first { $0.key == "is_archived" }?.new == true)
        #expect(edits.first { $0.key == "label_ids" }?.new
            == ["f1e2d3c4-0000-4000-8000-000000000001", "f1e2d3c4-0000-4000-8000-000000000002"])
    }

    @Test func aCodeThatIsNoOptionIsRefusedBeforeStaging() throws {
        let field = try #require(Self.schema.fields.first { $0.key == "status" })
        #expect(throws: ValueError.self) { try ValueParser().parse("closed", for: field) }
        #expect(try ValueParser().parse("Lost", for: field) == "lost")
        #expect(try ValueParser().parse("won", for: field) == "won")
    }
}
