import Foundation
import JSONValue
import PipedriveEngine
import Testing
@testable import TUICore

/// A deal schema as the session gives it: the account's `dealFields`, built-in and custom, one of each
/// kind a form fills differently.
let dealSchema: Schema = {
    let resource = Catalog.pipedrive.resource(named: "deals")!
    return Schema(resource: resource, customFields: [
        CustomField(key: "id", name: "ID", type: .int, isCustom: false),
        CustomField(key: "title", name: "Title", type: .varchar, isCustom: false, isMandatory: true),
        CustomField(key: "value", name: "Value", type: .monetary, isCustom: false),
        CustomField(key: "org_id", name: "Organization", type: .org, isCustom: false),
        CustomField(key: "stage_id", name: "Stage", type: .stage, isCustom: false),
        CustomField(key: "update_time", name: "Update time", type: .date, isCustom: false),
        CustomField(key: "9f3c0e1b2a4d5e6f708192a3b4c5d6e7f8091a2b", name: "Renewal tier",
                    type: .enumeration, options: [FieldOption(id: 11, label: "Gold"), FieldOption(id: 12, label: "Silver")]),
        CustomField(key: "a1", name: "Modules", type: .set,
                    options: [FieldOption(id: 21, label: "CRM"), FieldOption(id: 22, label: "Billing"), FieldOption(id: 23, label: "API")]),
        CustomField(key: "a2", name: "Seats", type: .int),
        CustomField(key: "a3", name: "Signed", type: .boolean),
        CustomField(key: "a4", name: "Contract start", type: .date),
        CustomField(key: "a5", name: "Deal summary", type: .text),
    ])
}()

/// The form on top of the stack.
extension AppState {
    var topForm: FormScreen? { stack.last?.screen as? FormScreen }

    /// Focuses the form's field with that title.
    mutating func focus(_ title: String) {
        guard var form = topForm, let entry = stack.last, let i = form.fields.firstIndex(where: { $0.field.title == title }) else {
            Issue.record("no field \(title)")
            return
        }
        form.focus = i
        stack[stack.count - 1] = ComponentEntry(id: entry.id, screen: form)
    }

    func field(_ title: String) -> FormField? { topForm?.fields.first { $0.field.title == title } }
}

/// The edit and create forms as a state machine: keys in, fields, errors, effects and staged
/// changes out. No terminal, no network.
@Suite struct FormTests {
    /// `:deals` with one page of rows, in a write mode.
    func grid(_ mode: WriteMode = .normal) throws -> AppState {
        var state = makeState()
        state.writeMode = mode
        state.command = LineEditor("deals")
        let (id, _) = try #require(state.loadID(state.press(.enter)))
        state.update(.pageLoaded(id, RowPage(rows: deals(1...5), next: nil, columns: dealColumns)))
        return state
    }

    /// Opens a form with a key and delivers the schema it asked for.
    func open(_ key: Character, mode: WriteMode = .normal) throws -> AppState {
        var state = try grid(mode)
        let effects = state.press(.char(key))
        guard case .loadSchema(let id, "deals")? = effects.first else {
            Issue.record("no schema request: \(effects)")
            return state
        }
        #expect(state.topForm?.loading == id)
        state.update(.schemaLoaded(id, dealSchema))
        return state
    }

