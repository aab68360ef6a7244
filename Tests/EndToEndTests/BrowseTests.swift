import Foundation
import Testing

/// The real `pdtui --demo` binary in tmux: every path a user takes, and the terminal after each exit.
@Suite(.serialized) struct BrowseTests {
    @Test func reachDealsThroughTheResourceListAndThroughTheCommandLine() throws {
        let tui = try Tmux("--demo")
        let first = try tui.wait(for: "26 resources")
        #expect(first.contains("Activities") && first.contains("Deals"))
        // Deals is the fifth resource.
        try tui.send("j", "j", "j", "j", "Enter")
        try tui.wait(for: "Read search")
        try tui.send("Enter")
        let grid = try tui.wait(for: "a loaded page") { $0.gridPosition != nil && $0.contains("loaded") }
        #expect(grid.contains("Resources ›  Deals") || grid.contains("Deals"))
        #expect(grid.contains("Title"))

        try tui.command("deals")
        let again = try tui.wait(for: "deals grid") { $0.gridPosition?.row == 1 && $0.contains("Title") }
        #expect(again.lines.first?.contains("Resources › Deals") == true || again.lines.first?.contains("Deals") == true)
        try tui.command("q")
        let exit = try tui.exitReport()
        #expect(exit.status == 0)
        #expect(exit.sane, "terminal not restored:\n\(exit.screen)")
    }

    @Test func pageToRowOneThousandThenFilter() throws {
        let tui = try Tmux("--demo")
        try tui.wait(for: "26 resources")
        try tui.command("deals")
        try tui.wait(for: "first page") { $0.gridPosition != nil }
        // G goes to the last loaded row, which asks for the next page; each G waits for the cursor or the
        // rows loaded to move on.
        var screen = try tui.screen()
        while let position = screen.gridPosition, position.row < 1000 {
            try tui.send("G")
            screen = try tui.wait(for: "the grid past row \(position.row) of \(position.of)") {
                guard let now = $0.gridPosition else { return false }
                return now.row != position.row || now.of != position.of
            }
            if screen.gridPosition.map({ $0.row == position.row && $0.of == position.of }) ?? true { break }
        }
        let position = try #require(screen.gridPosition, "no position in:\n\(screen)")
        #expect(position.row >= 1000, "stopped at \(position)")
        // Filter the loaded rows as you type.
        try tui.send("/")
        try tui.type("Acme")
        let filtered = try tui.wait(for: "filter in the status") { $0.contains("filter \"Acme\"") }
        let narrowed = try #require(filtered.gridPosition)
        #expect(narrowed.of < position.of)
        // A row may match by a name in a column off screen (a deal's partner organization), so not every line shows it.
        #expect(filtered.lines.dropFirst(2).prefix(3).contains { $0.contains("Acme") })
        try tui.send("Escape")
        try tui.wait(for: "filter cleared") { !$0.contains("filter \"") }
        try tui.send("C-c")
        let exit = try tui.exitReport()
        #expect(exit.status == 0)
        #expect(exit.sane, "terminal not restored after Ctrl-C:\n\(exit.screen)")
    }

    @Test func detailThenDrillIntoParticipantsAndBack() throws {
        let tui = try Tmux("--demo", width: 160, height: 120)
        try tui.wait(for: "26 resources")
        try tui.command("deals")
        try tui.wait(for: "deals") { $0.gridPosition != nil }
        // Find a deal with participants: open details until one has the drill mark on its participants.
        var participantsRow: Int?
        for attempt in 0..<15 {
            try tui.send("Enter")
            let detail = try tui.wait(for: "gathered detail") { $0.contains("field 1 of") && !$0.contains("gathering fields") }
            participantsRow = detail.lines.firstIndex { $0.hasPrefix(" participants ") && $0.contains("▸") }
            if participantsRow != nil { break }
            try tui.send("Escape")
            try tui.wait(for: "back in the grid") { $0.gridPosition != nil }
            for _ in 0...attempt { try tui.send("j") }
        }
        let row = try #require(participantsRow, "no deal with participants among the first 15")
        let crumb = try tui.screen().lines[0]
        for _ in 1..<row { try tui.send("j") }
        try tui.send("Enter")
        let drilled = try tui.wait(for: "participants grid") { $0.lines[0].contains("participants") }
        #expect(drilled.contains("person_id"))
        try tui.send("Escape")
        let back = try tui.wait(for: "back at the deal") { !$0.lines[0].contains("participants") && $0.contains("field \(row) of") }
        #expect(back.lines[0] == crumb)
        try tui.send("Escape")
        let grid = try tui.wait(for: "back in the grid") { $0.gridPosition != nil }
        #expect(!grid.lines[0].contains("›  Deals ›"))
    }

