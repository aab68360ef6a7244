import Foundation
import JSONValue
import PipedriveEngine
import Testing
@testable import TUICore

/// "Hints never offer what the screen refuses", on every screen and overlay in its usual states: each
/// key the hint bar shows is pressed (on a copy of the state) and must act (an effect, or a change on
/// screen besides the message line), never refuse (an error message) nor do nothing.
@Suite struct HintKeysTests {
    let writes = WriteStateTests()

    /// The keys a hint names: its actions' first keys in the user's key map, or its fixed label read as keys
    /// (`Tab ↑↓`, `←/→`); none for typed text (`type`, `a-z`).
    static func keys(_ hint: Hint, _ keyMap: KeyMap) -> [Key] {
        switch hint.keys {
        case .actions(let actions): return actions.compactMap { keyMap.keys($0).first }
        case .fixed(let label):
            let arrows: [Character: Key] = ["↑": .up, "↓": .down, "←": .left, "→": .right]
            return label.split(whereSeparator: { $0 == " " || $0 == "/" }).flatMap { word -> [Key] in
                if word == "S-↑" { return [.shiftUp] }
                if word == "S-↓" { return [.shiftDown] }
                if word.allSatisfy({ arrows[$0] != nil }) { return word.compactMap { arrows[$0] } }
                return (try? Key(parsing: String(word))).map { [$0] } ?? []
            }
        }
    }

    static let theme = try! ThemeLibrary(environment: [:]).theme(named: "default").resolve(depth: .full)

    /// What the screen shows apart from the message line, with its styles (a cursor that moves restyles).
    static func screen(_ state: AppState) -> String {
        var state = state
        state.message = nil
        return styledText(Renderer(theme: theme).render(state))
    }

    /// Presses each hint's keys on a copy of `state`: a hint passes when one of its keys acts and none refuses.
    func expectEveryHintActs(_ state: AppState, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        var state = state
        state.message = nil
        let hints = state.hints(state.shared)
        #expect(!hints.isEmpty, "\(name): no hints", sourceLocation: sourceLocation)
        let before = Self.screen(state)
        for hint in hints {
            let keys = Self.keys(hint, state.keyMap)
            guard !keys.isEmpty else { continue }
            var acted = false
            for key in keys {
                var copy = state
                let effects = copy.update(.key(key))
                if copy.message?.isError == true {
                    Issue.record("\(name): \(key.label) (\(hint.text)) refuses: \(copy.message?.text ?? "")", sourceLocation: sourceLocation)
                }
                if !effects.isEmpty || copy.quitting || Self.screen(copy) != before { acted = true }
            }
            if !acted {
                Issue.record("\(name): \(hint.label(state.keyMap)) (\(hint.text)) does nothing: \(copy(state, keys[0]))", sourceLocation: sourceLocation)
            }
        }
    }

    private func copy(_ state: AppState, _ key: Key) -> String {
        var copy = state
        copy.update(.key(key))
        return copy.message?.text ?? "no message"
    }

    // MARK: the states

    func dealsGrid(_ size: Size = Size(width: 200, height: 24)) throws -> AppState {
        var state = makeState(size.width, size.height)
        state.command = LineEditor("deals")
        let (id, _) = try #require(state.loadID(state.press(.enter)))
        state.update(.pageLoaded(id, RowPage(rows: deals(1...30), next: nil, columns: dealColumns)))
        state.press(.down, .right)
        return state
    }

    @Test func listsAndHelp() throws {
        var state = makeState(200, 24)
        state.press(.down)
        expectEveryHintActs(state, "resources")
        state.press(.up, .enter, .down)  // the actions of activities
        expectEveryHintActs(state, "actions")
        var help = makeState(200, 24)
        help.press(.char("?"), .down)
        expectEveryHintActs(help, "help")
    }

