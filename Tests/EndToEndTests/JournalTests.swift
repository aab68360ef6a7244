import Foundation
import Testing

/// The journal screen end to end: the real `pdtui` in tmux against a real sandbox over HTTP.
@Suite(.serialized) struct JournalTests {
    /// Two commits, then the older one undone from `:journal`; the newer stays.
    @Test func undoTheOlderOfTwoCommittedChanges() async throws {
        let account = try Account()
        let first = try await account.stageTitle("First change", deal: 0)
        let original = try #require(account.title(first))
        try await commitStaged(account, deal: first)
        let second = try await account.stageTitle("Second change", deal: 1)
        #expect(second != first)
        #expect(account.title(first) == "First change")

        let tui = try account.start(width: 160)
        try tui.wait(for: "Staged changes from the last session")
        try tui.send("r")
        try tui.wait(for: "→ PATCH /api/v2/deals/\(second)")
        try tui.send("c")
        try tui.wait(for: "1 of 1 done")
        #expect(account.title(second) == "Second change")

        try tui.send("Escape", ":")
        try tui.type("journal")
        try tui.send("Enter")
        let list = try tui.wait(for: "change 1 of 2")
        let rows = list.lines.filter { $0.contains("update deals") }
        #expect(rows.count == 2)
        #expect(rows.first?.contains("→ “Second change”") == true, "\(list)")
        #expect(rows.last?.contains("→ “First change”") == true, "\(list)")

        // The older one: its dialog names it and starts on Cancel.
        account.server.clearRequestLog()
        try tui.send("j", "u")
        let dialog = try tui.wait(for: "Undo this change?")
        #expect(dialog.contains("update deals \(first)"))
        try tui.send("Right", "Enter")
        try tui.wait(for: "undone: update deals")
        #expect(account.writes == ["PATCH /api/v2/deals/\(first)"])
        #expect(account.title(first) == original)
        #expect(account.title(second) == "Second change")
        // The journal reads itself again: the undo on top, the cursor still on the older change, now undone.
        let after = try tui.wait(for: "change 3 of 3")
        #expect(after.lines.contains { $0.contains("update deals") && $0.contains("undone") }, "\(after)")

        // Undone already: refused with the reason, nothing sent.
        account.server.clearRequestLog()
        try tui.send("u")
        try tui.wait(for: "cannot undo this change: it is undone already")
        #expect(account.writes.isEmpty)
        try tui.quit()
    }

    /// A change whose record someone changed since is refused with the reason, and nothing is written.
    @Test func refusesToUndoOverALaterChange() async throws {
        let account = try Account()
        let deal = try await account.stageTitle("Mine", deal: 0)
        try await commitStaged(account, deal: deal)
        try await account.patch("/api/v2/deals/\(deal)", ["title": "Theirs"])
        let tui = try account.start(width: 160)
        try tui.wait(for: "26 resources")
        try tui.send("J")
        try tui.wait(for: "change 1 of 1")
        account.server.clearRequestLog()
        try tui.send("u")
        try tui.wait(for: "Undo this change?")
        try tui.send("Right", "Enter")
        try tui.wait(for: "changed since (Title)")
        #expect(account.writes.isEmpty)
        #expect(account.title(deal) == "Theirs")
        try tui.quit()
    }

    /// Commits what is staged in one run of pdtui, then quits.
    private func commitStaged(_ account: Account, deal: Int) async throws {
        let tui = try account.start()
        try tui.wait(for: "Staged changes from the last session")
        try tui.send("r")
        try tui.wait(for: "→ PATCH /api/v2/deals/\(deal)")
        try tui.send("c")
        try tui.wait(for: "1 of 1 done")
        try tui.quit()
    }
}
