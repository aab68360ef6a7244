import Foundation
import JSONValue
@testable import PipedriveEngine
import Testing
@testable import TUICore

/// Server-side filters, saved filters, the duplicates screen and merging, as a state machine: keys and
/// results in, state and effects out. No terminal, no server.
@Suite struct FindAndMergeTests {
    struct Stop: Error {}

    /// `:TEXT` Enter.
    func command(_ state: inout AppState, _ text: String) -> [Effect] {
        state.press(.char(":"))
        state.type(text)
        return state.press(.enter)
    }

    @Test func commandWordsKeepQuotedNamesWhole() {
        #expect(ListFilterSyntax.words(#"status=open owner=me stage="Proposal made""#) == ["status=open", "owner=me", "stage=Proposal made"])
        #expect(ListFilterSyntax.words(#"filter "My open deals""#) == ["filter", "My open deals"])
        #expect(ListFilterSyntax.words("search acme corp") == ["search", "acme", "corp"])
    }

    @Test func commandLineFiltersOpenTheListWithThem() throws {
        var state = makeState()
        let effects = command(&state, #"deals status=open owner=me stage="Proposal made""#)
        let (_, request) = try #require(state.loadID(effects))
        #expect(request.action == "Read" && request.parameters.isEmpty)
        #expect(request.filters == [QueryItem("status", "open"), QueryItem("owner", "me"), QueryItem("stage", "Proposal made")])
        #expect(state.topGrid?.title == "Deals (status=open owner=me stage=Proposal made)")

        let saved = command(&state, #"deals filter "My open deals""#)
        #expect(state.loadID(saved)?.1.filters == [QueryItem("filter_id", "My open deals")])
        #expect(state.topGrid?.title == "Deals (filter=My open deals)")
    }

    @Test func aMalformedFilterIsRefusedBeforeAnyRequest() {
        var state = makeState()
        #expect(command(&state, "deals status=open =x").isEmpty)
        #expect(state.message?.text.contains("is not a filter") == true)
        #expect(command(&state, "deals filter").isEmpty)
        #expect(state.message?.text == "filter needs a saved filter's name or id")
        // An action's words are still an action: `:deals search acme`.
        let search = command(&state, "deals search acme")
        #expect(state.loadID(search)?.1.parameters["term"] == "acme")
    }

    /// A grid of deals with `f`: the filter prompt, filled with the grid's filters; its options are
    /// checked in place; Enter opens the narrowed list.
    @Test func filterPromptFieldsWithOptionsAndPickers() throws {
        var state = makeState(100, 60)
        _ = command(&state, "deals status=open")
        state.press(.char("f"))
        var prompt = try #require(state.topPrompt)
        let names = prompt.fields.map(\.parameter.name)
        #expect(names.first == "filter")
        #expect(["owner", "person", "org", "pipeline", "stage", "status", "since", "until", "sort", "direction"].allSatisfy(names.contains))
        #expect(prompt.fields.first { $0.filter?.name == "status" }?.text == "open")

        // status: ←/→ cycle its options; a typed wrong value is refused in place.
        let status = try #require(prompt.fields.firstIndex { $0.filter?.name == "status" })
        while state.topPrompt?.focus != status { state.press(.tab) }
        state.press(.right)
        #expect(state.topPrompt?.fields[status].text == "won")
        state.press(.backspace, .backspace, .backspace)
        state.type("x")
        #expect(state.press(.enter).allSatisfy { if case .cancel = $0 { true } else { false } })  // the columns' read
        prompt = try #require(state.topPrompt)
        #expect(prompt.fields[status].error?.hasPrefix("must be one of: open, won, lost") == true)

        // A person is searched by name as typed.
        state.press(.backspace)
        state.type("lost")
        let person = try #require(prompt.fields.firstIndex { $0.filter?.name == "person_id" })
        while state.topPrompt?.focus != person { state.press(.tab) }
        let search = state.type("Ada")
        guard case .search(let id, resource: "persons", term: "Ada")? = search.last else { Issue.record("no search: \(search)"); return }
        state.update(.choicesLoaded(id, [Choice(id: 42, label: "Ada Lovelace")]))
        state.press(.enter)  // picks
        let since = try #require(prompt.fields.firstIndex { $0.filter?.name == "updated_since" })
        while state.topPrompt?.focus != since { state.press(.tab) }
        state.type("2026-13-01")
        #expect(state.press(.enter).allSatisfy { if case .cancel = $0 { true } else { false } })  // the columns' read
        #expect(state.topPrompt?.fields[since].error?.hasPrefix("not a day") == true)
        state.press(.backspace, .backspace, .backspace, .backspace, .backspace)
        state.type("11-01")
        let run = state.press(.enter)
        let (_, request) = try #require(state.loadID(run))
        #expect(request.filters == [QueryItem("person_id", "42"), QueryItem("status", "lost"), QueryItem("updated_since", "2026-11-01")])
    }

    /// `F`: the saved filter field focused, the account's saved filters asked for at once.
    @Test func savedFilterPicker() throws {
        var state = makeState(100, 40)
        _ = command(&state, "deals")
        let effects = state.press(.char("F"))
        guard case .session(let id, let work)? = effects.last else { Issue.record("no saved filters read: \(effects)"); return }
        #expect(work.name == "saved filters of deals matching ")
        state.update(.choicesLoaded(id, [Choice(id: 1, label: "All open deals"), Choice(id: 11, label: "My open deals")]))
        state.press(.down, .enter)
        let run = state.press(.enter)
        #expect(state.loadID(run)?.1.filters == [QueryItem("filter_id", "11")])
        #expect(state.topGrid?.title == "Deals (filter=11)")
    }

    @Test func aListWithoutFiltersSaysSo() {
        var state = makeState()
        _ = command(&state, "pipelines")
        #expect(state.press(.char("f")).isEmpty)
        #expect(state.message?.text == "Pipelines: this list takes no server-side filters")
    }

    static let groups = [
        DuplicateGroup(members: [.init(id: 7, label: "Müller GmbH"), .init(id: 9, label: "MÜLLER")],
                       matches: [.init(reason: .website, key: "mueller.de"), .init(reason: .name, key: "muller")]),
        DuplicateGroup(members: [.init(id: 3, label: "Acme"), .init(id: 4, label: "Acme Inc"), .init(id: 5, label: "ACME")],
                       matches: [.init(reason: .name, key: "acme")]),
    ]

    func openDuplicates(_ width: Int = 80, _ height: Int = 24) throws -> AppState {
        var state = makeState(width, height)
        let effects = command(&state, "duplicates orgs")
        guard case .session(let id, let work)? = effects.last else { Issue.record("no duplicates read: \(effects)"); throw Stop() }
        #expect(work.name == "duplicates of organizations")
        state.update(.completed(id, .success(.duplicates(Self.groups))))
        return state
    }

    @Test func duplicatesListGroupsWithWhyAndOpenTheirRecords() throws {
        var state = try openDuplicates()
        #expect(state.crumbs == ["Resources", "Duplicates of organizations"])
        let text = Renderer(theme: .plain).render(state).text()
        #expect(text.contains("2 organizations: Müller GmbH #7 · MÜLLER #9"))
        #expect(text.contains("same website: mueller.de; same name: muller"))
        state.press(.down)
        let open = state.press(.enter)
        let (_, request) = try #require(state.loadID(open))
        #expect(request.resource == "organizations" && request.filters == [QueryItem("ids", "3,4,5")])
        #expect(command(&state, "duplicates").isEmpty)
        #expect(state.message?.text == "duplicates of what? :duplicates persons|organizations|deals")
    }

    static let plan = MergePlan(
        resource: "organizations", survivor: ["id": 7, "name": "Müller GmbH"], merged: [["id": 9, "name": "MÜLLER"]],
        moves: [("deals", 2), ("activities", 3), ("notes", 0), ("files", 0), ("followers", 1)],
        values: [.init(field: "name", value: "Müller GmbH", from: 7, over: ["MÜLLER"])],
        requests: [APIRequest(.put, .v1, "/organizations/9/merge", body: .json(["merge_with_id": 7]))])

    /// `M` in the duplicates screen: the preview first, Cancel focused; Merge sends, and once done the
    /// screens showing organizations read them again.
    @Test func mergePreviewStartsOnCancelAndMergesOnlyWhenChosen() throws {
        var state = try openDuplicates(100, 30)
        let planning = state.press(.char("M"))
        guard case .session(let planID, let work)? = planning.first else { Issue.record("no plan: \(planning)"); return }
        #expect(work.name == "plan merging organizations [9] into 7")
        state.update(.completed(planID, .success(.mergePlan(Self.plan))))
        let text = Renderer(theme: .plain).render(state).text()
        #expect(text.contains("Merge 1 organization into #7 “Müller GmbH” (kept)"))
        #expect(text.contains("merged away: #9 “MÜLLER”"))
        #expect(text.contains("2 deals, 3 activities, 0 notes, 0 files, 1 followers"))
        #expect(text.contains("name: “Müller GmbH” kept over “MÜLLER”"))
        #expect(text.contains("Pipedrive cannot undo a merge"))
        #expect(text.contains("[ Cancel ]"))
        // Enter on Cancel: back, nothing sent.
        #expect(state.press(.enter).allSatisfy { if case .cancel = $0 { true } else { false } })  // the columns' read
        #expect(state.stack.last?.screen is DuplicatesScreen)

        let again = state.press(.char("M"))
        guard case .session(let planAgain, _)? = again.first else { return }
        state.update(.completed(planAgain, .success(.mergePlan(Self.plan))))
        let merging = state.press(.right, .enter)
        guard case .session(let mergeID, let send)? = merging.last else { Issue.record("no merge: \(merging)"); return }
        #expect(send.name == "merge organizations [9] into 7")
        // Esc while the merge is sent does not leave: its outcome must come back.
        state.press(.escape)
        #expect(state.stack.last?.screen is MergeScreen)
        state.update(.completed(mergeID, .success(.merged(MergeReport(survivor: 7, merged: [9], failure: nil)))))
        #expect(state.message?.text == "merged #9 into #7")
        let back = state.press(.enter)
        #expect(state.stack.last?.screen is DuplicatesScreen)
        #expect(back.contains { if case .session(_, let w) = $0 { w.name == "duplicates of organizations" } else { false } })
    }

    /// `M` in a grid merges the marked rows into the row under the cursor; without marks it says how.
    @Test func mergeInAGridTakesTheMarkedRows() throws {
        var state = makeState()
        let effects = command(&state, "organizations")
        let (id, _) = try #require(state.loadID(effects))
        state.update(.pageLoaded(id, RowPage(rows: [["id": 3, "name": "Acme"], ["id": 4, "name": "Acme Inc"], ["id": 5, "name": "ACME"]], next: nil)))
        #expect(state.press(.char("M")).isEmpty)
        #expect(state.message?.text == "mark the rows to merge (Space), then M on the one to keep")
        state.press(.char(" "), .char(" "))  // marks 3 and 4; the cursor is on 5
        let planning = state.press(.char("M"))
        guard case .session(_, let work)? = planning.first else { Issue.record("no plan: \(planning)"); return }
        #expect(work.name == "plan merging organizations [3, 4] into 5")

        var readOnly = makeState()
        readOnly.writeMode = .readOnly
        let (readID, _) = try #require(readOnly.loadID(command(&readOnly, "organizations")))
        readOnly.update(.pageLoaded(readID, RowPage(rows: [["id": 3, "name": "Acme"]], next: nil)))
        #expect(readOnly.press(.char("M")).isEmpty)
        #expect(readOnly.message?.text.hasPrefix("read-only: merging is off") == true)
    }

    @Test func mergeOfAResourcePipedriveCannotMergeIsRefused() throws {
        var state = makeState()
        let effects = command(&state, "products")
        let (id, _) = try #require(state.loadID(effects))
        state.update(.pageLoaded(id, RowPage(rows: [["id": 3, "name": "A"], ["id": 4, "name": "B"]], next: nil)))
        state.press(.char(" "))
        #expect(state.press(.char("M")).isEmpty)
        #expect(state.message?.text == "Pipedrive merges persons, organizations and deals, not products")
    }

    /// A link's address reaches the backend only as printable ASCII: it could not end the OSC 8 sequence early.
    @Test func bufferLinksAreInert() {
        var buffer = Buffer(width: 40, height: 2)
        buffer.link("https://acme.pipedrive.com/deal/7", x: 2, y: 0, width: 60)
        buffer.link("https://x/\u{1B}]8;;evil\u{1B}\\", x: 0, y: 1, width: 10)
        buffer.link("https://x/\u{7}", x: 0, y: 1, width: 10)
        #expect(buffer.links == [Buffer.Link(x: 2, y: 0, width: 38, url: "https://acme.pipedrive.com/deal/7")])
    }

    /// The detail asks for the record's address, shows it first, and `o` asks the runtime to open it; a
    /// session with no display gives it back to be shown and copied.
    @Test func detailShowsTheWebAddressAndOIsOpenOrCopy() throws {
        var state = makeState()
        let (id, _) = try #require(state.loadID(command(&state, "deals")))
        state.update(.pageLoaded(id, RowPage(rows: deals(1...2), next: nil)))
        let opening = state.press(.enter)
        guard let ask = opening.compactMap({ e -> Int? in if case .session(let i, let w) = e, w.name == "web address of deals 1" { i } else { nil } }).first
        else { Issue.record("no address asked: \(opening)"); return }
        state.update(.completed(ask, .success(.link("https://acme.pipedrive.com/deal/1", opened: false))))
        #expect(state.topDetail?.lines.first == DetailLine(label: "Web address", value: "https://acme.pipedrive.com/deal/1"))
        let frame = Renderer(theme: .plain).render(state)
        #expect(frame.links.map(\.url) == ["https://acme.pipedrive.com/deal/1"])
        let open = state.press(.char("o"))
        guard case .openLink(let openID, resource: "deals", id: .int(1))? = open.last else { Issue.record("no open: \(open)"); return }
        let copy = state.update(.completed(openID, .success(.link("https://acme.pipedrive.com/deal/1", opened: false))))
        #expect(copy == [.copy("https://acme.pipedrive.com/deal/1")])
        #expect(state.message?.text == "https://acme.pipedrive.com/deal/1 (copied; no display here to open a browser)")
    }

    @Test func aLocalSessionIsOneWithADisplayAndNoSSH() {
        #expect(LinkOpener(environment: ["DISPLAY": ":0"]).canOpen)
        #expect(LinkOpener(environment: ["WAYLAND_DISPLAY": "wayland-0"]).canOpen)
        #expect(!LinkOpener(environment: ["DISPLAY": ":0", "SSH_CONNECTION": "1 2 3 4"]).canOpen)
        #expect(!LinkOpener(environment: [:]).canOpen)
    }

    static let sizes = [(80, 24), (200, 50)]

    @Test(arguments: sizes) func snapshots(width: Int, height: Int) throws {
        var filters = makeState(width, height)
        _ = command(&filters, "deals status=open owner=me")
        filters.press(.char("f"))
        try expectSnapshot(filters, "filter-prompt")

        var duplicates = try openDuplicates(width, height)
        try expectSnapshot(duplicates, "duplicates")
        let planning = duplicates.press(.char("M"))
        guard case .session(let planID, _)? = planning.first else { Issue.record("no plan: \(planning)"); return }
        duplicates.update(.completed(planID, .success(.mergePlan(Self.plan))))
        try expectSnapshot(duplicates, "merge-preview")
    }
}
