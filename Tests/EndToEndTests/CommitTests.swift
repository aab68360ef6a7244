import Foundation
import JSONValue
import PipedriveEngine
import PipedriveSandbox
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Staged changes end to end: the real `pdtui` in tmux against a real sandbox over HTTP, each outcome
/// read back from the sandbox's store and request log.
@Suite(.serialized) struct CommitTests {
    @Test func markThreePersonsDeleteThemInOneBatchCallThenUndo() async throws {
        let account = try Account(apiVersion: "v1")
        let before = account.rows("persons")
        let tui = try account.start()
        let grid = try tui.openGrid("persons")
        let ids = grid.lines.dropFirst(2).prefix(3).compactMap { Int($0.prefix { $0 != "│" }.filter(\.isNumber)) }
        #expect(ids.count == 3)
        try tui.send("Space", "Space", "Space")
        try tui.wait(for: "3 marked")
        try tui.send("d")
        try tui.wait(for: "deletion of 3 persons staged")
        try tui.send("c")
        let batch = "DELETE /api/v1/persons?ids=\(ids.map(String.init).joined(separator: "%2C"))"
        try tui.wait(for: "the batch call in the commit view") { $0.contains("→ \(batch)") }
        // The dialog names the records and starts on Cancel: Enter sends nothing.
        try tui.send("c")
        let dialog = try tui.wait(for: "Delete 3 records?")
        for id in ids { #expect(dialog.contains("persons \(id) ")) }
        try tui.send("Enter")
        try tui.wait(for: "dialog closed") { !$0.contains("Delete 3 records?") }
        #expect(account.writes.isEmpty)
        try tui.send("c", "Right", "Enter")
        try tui.wait(for: "1 of 1 done")
        #expect(account.writes == [batch])
        let left = Set(account.rows("persons").compactMap { $0["id"]?.intValue })
        #expect(left.isDisjoint(with: ids))
        // Back in the grid, reloaded without them.
        try tui.send("Escape")
        let reloaded = try tui.wait(for: "the reloaded grid") { $0.gridPosition != nil && !$0.contains("Commit") }
        let shown = reloaded.lines.dropFirst(2).prefix(3).compactMap { Int($0.prefix { $0 != "│" }.filter(\.isNumber)) }
        #expect(shown.count == 3)
        #expect(Set(shown).isDisjoint(with: ids))

        // u re-creates the three (v1: one POST each) and reports their new ids.
        account.server.clearRequestLog()
        try tui.send("u")
        let undo = try tui.wait(for: "Undo the last change?")
        #expect(undo.contains("delete persons \(ids.map(String.init).joined(separator: ","))") && undo.contains("POST /api/v1/persons"))
        try tui.send("Right", "Enter")
        try tui.wait(for: "re-created as")
        #expect(account.writes == Array(repeating: "POST /api/v1/persons", count: 3))
        let now = account.rows("persons")
        #expect(now.count == before.count)
        for id in ids {
            let name = before.first { $0["id"]?.intValue == id }?["name"]
            #expect(now.contains { $0["name"] == name && $0["id"]?.intValue != id }, "person \(id) not re-created")
        }
        try tui.quit()
    }

    @Test(arguments: [ConflictResolution.overwrite, .takeTheirs, .skip])
    func aSecondClientsChangeIsShownAndResolved(resolution: ConflictResolution) async throws {
        let account = try Account()
        let deal = try await account.stageTitle("Mine")
        let tui = try account.start()
        try tui.wait(for: "Staged changes from the last session")
        try tui.send("r")
        try tui.wait(for: "→ PATCH /api/v2/deals/\(deal)")
        // A second client changes the deal while it is staged here.
        try await account.patch("/api/v2/deals/\(deal)", ["title": "Theirs", "probability": 42])
        account.server.clearRequestLog()
        try tui.send("c")
        let conflict = try tui.wait(for: "Conflict")
        // Each field with theirs, yours and the value it was loaded with, then the others changed there.
        #expect(conflict.contains("≠ Title: theirs “Theirs” · yours “Mine” · was “"))
        #expect(conflict.contains("Also changed there:"))
        // (Titled by the account's fields once a grid of deals has read them; here none was opened.)
        #expect(conflict.lowercased().contains("probability: theirs 42 · was (empty)"))
        #expect(!conflict.contains("update_time"))
        #expect(account.writes.isEmpty)
        switch resolution {
        case .overwrite:
            try tui.send("o")
            try tui.wait(for: "yours will overwrite theirs")
            try tui.send("c")
            try tui.wait(for: "1 of 1 done")
            #expect(account.writes == ["PATCH /api/v2/deals/\(deal)"])
            #expect(account.title(deal) == "Mine")
        case .takeTheirs:
            try tui.send("t")
            try tui.wait(for: "theirs kept")
            try tui.wait(for: "Nothing staged")
            #expect(account.writes.isEmpty && account.title(deal) == "Theirs")
        case .skip:
            try tui.send("s")
            try tui.wait(for: "skipped, held out of commits")
            try tui.wait(for: "held: left out of commits")
            try tui.send("c")
            try tui.wait(for: "every staged change is held")
            #expect(account.writes.isEmpty && account.title(deal) == "Theirs")
            // Still staged (held) for next time.
            try tui.send("Escape")
            try tui.settle()
            try tui.send("q")
            try tui.wait(for: "Quit with 1 staged change?")
            try tui.send("k")
            #expect(try tui.exitReport().status == 0)
            #expect(try account.staged()?.changes.first?.isHeld == true)
            return
        }
        try tui.quit()
    }

    @Test func undoWritesTheOldValuesBack() async throws {
        let account = try Account()
        let original = try #require(account.rows("deals").first?["title"]?.stringValue)
        let deal = try await account.stageTitle("Renamed, to be undone")
        let tui = try account.start()
        try tui.wait(for: "Staged changes from the last session")
        try tui.send("r")
        try tui.wait(for: "→ PATCH /api/v2/deals/\(deal)")
        try tui.send("c")
        try tui.wait(for: "1 of 1 done")
        #expect(account.title(deal) == "Renamed, to be undone")
        account.server.clearRequestLog()
        try tui.send("u")
        let dialog = try tui.wait(for: "Undo the last change?")
        #expect(dialog.contains("update deals \(deal)"))
        // Starts on Cancel.
        try tui.send("Enter")
        try tui.wait(for: "dialog closed") { !$0.contains("Undo the last change?") }
        #expect(account.writes.isEmpty)
        try tui.send("u")
        try tui.wait(for: "Undo the last change?")
        try tui.send("Right", "Enter")
        try tui.wait(for: "undone: update deals")
        #expect(account.writes == ["PATCH /api/v2/deals/\(deal)"])
        #expect(account.title(deal) == original)
        // The journal has both, and no token.
        let journal = try String(contentsOfFile: account.state + "/pdtui/journal.jsonl", encoding: .utf8)
        #expect(journal.contains("\"undoes\":\"") && !journal.contains(account.server.apiToken))
        try tui.quit()
    }

    @Test func stagedChangesSurviveSIGKILLAreOfferedBackAndTheDeleteIsUndone() throws {
        let account = try Account()
        let first = try account.start()
        let grid = try first.openGrid("persons")
        let id = try #require(grid.lines.dropFirst(2).first.flatMap { Int($0.prefix { $0 != "│" }.filter(\.isNumber)) })
        let name = try #require(account.rows("persons").first { $0["id"]?.intValue == id }?["name"])
        try first.send("d")
        try first.wait(for: "deletion of 1 person staged")
        kill(try first.pdtuiPID(), SIGKILL)
        try first.wait(for: "the pane's shell after the kill") { $0.contains("EXIT=137") }
        #expect(account.writes.isEmpty)

        let second = try account.start()
        let offer = try second.wait(for: "Staged changes from the last session")
        #expect(offer.contains("Delete persons \(id)"))
        try second.send("r")
        try second.wait(for: "→ DELETE /api/v2/persons/\(id)")
        try second.send("c", "Right", "Enter")
        try second.wait(for: "1 of 1 done")
        #expect(account.writes == ["DELETE /api/v2/persons/\(id)"])
        #expect(!account.rows("persons").contains { $0["id"]?.intValue == id })
        #expect(try account.staged() == nil)
        // u re-creates the person, after a dialog that shows the call, and reports the new id.
        account.server.clearRequestLog()
        try second.send("u")
        let undo = try second.wait(for: "Undo the last change?")
        #expect(undo.contains("delete persons \(id)") && undo.contains("POST /api/v2/persons"))
        try second.send("Right", "Enter")
        let done = try second.wait(for: "re-created as")
        #expect(account.writes == ["POST /api/v2/persons"])
        let newID = try #require(done.components(separatedBy: "re-created as ").last.flatMap { Int($0.prefix { $0.isNumber }) })
        #expect(newID != id && account.rows("persons").first { $0["id"]?.intValue == newID }?["name"] == name)
        try second.quit()
    }

    @Test func aFailedCallStaysStagedWithPipedrivesMessageAndTheOthersGo() async throws {
        let account = try Account()
        let tui = try account.start()
        let grid = try tui.openGrid("persons")
        let ids = grid.lines.dropFirst(2).prefix(2).compactMap { Int($0.prefix { $0 != "│" }.filter(\.isNumber)) }
        try #require(ids.count == 2)
        // Two deletions, staged one by one.
        try tui.send("d", "j", "d")
        try tui.wait(for: "2 staged")
        // A second client deletes the first person meanwhile.
        try await account.delete("/api/v2/persons/\(ids[0])")
        account.server.clearRequestLog()
        try tui.send("c")
        try tui.wait(for: "→ DELETE /api/v2/persons/\(ids[1])")
        try tui.send("c", "Right", "Enter")
        let outcome = try tui.wait(for: "1 of 2 done")
        #expect(outcome.contains("✗ Delete persons \(ids[0])") && outcome.contains("Not found"))
        #expect(outcome.contains("✓ Delete persons \(ids[1])"))
        #expect(account.writes == ids.map { "DELETE /api/v2/persons/\($0)" })
        #expect(!account.rows("persons").contains { $0["id"]?.intValue == ids[1] })
        // Ctrl-C asks; keeping leaves the failed change on disk with Pipedrive's message.
        try tui.send("C-c")
        try tui.wait(for: "Quit with 1 staged change?")
        try tui.send("k")
        let exit = try tui.exitReport()
        #expect(exit.status == 0 && exit.sane)
        let left = try #require(try account.staged())
        #expect(left.changes.map(\.deletedIDs) == [[.int(ids[0])]])
        #expect(left.changes.first?.failure?.contains("Not found") == true)
    }

    @Test func readOnlyRefusesDeletesCommitsAndUndo() throws {
        let account = try Account()
        let tui = try account.start("--read-only")
        let grid = try tui.openGrid("persons", width: 160)
        #expect(grid.contains("READ-ONLY"))
        let hints = grid.lines.last { !$0.isEmpty } ?? ""
        #expect(!hints.contains("delete") && hints.contains("Enter detail"))
        for key in ["Space", "d", "c", "u"] {
            try tui.send(key)
            try tui.wait(for: "refusal of \(key)") { $0.contains("read-only:") }
            try tui.send("j")  // clears the message
            try tui.wait(for: "message cleared") { !$0.contains("read-only:") }
        }
        try tui.send("?")
        let help = try tui.wait(for: "Keys (Esc closes)")
        #expect(!help.contains("stage deletion"))
        try tui.send("Escape")
        let left = try account.staged()
        #expect(account.writes.isEmpty && left == nil)
        try tui.quit()
    }

    @Test func dryRunShowsTheCallsAndSendsNoWrite() throws {
        let account = try Account()
        let tui = try account.start("--dry-run")
        let grid = try tui.openGrid("persons")
        #expect(grid.contains("DRY-RUN"))
        let id = try #require(grid.lines.dropFirst(2).first.flatMap { Int($0.prefix { $0 != "│" }.filter(\.isNumber)) })
        try tui.send("d", "c")
        try tui.wait(for: "→ DELETE /api/v2/persons/\(id)")
        try tui.send("c")
        try tui.wait(for: "Dry run: the calls are shown, nothing is sent.")
        try tui.send("Right", "Enter")
        try tui.wait(for: "Dry run: nothing was sent")
        #expect(account.writes.isEmpty)
        #expect(account.rows("persons").contains { $0["id"]?.intValue == id })
        try tui.send("Escape")
        try tui.settle()
        try tui.command("q")
        try tui.wait(for: "Quit with 1 staged change?")
        try tui.send("Right", "Right", "Right", "Enter")  // Discard
        #expect(try tui.exitReport().status == 0)
        #expect(try account.staged() == nil)
    }
}
