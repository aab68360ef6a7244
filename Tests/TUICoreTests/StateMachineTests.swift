import Foundation
import JSONValue
import Testing
@testable import TUICore

/// The update function alone: keys and results in, state and effects out. No terminal, no network.
@Suite struct StateMachineTests {
    /// Opens `:deals` and delivers one page of `count` rows with more to come.
    func dealsGrid(_ count: Int = 100, next: String? = "p2") throws -> (AppState, Int) {
        var state = makeState()
        state.command = LineEditor("deals")
        let (id, request) = try #require(state.loadID(state.press(.enter)))
        #expect(request == PageRequest(resource: "deals", action: "Read"))
        state.update(.pageLoaded(id, RowPage(rows: deals(1...count), next: next, columns: dealColumns)))
        return (state, id)
    }

    @Test func reachDealsThroughTheResourceList() throws {
        var state = makeState()
        let index = try #require(state.catalog.firstIndex { $0.id == "deals" })
        for _ in 0..<index { state.press(.char("j")) }
        state.press(.enter)
        guard let actions = state.stack.last?.screen as? ActionsScreen else { Issue.record("no actions screen"); return }
        #expect(actions.resource == "deals")
        let (_, request) = try #require(state.loadID(state.press(.enter)))
        #expect(request.action == "Read")
        #expect(state.crumbs == ["Resources", "Deals"])
    }

    @Test func pagesAheadOfTheCursorOnlyNearTheEnd() throws {
        var (state, _) = try dealsGrid(100)
        #expect(state.press(.down).isEmpty)  // far from the end: nothing to load
        var effects: [Effect] = []
        while effects.isEmpty, state.topGrid!.cursor < 99 { effects = state.press(.pageDown) }
        let (id, request) = try #require(state.loadID(effects))
        #expect(request.cursor == "p2")
        #expect(state.topGrid!.cursor + 2 * state.shared.gridRows >= 100)
        // One page at a time: more keys while it loads ask for nothing.
        #expect(state.loadID(state.press(.pageDown)) == nil)
        state.update(.pageLoaded(id, RowPage(rows: deals(101...200), next: nil)))
        #expect(state.topGrid!.rows.count == 200)
        #expect(state.topGrid!.exhausted)
        #expect(state.loadID(state.press(.char("G"))) == nil)
        #expect(state.topGrid!.cursor == 199)
    }

    @Test func leavingAGridCancelsItsLoadAndIgnoresLateResults() throws {
        var state = makeState()
        state.command = LineEditor("deals")
        let (id, _) = try #require(state.loadID(state.press(.enter)))
        let effects = state.press(.escape)
        #expect(effects.contains(.cancel(id)))
        #expect(state.stack.count == 1)
        state.update(.pageLoaded(id, RowPage(rows: deals(1...3), next: nil)))
        #expect(state.topGrid == nil)
    }

    @Test func escapeRestoresCursorAndScroll() throws {
        var (state, _) = try dealsGrid(100, next: nil)
        for _ in 0..<40 { state.press(.down) }
        let before = try #require(state.topGrid)
        state.press(.enter)
        guard state.topDetail != nil else { Issue.record("no detail"); return }
        state.press(.escape)
        let after = try #require(state.topGrid)
        #expect(after.cursor == before.cursor && after.top == before.top && after.cursor == 40)
    }

    @Test func filterNarrowsLoadedRowsAsYouTypeAndEscapeClears() throws {
        var (state, _) = try dealsGrid(100, next: nil)
        state.press(.char("/"))
        state.type("deal 1")
        #expect(state.topGrid!.visibleCount == 11)  // Deal 10...19, Deal 100 (Acme renewal is deal 1)
        state.type("5")
        #expect(state.topGrid!.visibleCount == 1)
        state.press(.backspace, .backspace)
        #expect(state.topGrid!.visibleCount > 11)
        state.press(.escape)
        #expect(state.topGrid!.visibleCount == 100)
        #expect(!state.topGrid!.filtering)
    }