    @Test func gridsAndDetails() throws {
        var state = try dealsGrid()
        expectEveryHintActs(state, "grid of deals")
        var readOnly = state
        readOnly.writeMode = .readOnly
        expectEveryHintActs(readOnly, "grid of deals, read-only")
        state.press(.char("C"))
        expectEveryHintActs(state, "column chooser")
        state.type("val")
        expectEveryHintActs(state, "column chooser, finding")
        state.press(.backspace, .backspace, .backspace)
        state.type("deal s")
        expectEveryHintActs(state, "column chooser, finding text with a space")
        state.press(.escape, .escape, .enter)
        #expect(state.topDetail != nil)
        state.press(.down)
        expectEveryHintActs(state, "detail")

        var hits = makeState(200, 24)
        hits.command = LineEditor("itemSearch read acme")
        let (page, _) = try #require(hits.loadID(hits.press(.enter)))
        let found: [JSON] = [["result_score": 0.75, "item": ["id": 5, "type": "deal", "title": "Acme renewal"]],
                             ["result_score": 0.5, "item": ["id": 9, "type": "person", "name": "Ada Acme"]]]
        hits.update(.pageLoaded(page, RowPage(rows: found.map(ItemSearchRows.row), next: nil, columns: ItemSearchRows.columns)))
        hits.press(.down, .right)
        expectEveryHintActs(hits, "grid of item search results")
    }