    @Test func editOpensTheWritableFieldsWithTheRecordsValues() throws {
        let state = try open("e")
        let form = try #require(state.topForm)
        #expect(form.title == "Edit deal: Acme renewal")
        #expect(state.crumbs == ["Resources", "Deals", "Edit deal: Acme renewal"])
        // The account's fields, the name first; the key and what Pipedrive sets itself are left out.
        #expect(form.fields.map(\.field.title) == [
            "Title", "Value", "Organization", "Stage", "Renewal tier", "Modules", "Seats", "Signed", "Contract start",
            "Deal summary",
        ])
        #expect(state.field("Title")?.editor.text == "Acme renewal")
        #expect(state.field("Value")?.editor.text == "1,000.50 EUR")
        #expect(state.field("Renewal tier")?.shown == "Silver")
        #expect(state.field("Organization")?.editor.text == "Acme Corp")
        #expect(state.field("Organization")?.value == "7")
        #expect(!form.isChanged)
        #expect(state.field("Seats")?.input == .line)
        #expect(state.field("Signed")?.input == .toggle)
        #expect(state.field("Modules")?.input == .pick(multiple: true))
        #expect(state.field("Stage")?.input == .reference("stages"))
        #expect(state.field("Deal summary")?.input == .longText)
    }

    @Test func textHoldingAListOrAnObjectIsLeftOut() throws {
        var state = makeState()
        state.command = LineEditor("deals")
        let (page, _) = try #require(state.loadID(state.press(.enter)))
        var row = try #require(deals(1...1).first?.objectValue)
        row["title"] = [["value": "a", "primary": true], ["value": "b"]]
        state.update(.pageLoaded(page, RowPage(rows: [.object(row)], next: nil, columns: dealColumns)))
        guard case .loadSchema(let id, _)? = state.press(.char("e")).first else { Issue.record("no schema request"); return }
        state.update(.schemaLoaded(id, dealSchema))
        #expect(state.field("Title") == nil)
        #expect(state.field("Value") != nil)
    }

    @Test func aWrongIntegerIsShownAsTypedAndStagesNothing() throws {
        var state = try open("e")
        state.focus("Seats")
        state.type("12a")
        #expect(state.field("Seats")?.error == "\"12a\" is not a whole number")
        // It blocks nothing else: the next field takes keys.
        state.press(.tab)
        #expect(state.topForm?.focused?.field.title == "Signed")
        state.press(.char(" "))
        #expect(state.field("Signed")?.value == "yes")
        let effects = state.press(.ctrl("s"))
        #expect(effects.isEmpty)
        #expect(state.staging.isEmpty)
        let form = try #require(state.topForm)
        #expect(form.error == "nothing staged: 1 field needs fixing (Seats)")
        #expect(form.focused?.field.title == "Seats")
        // Fixed, it stages with the other change.
        state.press(.backspace)
        #expect(state.field("Seats")?.error == nil)
        state.press(.ctrl("s"))
        #expect(state.topForm == nil)
        guard case .update(_, let edits)? = state.staging.changes.first?.kind else { Issue.record("nothing staged"); return }
        #expect(edits.map(\.key) == ["a2", "a3"])
        #expect(edits.map(\.new) == [.int(12), .bool(true)])
    }

    @Test func titleAndEnumPickedFromTheListBecomeOneStagedChange() throws {
        var state = try open("e")
        state.press(.ctrl("u"))
        state.type("Acme renewal 2027")
        state.focus("Renewal tier")
        state.press(.enter)
        let list = try #require(state.topForm?.pickList)
        #expect(!list.multiple)
        #expect(list.cursor == 1)  // on the current option, Silver
        state.press(.up, .enter)
        #expect(state.topForm?.pickList == nil)
        #expect(state.field("Renewal tier")?.shown == "Gold")
        #expect(state.field("Renewal tier")?.value == "Gold")
        state.press(.pageDown)  // down to the Stage line
        #expect(state.topForm?.focused == nil)
        state.press(.enter)
        #expect(state.topForm == nil)
        #expect(state.message == AppState.Message(text: "staged: Title, Renewal tier (press c to review and commit)", isError: false))
        #expect(state.staging.changes.count == 1)
        let change = try #require(state.staging.update(of: "deals", id: .int(1)))
        guard case .update(let base, let edits) = change.kind else { Issue.record("not an update"); return }
        #expect(base.id == .int(1))
        #expect(edits.map(\.title) == ["Title", "Renewal tier"])
        #expect(edits.map(\.new) == [.string("Acme renewal 2027"), .int(11)])
        #expect(edits.map(\.old) == [.string("Acme renewal"), .int(12)])

        // Opened again, the form holds the staged values, marked as staged.
        let effects = state.press(.char("e"))
        guard case .loadSchema(let id, _)? = effects.first else { Issue.record("no schema request"); return }
        state.update(.schemaLoaded(id, dealSchema))
        #expect(state.field("Title")?.editor.text == "Acme renewal 2027")
        #expect(state.field("Title")?.isStaged == true)
        #expect(state.field("Renewal tier")?.shown == "Gold")
        #expect(state.field("Seats")?.isStaged == false)
        #expect(state.topForm?.isChanged == false)
    }

    @Test func aSetIsPickedWithSpaceAndWrittenAsOptions() throws {
        var state = try open("e")
        state.focus("Modules")
        state.press(.char(" "))
        #expect(state.topForm?.pickList?.multiple == true)
        state.press(.char(" "), .down, .down, .char(" "))
        #expect(state.topForm?.pickList?.marked == [21, 23])
        // Typing narrows the list.
        state.type("bil")
        #expect(state.topForm?.pickList.map { $0.visible(state.field("Modules")!.options).map(\.label) } == ["Billing"])
        state.press(.char(" "), .enter)
        #expect(state.field("Modules")?.selected == [21, 22, 23])
        #expect(state.field("Modules")?.shown == "CRM, Billing, API")
        state.press(.ctrl("s"))
        guard case .update(_, let edits)? = state.staging.changes.first?.kind else { Issue.record("nothing staged"); return }
        #expect(edits.first?.new == .array([.int(21), .int(22), .int(23)]))
    }

    @Test func aReferenceIsChosenByNameOrTypedAsANumber() throws {
        var state = try open("e")
        state.focus("Organization")
        state.press(.ctrl("u"))
        state.type("A")
        var effects = state.type("c")
        guard case .search(let search, "organizations", "Ac")? = effects.last else { Issue.record("no search: \(effects)"); return }
        #expect(state.isLoading)
        state.update(.choicesLoaded(search, [Choice(id: 31, label: "Acme Group"), Choice(id: 32, label: "Acorn Ltd")]))
        // ↓ moves in the matches while they are shown; Enter picks and goes on to the next field.
        state.press(.down)
        #expect(state.topForm?.focused?.field.title == "Organization")
        state.press(.enter)
        #expect(state.field("Organization")?.editor.text == "Acorn Ltd")
        #expect(state.field("Organization")?.value == "32")
        #expect(state.topForm?.focused?.field.title == "Stage")
        // A name not picked is refused when leaving; a number is taken as it is.
        state.type("Won")
        effects = state.press(.tab)
        #expect(effects.contains { if case .cancel = $0 { true } else { false } })
        #expect(state.field("Stage")?.error?.hasPrefix("no stage picked") == true)
        state.focus("Stage")
        state.press(.ctrl("u"))
        state.type("4")
        state.press(.tab)
        #expect(state.field("Stage")?.error == nil)
        state.press(.ctrl("s"))
        guard case .update(_, let edits)? = state.staging.changes.first?.kind else { Issue.record("nothing staged"); return }
        #expect(edits.map(\.key) == ["org_id", "stage_id"])
        // The picked organization keeps its name (the commit view shows it); the id is what is sent.
        #expect(edits.map(\.new) == [["value": 32, "name": "Acorn Ltd"], .int(4)])
        #expect(dealSchema.updateBody(from: Record(id: .int(1), values: [:]), to: Record(id: .int(1), values: ["org_id": edits[0].new]), version: .v2)
                == ["org_id": 32])
        #expect(ValueFormatter().display(edits[0].new, kind: .organization) == "Acorn Ltd")
    }

    @Test func aSearchWithNoMatchSaysSo() throws {
        var state = try open("e")
        state.focus("Organization")
        state.press(.ctrl("u"))
        guard case .search(let id, _, _)? = state.type("Zz").last else { Issue.record("no search"); return }
        state.update(.choicesLoaded(id, []))
        #expect(state.field("Organization")?.error == "no match for \"Zz\"")
    }

    @Test func longTextGoesThroughTheEditor() throws {
        var state = try open("e")
        state.focus("Deal summary")
        let effects = state.press(.enter)
        guard case .editText(let id, text: "")? = effects.first else { Issue.record("no editor: \(effects)"); return }
        // Keys wait while the editor has the terminal.
        state.type("x")
        state.update(.textEdited(id, "First line\nsecond line\n"))
        #expect(state.field("Deal summary")?.editor.text == "First line\nsecond line")
        #expect(state.topForm?.isChanged == true)
        let again = state.press(.enter)
        guard case .editText(let second, _)? = again.first else { Issue.record("no editor"); return }
        state.update(.failed(second, "vi exited with status 1; the text is unchanged"))
        #expect(state.field("Deal summary")?.error == "the editor failed: vi exited with status 1; the text is unchanged")
        #expect(state.field("Deal summary")?.editor.text == "First line\nsecond line")
    }

    @Test func escapeAsksBeforeDiscardingWhatWasTyped() throws {
        var state = try open("e")
        state.press(.escape)
        #expect(state.topForm == nil)  // nothing typed: closes at once
        state = try open("e")
        state.type("!")
        state.press(.escape)
        #expect(state.topForm?.confirmingDiscard == true)
        state.press(.char("n"))
        #expect(state.topForm?.confirmingDiscard == false)
        #expect(state.field("Title")?.editor.text == "Acme renewal!")
        state.press(.escape, .char("y"))
        #expect(state.topForm == nil)
        #expect(state.staging.isEmpty)
        #expect(state.topGrid != nil)
    }

    @Test func newRecordMarksRequiredFieldsAndStagesOnlyWhenThereAreFilled() throws {
        var state = try open("n")
        let form = try #require(state.topForm)
        #expect(form.isNew)
        #expect(form.title == "New deal")
        #expect(form.fields.filter(\.field.isMandatory).map(\.field.title) == ["Title"])
        #expect(form.fields.allSatisfy { $0.value.isEmpty })
        // Leaving the empty required field says nothing until Stage.
        state.press(.tab)
        #expect(state.field("Title")?.error == nil)
        state.press(.ctrl("s"))
        #expect(state.field("Title")?.error == "is required")
        #expect(state.staging.isEmpty)
        state.focus("Title")
        state.type("Globex pilot")
        state.focus("Organization")
        guard case .search(let id, "organizations", "Glo")? = state.type("Glo").last else { Issue.record("no search"); return }
        state.update(.choicesLoaded(id, [Choice(id: 44, label: "Globex")]))
        state.press(.enter)
        state.focus("Value")
        state.type("1500 EUR")
        state.press(.ctrl("s"))
        #expect(state.topForm == nil)
        #expect(state.message?.text == "staged: new deal \"Globex pilot\" (press c to review and commit)")
        guard case .create(let values)? = state.staging.changes.first?.kind else { Issue.record("nothing staged"); return }
        // The organization picked by name keeps it (shown until the commit, which sends the id).
        #expect(values == ["title": "Globex pilot", "org_id": ["value": 44, "name": "Globex"], "value": ["value": .int(1500), "currency": "EUR"]])
    }

    @Test func readOnlyRefusesBothForms() throws {
        var state = try grid(.readOnly)
        #expect(state.press(.char("e")).isEmpty)
        #expect(state.message?.isError == true)
        #expect(state.message?.text.hasPrefix("read-only") == true)
        #expect(state.press(.char("n")).isEmpty)
        #expect(state.message?.text.hasPrefix("read-only") == true)
        #expect(state.topForm == nil)
        // Dry run edits as usual.
        let dry = try open("e", mode: .dryRun)
        #expect(dry.topForm?.fields.isEmpty == false)
    }

    @Test func aResourceWithoutUpdateOrCreateSaysSo() throws {
        let info = try #require(catalog.first { !$0.writeActions.contains(.update) && $0.actions.contains { $0.name == "Read" && $0.parameters.isEmpty } })
        var state = makeState()
        state.command = LineEditor(info.id)
        let (id, _) = try #require(state.loadID(state.press(.enter)))
        state.update(.pageLoaded(id, RowPage(rows: [["id": 1, "name": "x"]], next: nil)))
        #expect(state.press(.char("e")).isEmpty)
        #expect(state.message?.text == "\(info.title) cannot be edited: Pipedrive has no Update for \(info.id)")
    }

    @Test func aRecordStagedForDeletionIsNotEdited() throws {
        var state = try grid()
        try state.staging.delete([Record(id: .int(1), values: ["id": 1, "title": "Acme renewal"])],
                                 of: Catalog.pipedrive.resource(named: "deals")!)
        #expect(state.press(.char("e")).isEmpty)
        #expect(state.message?.text == "this record is staged for deletion: unstage that in the commit view (c) to edit it")
        #expect(state.topForm == nil)
    }

    @Test func editFromTheDetail() throws {
        var state = try grid()
        state.press(.down, .enter)
        guard case .loadSchema(_, "deals")? = state.press(.char("e")).first else { Issue.record("no form from the detail"); return }
        #expect(state.topForm?.title == "Edit deal: Deal 2")
        state.press(.escape)
        guard state.topDetail != nil else { Issue.record("not back at the detail"); return }
    }

    @Test func aSchemaThatFailsToLoadIsShownOnTheForm() throws {
        var state = try grid()
        guard case .loadSchema(let id, _)? = state.press(.char("e")).first else { Issue.record("no schema request"); return }
        state.update(.failed(id, "Pipedrive answered 500"))
        #expect(state.topForm?.error == "cannot load the fields: Pipedrive answered 500")
        #expect(!state.isLoading)
        state.press(.escape)
        #expect(state.topForm == nil)
    }

    @Test func leavingTheFormCancelsItsRequests() throws {
        var state = try grid()
        guard case .loadSchema(let id, _)? = state.press(.char("e")).first else { Issue.record("no schema request"); return }
        #expect(state.press(.escape).contains(.cancel(id)))
    }

    @Test func focusScrollsThroughALongForm() throws {
        var state = try open("e")
        state.update(.resize(Size(width: 80, height: 10)))
        #expect(state.shared.formRows == 4)
        state.press(.pageDown, .pageDown, .pageDown)
        let form = try #require(state.topForm)
        #expect(form.focus == form.stageLine)
        #expect(form.top == form.stageLine - 3)
        state.press(.up)
        #expect(state.topForm?.focused?.field.title == "Deal summary")
    }
}

