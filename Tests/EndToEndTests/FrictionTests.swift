import Foundation
import Testing

/// Issue 12's friction items in the real binary against the sandbox: `G` to the real end, `n` in a
/// deal's activities, Enter on a reference, item search hits.
@Suite(.serialized) struct FrictionTests {
    @Test func bigGGoesToTheLastRecordOfTheAccount() throws {
        let tui = try Tmux("--demo")
        let first = try tui.openGrid("deals")
        #expect(first.contains("more to load"))
        try tui.send("G")
        let end = try tui.wait(for: "every page loaded") { $0.contains("all loaded") && $0.gridPosition.map { $0.row == $0.of } == true }
        let position = try #require(end.gridPosition)
        #expect(position.row > 1000, "the demo has thousands of deals: \(position)")
        #expect(end.contains("\(position.of) loaded, all loaded"))
        try tui.quit()
    }

    @Test func newInADealsActivitiesFillsInTheDeal() throws {
        let tui = try Tmux("--demo")
        try tui.wait(for: "26 resources")
        try tui.command("activities deal 7")
        try tui.wait(for: "the deal's activities") { $0.contains("deal_id=7") && $0.contains("loaded") }
        try tui.send("n")
        let form = try tui.wait(for: "the form with the deal") { $0.contains("New activity") && $0.contains("Deal ") }
        let deal = try #require(form.lines.first { $0.hasPrefix("   Deal ") }, "no Deal line:\n\(form)")
        #expect(deal.contains(" 7 "), "\(deal)")
        #expect(form.contains("1 changed"))
        try tui.send("C-c")
        #expect(try tui.exitReport().sane)
    }

    @Test func enterOnAnOrganizationOpensItsOwnDetail() throws {
        let tui = try Tmux("--demo")
        try tui.wait(for: "26 resources")
        try tui.command("deals")
        try tui.wait(for: "first page") { $0.gridPosition != nil }
        try tui.send("Enter")
        // Once named: an id shows until its name is looked up.
        let detail = try tui.wait(for: "the deal's organization by name") { screen in
            let line = screen.lines.first { $0.hasPrefix(" Organization ") }
            let value = line?.components(separatedBy: "▸ ").last?.trimmingCharacters(in: .whitespaces) ?? ""
            return screen.contains("field 1 of") && !value.isEmpty && !value.allSatisfy(\.isNumber)
        }
        let lines = detail.lines
        let line = try #require(lines.firstIndex { $0.hasPrefix(" Organization ") }, "no Organization line:\n\(detail)")
        let name = try #require(lines[line].components(separatedBy: "▸ ").last?.trimmingCharacters(in: .whitespaces))
        for _ in 1..<line { try tui.send("j") }
        try tui.wait(for: "the cursor on Organization") { $0.contains("field \(line) of") }
        try tui.send("Enter")
        // The breadcrumb's last crumb is the organization's name (`? help` at its right when it fits).
        let org = try tui.wait(for: "the organization's detail") { screen in
            let last = screen.lines.first?.components(separatedBy: "›").last?.replacingOccurrences(of: "? help", with: "")
            return last?.trimmingCharacters(in: .whitespaces) == name && screen.contains("field 1 of")
        }
        #expect(org.lines.dropFirst().contains { $0.hasPrefix(" Name ") && $0.contains(name) }, "\(org)")
        try tui.send("C-c")
        #expect(try tui.exitReport().sane)
    }

    @Test func itemSearchHitsShowTheirTypeAndOpenTheirRecord() throws {
        let tui = try Tmux("--demo")
        try tui.wait(for: "26 resources")
        try tui.command("itemSearch read acme")
        let hits = try tui.wait(for: "the hits") { $0.contains("Type") && $0.gridPosition != nil }
        let first = try #require(hits.lines.dropFirst(2).first)
        #expect(first.contains("deal") || first.contains("organization") || first.contains("person"), "\(first)")
        try tui.send("Enter")
        // Read whole: the detail first shows the id alone while the record's fields and values load.
        let detail = try tui.wait(for: "the hit's own detail, loaded") { $0.contains("field 1 of") && !$0.contains("loading") }
        #expect(!detail.contains("result_score"), "\(detail)")
        #expect(detail.lines.contains { ($0.hasPrefix(" Title ") || $0.hasPrefix(" Name ")) && $0.split(separator: " ").count > 1 }, "\(detail)")
        try tui.send("C-c")
        #expect(try tui.exitReport().sane)
    }
}
