import Foundation
import JSONValue
import PipedriveEngine
import Testing
@testable import TUICore

/// Every screen drawn with no terminal at 80x24 and 160x48, compared with reviewed snapshots.
@Suite struct ScreenSnapshotTests {
    static let sizes = [(80, 24), (160, 48)]

    @Test(arguments: sizes) func resourceList(width: Int, height: Int) throws {
        try expectSnapshot(makeState(width, height), "resources")
        try expectStyledSnapshot(makeState(width, height), "resources")
    }

    @Test(arguments: sizes) func actionsOfActivities(width: Int, height: Int) throws {
        var state = makeState(width, height)
        state.press(.enter)
        try expectSnapshot(state, "actions-activities")
        try expectStyledSnapshot(state, "actions-activities")
    }

    @Test(arguments: sizes) func dealsGrid(width: Int, height: Int) throws {
        var state = makeState(width, height)
        state.command = LineEditor("deals")
        let effects = state.press(.enter)
        let (id, _) = try #require(state.loadID(effects))
        state.update(.rateLimit(RateLimitBudget(burstLimit: 80, burstRemaining: 78, dailyTokenLimit: 60_000, dailyTokensRemaining: 57_940, sessionTokens: 60)))
        state.update(.pageLoaded(id, RowPage(rows: deals(1...60), next: "2", columns: dealColumns)))
        state.press(.down, .down)
        try expectSnapshot(state, "deals-grid")
        try expectStyledSnapshot(state, "deals-grid")
    }

    @Test(arguments: sizes) func dealsGridSortedFilteredScrolled(width: Int, height: Int) throws {
        var state = makeState(width, height)
        state.command = LineEditor("deals")
        let (id, _) = try #require(state.loadID(state.press(.enter)))
        state.update(.pageLoaded(id, RowPage(rows: deals(1...60), next: nil, columns: dealColumns)))
        state.press(.right, .right, .char("s"), .char("s"), .char("/"))
        state.type("deal 1")
        try expectSnapshot(state, "deals-grid-filtered")
    }

    @Test(arguments: sizes) func dealDetailAndParticipants(width: Int, height: Int) throws {
        var state = makeState(width, height)
        state.command = LineEditor("deals")
        let (id, _) = try #require(state.loadID(state.press(.enter)))
        state.update(.pageLoaded(id, RowPage(rows: deals(1...5), next: nil, columns: dealColumns)))
        state.press(.enter)
        try expectSnapshot(state, "deal-detail")
        try expectStyledSnapshot(state, "deal-detail")
        guard let detail = state.topDetail else { Issue.record("no detail"); return }
        let line = try #require(detail.lines.firstIndex { $0.label == "participants" })
        state.press(.char("g"))
        for _ in 0..<line { state.press(.down) }
        state.press(.enter)
        try expectSnapshot(state, "deal-participants")
    }

    @Test(arguments: sizes) func promptForReadDeal(width: Int, height: Int) throws {
        var state = makeState(width, height)
        state.command = LineEditor("activities deal")
        state.press(.enter)
        let effects = state.type("acme")
        let search = try #require(effects.compactMap { effect -> Int? in
            if case .search(let id, "deals", "acme") = effect { return id }
            return nil
        }.first)
        state.update(.choicesLoaded(search, [Choice(id: 1, label: "Acme renewal"), Choice(id: 9, label: "Acme expansion")]))
        try expectSnapshot(state, "prompt-read-deal")
        try expectStyledSnapshot(state, "prompt-read-deal")
    }

    @Test(arguments: sizes) func promptRefusesBadTimestamp(width: Int, height: Int) throws {
        var state = makeState(width, height)
        state.command = LineEditor("activities recent")
        state.press(.enter)
        state.press(.ctrl("u"))
        state.type("yesterday")
        let effects = state.press(.enter)
        #expect(effects.isEmpty)
        try expectSnapshot(state, "prompt-bad-timestamp")
    }

    @Test(arguments: sizes) func help(width: Int, height: Int) throws {
        var state = makeState(width, height)
        state.press(.char("?"))
        try expectSnapshot(state, "help")
        try expectStyledSnapshot(state, "help")
    }

    @Test(arguments: sizes) func commandLineCompletion(width: Int, height: Int) throws {
        var state = makeState(width, height)
        state.press(.char(":"))
        state.type("de")
        try expectSnapshot(state, "command-line")
        try expectStyledSnapshot(state, "command-line")
    }

    @Test func hostileTextIsInertOnScreen() throws {
        var state = makeState()
        state.command = LineEditor("deals")
        let (id, _) = try #require(state.loadID(state.press(.enter)))
        let hostile: JSON = ["id": 1, "title": "\u{1B}[31mred\u{1B}]52;c;aGk=\u{07}\u{9B}2J\r\nx\u{202E}evil"]
        state.update(.pageLoaded(id, RowPage(rows: [hostile], next: nil, columns: dealColumns)))
        let buffer = Renderer(theme: .plain).render(state)
        let text = buffer.text()
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(!text.unicodeScalars.contains { (0x80...0x9F).contains($0.value) || $0.value == 0x202E })
        #expect(text.contains("␛[31mred␛]52;c;aGk="))
        try expectSnapshot(state, "hostile")
        let ascii = Renderer(theme: .plain, ascii: true).render(state).text()
        #expect(ascii.contains("^[[31mred^[]52;c;"))
    }
}