extension FormTests {
    /// A new record the server refused is fixed in its own form: `e` on its row opens it filled, with the
    /// refusal, and saving replaces the staged create (it said "this row has no id").
    @Test func aRefusedNewRecordReopensInItsForm() throws {
        var state = try grid()
        guard case .success(let change) = state.staging.create(in: dealSchema, text: ["title": "Acme pilot", "a2": "12"]) else {
            Issue.record("not staged")
            return
        }
        state.staging.apply(ChangeOutcome(changeID: change, result: .failed(message: "Seats must be at most 10", doneIDs: [])))
        state.press(.char("g"), .char("g"))  // the new row is the first (shown after the first key)
        guard case .loadSchema(let id, "deals")? = state.press(.char("e")).first else { Issue.record("no form"); return }
        state.update(.schemaLoaded(id, dealSchema))
        #expect(state.topForm?.error?.contains("Seats must be at most 10") == true)
        #expect(state.field("Title")?.value == "Acme pilot" && state.field("Seats")?.value == "12")
        state.focus("Seats")
        state.press(.backspace, .backspace)
        state.type("8")
        state.press(.ctrl("s"))
        #expect(state.topForm == nil)
        #expect(state.staging.changes.count == 1)
        guard case .create(let values)? = state.staging.changes.first?.kind else { Issue.record("no create"); return }
        #expect(values["title"] == "Acme pilot" && values["a2"] == 8)
    }
}

extension FormTests {
    /// `e` on a search result reads the whole record by id before the form is built: the search's row lacks
    /// fields (a deal's pipeline, custom fields), and a form on it showed them empty.
    @Test func aSearchResultIsReadWholeBeforeItsFormOpens() throws {
        var state = makeState()
        state.command = LineEditor("deals search acme")
        let (page, _) = try #require(state.loadID(state.press(.enter)))
        var partial = try #require(deals(7...7).first?.objectValue)
        partial["a2"] = nil
        state.update(.pageLoaded(page, RowPage(rows: [.object(partial)], next: nil, columns: dealColumns)))
        let effects = state.press(.char("e"))
        guard case .loadSchema(let schema, "deals")? = effects.first,
              case .session(let read, let work)? = effects.last else { Issue.record("no whole read: \(effects)"); return }
        #expect(work.name == "read deals 7")
        state.update(.schemaLoaded(schema, dealSchema))
        #expect(state.topForm?.fields.isEmpty == true)  // waits for the record
        var whole = partial
        whole["a2"] = 9
        state.update(.recordLoaded(read, .object(whole)))
        #expect(state.field("Seats")?.value == "9")
        #expect(state.field("Title")?.value == partial["title"]?.stringValue)
    }
}