    @Test func readDealOfActivitiesWithAPickedDeal() throws {
        let tui = try Tmux("--demo")
        try tui.wait(for: "26 resources")
        try tui.command("activities deal")
        try tui.wait(for: "deal_id")
        // A wrong value is refused in place.
        try tui.type("x")
        try tui.send("Enter")
        try tui.wait(for: "not a deal id")
        try tui.send("BSpace")
        try tui.type("Acme")
        let choices = try tui.wait(for: "matches") { $0.contains("#") && $0.contains("Acme") && !$0.contains("no match") }
        let picked = try #require(choices.lines.first { $0.contains("Acme") && $0.contains("#") && !$0.contains("▸") })
        let id = try #require(picked.split(separator: "#").last.map { $0.prefix { $0.isNumber } })
        try tui.send("Enter")  // pick the first match
        try tui.send("Enter")  // run
        let grid = try tui.wait(for: "activities of the deal") { $0.contains("deal_id=\(id)") && ($0.gridPosition != nil || $0.contains("no rows")) }
        #expect(grid.lines[0].contains("Activities (Read deal deal_id=\(id))"))
        try tui.send("Escape")
        try tui.wait(for: "the filled prompt") { $0.contains("deal_id") && $0.contains("Acme") }
    }

    @Test func helpAndResize() throws {
        let tui = try Tmux("--demo")
        try tui.wait(for: "26 resources")
        try tui.send("?")
        try tui.wait(for: "Keys (Esc closes)")
        try tui.send("Escape")
        try tui.wait(for: "help closed") { !$0.contains("Keys (Esc closes)") }
        try tui.tmux(["resize-window", "-t", "0", "-x", "132", "-y", "40"])
        let wide = try tui.wait(for: "a 132x40 screen") { $0.lines.count >= 40 && $0.contains("26 resources") && $0.lines[0].count > 100 }
        #expect(wide.lines[0].hasSuffix("? help"))
        try tui.tmux(["resize-window", "-t", "0", "-x", "60", "-y", "15"])
        // Waits for the whole frame: a capture can land while curses is still drawing it.
        try tui.wait(for: "a 60x15 screen") {
            $0.lines[0].hasSuffix("? help") && $0.lines[0].count <= 60 && $0.contains("26 resources")
        }
    }

    @Test(arguments: ["TERM", "HUP"]) func signalsRestoreTheTerminal(signal: String) throws {
        let tui = try Tmux("--demo")
        try tui.wait(for: "26 resources")
        try tui.command("deals")
        try tui.wait(for: "deals") { $0.gridPosition != nil }
        let pid = try tui.pdtuiPID()
        kill(pid, signal == "TERM" ? SIGTERM : SIGHUP)
        let exit = try tui.exitReport()
        #expect(exit.sane, "terminal not restored after SIG\(signal):\n\(exit.screen)")
        #expect(!exit.screen.contains("Title"), "the screen was not left")
    }

    @Test func hostileDataNeverReachesTheTerminalRaw() throws {
        let tui = try Tmux("--demo --hostile", width: 200, height: 60)
        try tui.wait(for: "26 resources")
        let title = try tui.tmux(["display-message", "-p", "-t", "0", "#{pane_title}"])
        var sawInert = false
        for resource in ["deals", "persons", "organizations", "notes"] {
            try tui.command(resource)
            try tui.wait(for: resource) { $0.gridPosition != nil }
            for _ in 0..<4 {
                let plain = try tui.screen()
                sawInert = sawInert || plain.contains("␛")
                let styled = try tui.screen(escapes: true)
                // Only tmux's own colour codes may appear: any other escape came from the data.
                let stripped = styled.replacingOccurrences(of: #"\u{1B}\[[0-9;:]*m"#, with: "", options: .regularExpression)
                #expect(!stripped.contains("\u{1B}"), "an escape sequence reached the terminal")
                try tui.send("PageDown")
                try tui.settle()
            }
        }
        #expect(sawInert, "no hostile value was on screen to check")
        #expect(try tui.tmux(["display-message", "-p", "-t", "0", "#{pane_title}"]) == title)
        try tui.command("q")
        #expect(try tui.exitReport().sane)
    }
}