    @Test func sortsByTheSelectedColumnBothWaysThenOff() throws {
        var (state, _) = try dealsGrid(20, next: nil)
        let valueColumn = try #require(state.topGrid!.columns.firstIndex { $0.key == "value" })
        while state.topGrid!.column < valueColumn { state.press(.char("l")) }
        state.press(.char("s"))
        #expect(state.topGrid!.row(at: 0)?["id"] == 1)
        state.press(.char("s"))
        #expect(state.topGrid!.row(at: 0)?["id"] == 20)
        state.press(.char("s"))
        #expect(state.topGrid!.sort == nil)
        #expect(state.topGrid!.row(at: 0)?["id"] == 1)
    }

    @Test func commandsOpenActionsWithTheirParameters() throws {
        var state = makeState()
        state.command = LineEditor("activities deal 7")
        let (_, request) = try #require(state.loadID(state.press(.enter)))
        #expect(request == PageRequest(resource: "activities", action: "Read deal", parameters: ["deal_id": "7"]))
        #expect(state.stack.count == 2)

        state.command = LineEditor("deals search acme")
        let (_, search) = try #require(state.loadID(state.press(.enter)))
        #expect(search == PageRequest(resource: "deals", action: "Read search", parameters: ["term": "acme"]))
        #expect(state.stack.count == 3)  // a command pushes onto the stack: Esc goes back to the grid it came from
        state.press(.escape)
        #expect(state.stack.count == 2 && state.topGrid?.request?.action == "Read deal")

        state.command = LineEditor("nonsense")
        #expect(state.press(.enter).isEmpty)
        #expect(state.message?.isError == true)

        state.command = LineEditor("q")
        #expect(state.press(.enter) == [.quit])
        #expect(state.quitting)
    }

    @Test func commandLineCompletesAndRemembersHistory() throws {
        var state = makeState()
        state.press(.char(":"))
        state.type("organizations")
        state.press(.escape)
        state.press(.char(":"))
        state.type("pipel")
        state.press(.tab)
        #expect(state.command?.text == "pipelines ")
        state.press(.enter)
        state.press(.char(":"), .up)
        #expect(state.command?.text == "pipelines")
    }

    @Test func promptRefusesAWrongIdInPlaceBeforeAnyRequest() throws {
        var state = makeState()
        state.command = LineEditor("activities deal")
        state.press(.enter)
        guard state.topPrompt != nil else { Issue.record("no prompt"); return }
        state.type("x")  // one letter: too short to search
        let effects = state.press(.enter)
        #expect(effects.isEmpty)
        guard let prompt = state.topPrompt else { Issue.record("prompt left"); return }
        #expect(prompt.fields[0].error?.contains("not a deal id") == true)
        state.press(.backspace)
        state.type("42")
        let (_, request) = try #require(state.loadID(state.press(.enter)))
        #expect(request.parameters == ["deal_id": "42"])
    }

    @Test func idPickerSearchesByNameAndPicks() throws {
        var state = makeState()
        state.command = LineEditor("activities deal")
        state.press(.enter)
        var searches: [Effect] = []
        for c in "acme" { searches += state.press(.char(c)) }
        // Each keystroke after the second cancels the previous search and starts a new one.
        let ids = searches.compactMap { e -> Int? in if case .search(let id, "deals", _) = e { id } else { nil } }
        #expect(ids.count == 3)
        #expect(searches.contains(.cancel(ids[0])))
        state.update(.choicesLoaded(ids[0], [Choice(id: 99, label: "stale")]))  // a stale answer is dropped
        state.update(.choicesLoaded(ids[2], [Choice(id: 1, label: "Acme renewal"), Choice(id: 9, label: "Acme expansion")]))
        state.press(.down, .enter)  // pick "Acme expansion"
        let (_, request) = try #require(state.loadID(state.press(.enter)))
        #expect(request.parameters == ["deal_id": "9"])
        #expect(state.crumbs.last == "Activities (Read deal deal_id=9)")
    }

    @Test func sinceTimestampProposesTwentyFourHoursAgo() throws {
        var state = makeState()
        state.command = LineEditor("deals recent")
        state.press(.enter)
        guard let prompt = state.topPrompt else { Issue.record("no prompt"); return }
        #expect(prompt.fields[0].text == "2026-11-17 11:06:40")
        #expect(prompt.fields[0].hint.contains("YYYY-MM-DD HH:MM:SS"))
        state.press(.backspace)
        state.type("9")
        let (_, request) = try #require(state.loadID(state.press(.enter)))
        #expect(request.parameters == ["since_timestamp": "2026-11-17 11:06:49"])
    }