    @Test func formsAndPrompts() throws {
        var state = try dealsGrid()
        let effects = state.press(.char("e"))
        guard case .loadSchema(let id, "deals")? = effects.first else { Issue.record("no schema request: \(effects)"); return }
        state.update(.schemaLoaded(id, dealSchema))
        expectEveryHintActs(state, "edit form")

        expectEveryHintActs(try FormTests().open("n"), "new record form")
        var bulk = try dealsGrid()
        bulk.press(.char("*"))
        let bulkEffects = bulk.press(.char("e"))
        guard case .loadSchema(let bulkID, "deals")? = bulkEffects.first else { Issue.record("no schema request: \(bulkEffects)"); return }
        bulk.update(.schemaLoaded(bulkID, dealSchema))
        #expect(bulk.topGrid == nil && bulk.topForm != nil)
        expectEveryHintActs(bulk, "bulk form")

        var filters = makeState(200, 24)
        _ = FindAndMergeTests().command(&filters, "deals status=open")
        filters.press(.char("f"))
        #expect(filters.topPrompt != nil)
        expectEveryHintActs(filters, "filter prompt")
        // The fields 24 rows cannot hold are named beside the title.
        let top = Renderer(theme: .plain).render(filters).text()
        #expect(top.contains("more below)") && !top.contains("more above"), "\(top)")
        // A field counts as shown once its input row shows, at any height: a label alone is one more below.
        for height in 14...40 {
            var tall = makeState(200, height)
            _ = FindAndMergeTests().command(&tall, "deals status=open")
            tall.press(.char("f"))
            let names = Set(try #require(tall.topPrompt).fields.map { " " + $0.parameter.name })
            let lines = Renderer(theme: .plain).render(tall).text().lines
            let bottom = height - 2  // the status line, below the prompt's rows
            let shown = lines.indices.filter { i in
                names.contains { lines[i].hasPrefix($0 + " ") || lines[i].trimmingCharacters(in: .whitespaces) == $0.dropFirst() } && i + 1 < bottom
            }.count
            let below = lines.compactMap { $0.firstMatch(of: /(\d+) more below/).map { Int($0.1)! } }.first ?? 0
            #expect(below == names.count - shown, "height \(height):\n\(lines.joined(separator: "\n"))")
        }
        filters.press(.tab, .tab, .tab, .tab, .tab)
        expectEveryHintActs(filters, "filter prompt, a later field")
        let scrolled = Renderer(theme: .plain).render(filters).text()
        #expect(scrolled.contains("more above"), "\(scrolled)")
        var saved = makeState(200, 24)
        _ = FindAndMergeTests().command(&saved, "deals")
        guard case .session(let savedID, _)? = saved.press(.char("F")).last else { Issue.record("no saved filters read"); return }
        expectEveryHintActs(saved, "saved filters, reading")
        saved.update(.choicesLoaded(savedID, [Choice(id: 1, label: "All open deals"), Choice(id: 11, label: "My open deals")]))
        expectEveryHintActs(saved, "saved filters")

        var prompt = makeState(200, 24)
        prompt.command = LineEditor("activities deal")
        prompt.press(.enter)
        expectEveryHintActs(prompt, "prompt")
    }

    @Test func writesAndTheirDialogs() throws {
        var state = try writes.personsGrid(size: Size(width: 200, height: 24))
        let persons = WriteStateTests.schema("persons")
        state.staging.edit(Record(id: .int(2), values: ["id": 2, "name": "Person 2"]), of: persons, text: ["name": "Person Two"])
        expectEveryHintActs(state, "grid with a staged change")
        try writes.answerPlan(&state, state.press(.char("c")))
        expectEveryHintActs(state, "commit view")
        state.staging.apply(ChangeOutcome(changeID: 1, result: .conflict(Conflict(
            theirs: Record(id: .int(2), values: ["id": 2, "name": "Theirs"]), yours: ["name": "Person Two"], fields: ["name"]))))
        state.press(.down)
        expectEveryHintActs(state, "commit view, a conflict")
        state.press(.enter)
        #expect(state.dialog?.title == "Conflict")
        expectEveryHintActs(state, "conflict dialog")
        let bar = Renderer(theme: .plain).render(state).text().split(separator: "\n").last ?? ""
        #expect(bar.contains("s skip") && bar.contains("t take theirs") && bar.contains("o overwrite"), "\(bar)")
        for key in ["o", "t", "s"] {
            var answered = state
            answered.press(.char(Character(key)))
            #expect(answered.dialog == nil && answered.message?.isError != true, "conflict dialog: \(key)")
        }

        var deleting = try writes.personsGrid(size: Size(width: 200, height: 24))
        deleting.press(.char("d"))
        try writes.answerPlan(&deleting, deleting.press(.char("c")))
        deleting.press(.char("c"))
        #expect(deleting.dialog != nil)
        expectEveryHintActs(deleting, "delete dialog")

        var quitting = try writes.personsGrid(size: Size(width: 200, height: 24))
        quitting.press(.char("d"), .char(":"))
        quitting.type("q")
        quitting.press(.enter)
        #expect(quitting.dialog != nil)
        expectEveryHintActs(quitting, "quit dialog")
    }

    @Test func fileTransfers() throws {
        var upload = try dealsGrid()
        upload.press(.char("U"))
        #expect(upload.transfer != nil)
        expectEveryHintActs(upload, "upload, choosing the file")
        upload.transfer?.stage = .confirmingUpload(LocalFile(path: "/tmp/offer.pdf", name: "offer.pdf", size: 10))
        expectEveryHintActs(upload, "upload, confirming")
        var download = try FileTransferStateTests().grid("files", rows: FileTransferStateTests.files, width: 200)
        download.press(.char("D"))
        #expect(download.transfer != nil)
        expectEveryHintActs(download, "download, choosing where")
        download.press(.enter)
        expectEveryHintActs(download, "download, checking where")
        download.transfer?.stage = .confirmingOverwrite(path: "/tmp/x.txt")
        expectEveryHintActs(download, "download, replacing a file")
    }

    @Test func journalDuplicatesAndMerge() throws {
        var journal = try JournalScreenTests().openJournal(200, 24)
        journal.press(.down)
        expectEveryHintActs(journal, "journal")
        journal.press(.enter)
        expectEveryHintActs(journal, "journal entry")

        var duplicates = try FindAndMergeTests().openDuplicates(200, 30)
        expectEveryHintActs(duplicates, "duplicates")
        var reading = makeState(200, 30)
        _ = FindAndMergeTests().command(&reading, "duplicates orgs")
        expectEveryHintActs(reading, "duplicates, reading")
        let readID = try #require(reading.top(DuplicatesScreen.self)?.loading)
        var none = reading
        none.update(.completed(readID, .success(.duplicates([]))))
        expectEveryHintActs(none, "duplicates, none found")
        var one = reading
        one.update(.completed(readID, .success(.duplicates(Array(FindAndMergeTests.groups.prefix(1))))))
        expectEveryHintActs(one, "duplicates, one group")
        let planning = duplicates.press(.char("M"))
        guard case .session(let planID, _)? = planning.first else { Issue.record("no plan: \(planning)"); return }
        duplicates.update(.completed(planID, .success(.mergePlan(FindAndMergeTests.plan))))
        expectEveryHintActs(duplicates, "merge preview")
    }
}