    @Test func folderOffersTheMailFolders() throws {
        let folder = try #require(catalog.first { r in r.actions.contains { $0.parameters.contains { $0.kind == .folder } } })
        var state = makeState()
        let action = try #require(folder.actions.first { $0.parameters.contains { $0.kind == .folder } })
        state.command = LineEditor("\(folder.id) \(action.name.lowercased().replacingOccurrences(of: "read ", with: ""))")
        state.press(.enter)
        guard let prompt = state.topPrompt else { Issue.record("no prompt"); return }
        #expect(prompt.fields[0].text == "inbox")
        state.press(.right)
        guard let next = state.topPrompt else { return }
        #expect(next.fields[0].text == "drafts")
        state.press(.ctrl("u"))
        state.type("spam")
        #expect(state.press(.enter).isEmpty)
    }

    @Test func detailGathersFieldsAndDrillsIntoArraysWithABreadcrumb() throws {
        var (state, _) = try dealsGrid(3, next: nil)
        let effects = state.press(.enter)
        guard case .loadRecord(let id, "deals", _)? = effects.first else { Issue.record("no gather"); return }
        var gathered = deals(1...1)[0]
        gathered["followers"] = .array([["user_id": 5, "name": "Grace Hopper"]])
        state.update(.recordLoaded(id, gathered))
        guard let detail = state.topDetail else { Issue.record("no detail"); return }
        let followers = try #require(detail.lines.firstIndex { $0.label == "followers" })
        state.press(.char("g"))
        for _ in 0..<followers { state.press(.down) }
        state.press(.enter)
        #expect(state.crumbs == ["Resources", "Deals", "Acme renewal", "followers"])
        #expect(state.topGrid?.rows.count == 1)
        state.press(.escape)
        guard let back = state.topDetail else { Issue.record("not back at detail"); return }
        #expect(back.cursor.index == followers)
    }

    @Test func detailOffersRelatedListsThatTakeTheRecordsId() throws {
        var (state, _) = try dealsGrid(3, next: nil)
        state.press(.enter)
        guard let detail = state.topDetail else { Issue.record("no detail"); return }
        let related = try #require(detail.lines.firstIndex { $0.label == "Activities: Read deal" })
        state.press(.char("G"))
        while let d = state.topDetail, d.cursor.index > related { state.press(.up) }
        let (_, request) = try #require(state.loadID(state.press(.enter)))
        #expect(request == PageRequest(resource: "activities", action: "Read deal", parameters: ["deal_id": "1"]))
    }

    @Test func failuresShowInTheStatusAndRetryReloads() throws {
        var state = makeState()
        state.command = LineEditor("deals")
        let (id, _) = try #require(state.loadID(state.press(.enter)))
        state.update(.failed(id, "Too many requests (429): wait 2 s"))
        #expect(state.topGrid?.error == "Too many requests (429): wait 2 s")
        #expect(state.message?.isError == true)
        let (_, retry) = try #require(state.loadID(state.press(.char("r"))))
        #expect(retry.cursor == nil)
    }

    @Test func resizeKeepsTheCursorVisible() throws {
        var (state, _) = try dealsGrid(100, next: nil)
        for _ in 0..<60 { state.press(.down) }
        state.update(.resize(Size(width: 40, height: 10)))
        let grid = try #require(state.topGrid)
        #expect(grid.cursor >= grid.top && grid.cursor < grid.top + state.shared.gridRows)
    }

    @Test func helpOpensAndClosesAndQuitOnlyAtTheRoot() throws {
        var state = makeState()
        state.press(.char("?"))
        #expect(state.help != nil)
        state.press(.escape)
        #expect(state.help == nil)
        state.press(.enter)
        #expect(state.press(.char("q")).isEmpty)  // back, not quit
        #expect(state.press(.char("q")) == [.quit])
    }

    @Test func copyUsesTheSelectedCell() throws {
        var (state, _) = try dealsGrid(3, next: nil)
        let title = try #require(state.topGrid!.columns.firstIndex { $0.key == "title" })
        while state.topGrid!.column < title { state.press(.right) }
        #expect(state.press(.char("y")) == [.copy("Acme renewal")])
    }
}
