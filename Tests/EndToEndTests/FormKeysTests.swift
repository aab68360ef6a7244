import Foundation
import JSONValue
import PipedriveSandbox
import Testing

/// Forms of the real binary in tmux against a sandbox of its own over HTTP: keys typed the moment a form
/// opens, built-in fields with code ids (a deal's status, an activity's type) picked from lists, and a
/// lead's labels, organization and person shown by name.
@Suite(.serialized) struct FormKeysTests {
    typealias Account = EditFormTests.Account

    /// The staged change's edits as `key: new`.
    func stagedEdits(_ account: Account) throws -> [String: JSON] {
        let change = try #require(try account.staged()?["changes"]?.arrayValue?.first, "nothing staged")
        var edits: [String: JSON] = [:]
        for edit in change["edits"]?.arrayValue ?? [] { edits[edit["key"]?.stringValue ?? ""] = edit["new"] }
        return edits
    }

    @Test func keysTypedRightAfterEAreNotLost() async throws {
        let account = try Account()
        let tui = try account.open()
        try tui.wait(for: "Resources")
        try tui.command("deals")
        try tui.wait(for: "deals rows") { $0.gridPosition != nil }
        // `e` and the text in one write: they reach pdtui together, before the form's fields.
        try tui.type("e typed at once")
        try tui.wait(for: "the text in the title") { $0.lines.contains { $0.hasPrefix("▸") && $0.contains("typed at once") } }
        try tui.send("C-s")
        try tui.wait(for: "staged: Title")
        let title = try #require(try await account.get("/api/v2/deals").arrayValue?.first?["title"]?.stringValue)
        #expect(try stagedEdits(account)["title"] == .string(title + " typed at once"))
    }

    @Test func aDealsStatusIsPickedFromItsOptionsAndSentAsItsCode() async throws {
        let account = try Account()
        let first = try #require(try await account.get("/api/v2/deals").arrayValue?.first)
        let current = first["status"]?.stringValue ?? "open"
        let (wanted, label) = current == "won" ? ("open", "Open") : ("won", "Won")
        let tui = try account.open()
        try EditFormTests().editFirstRow(tui, of: "deals")
        try EditFormTests().focus(tui, "Status")
        #expect(try tui.screen().lines.contains { $0.hasPrefix("▸") && $0.contains(current.capitalized) && $0.contains("pick one") })
        try tui.send("Enter")
        try tui.type(wanted)
        try tui.wait(for: "the narrowed list") { $0.contains("narrowed to \"\(wanted)\"") }
        try tui.send("Enter")
        try tui.wait(for: "the picked status") { $0.lines.contains { $0.hasPrefix("▸") && $0.contains(label) } }
        try tui.send("C-s")
        try tui.wait(for: "staged: Status")
        #expect(try stagedEdits(account)["status"] == .string(wanted))
        try EditFormTests().commit(tui)
        #expect(try await account.get("/api/v2/deals/\(first["id"]?.intValue ?? 0)")["status"] == .string(wanted))
    }

    @Test func anActivitysTypeIsOneOfTheAccountsActivityTypes() async throws {
        let account = try Account()
        let types = try await account.get("/api/v1/activityTypes").arrayValue ?? []
        let first = try #require(try await account.get("/api/v2/activities").arrayValue?.first)
        let other = try #require(types.first { $0["key_string"] != first["type"] && $0["active_flag"] != false })
        let tui = try account.open()
        try tui.wait(for: "Resources")
        try tui.command("activities")
        try tui.wait(for: "activities rows") { $0.gridPosition != nil }
        try tui.send("e")
        try tui.wait(for: "the form's fields") { $0.contains("Edit ") && $0.contains("field 1 of") }
        try EditFormTests().focus(tui, "Type")
        try tui.send("Enter")
        let list = try tui.wait(for: "the activity types") { $0.contains("type to narrow") }
        for type in types.prefix(3) { #expect(list.contains(type["name"]?.stringValue ?? "?"), "\(type) in:\n\(list)") }
        try tui.type(other["name"]?.stringValue ?? "?")
        try tui.send("Enter")
        try tui.send("C-s")
        try tui.wait(for: "staged: Type")
        #expect(try stagedEdits(account)["type"] == other["key_string"])
    }

    @Test func aLeadsFormShowsLabelsOrganizationAndPersonByName() async throws {
        let account = try Account()
        let leads = try await account.get("/api/v1/leads").arrayValue ?? []
        let labels = try await account.get("/api/v1/leadLabels").arrayValue ?? []
        let lead = try #require(leads.first)
        let tui = try account.open(height: 40)
        try tui.wait(for: "Resources")
        try tui.command("leads")
        try tui.wait(for: "leads rows") { $0.gridPosition != nil }
        // Names fill in after the rows: the form is opened on a row once its names have been asked for and drawn.
        try tui.wait(for: "the names looked up") { _ in
            let paths = account.server.requestLog.map(\.path)
            return paths.contains { $0.contains("organizations") } && paths.contains { $0.contains("persons") }
        }
        let grid = try tui.settle()
        #expect(grid.contains("Title") && !grid.contains("title"), "\(grid)")
        try tui.send("e")
        let form = try tui.wait(for: "the form's fields") { $0.contains("Edit ") && $0.contains("field 1 of") }
        let names = (lead["label_ids"]?.arrayValue ?? []).compactMap { id in labels.first { $0["id"] == id }?["name"]?.stringValue }
        let labelLine = try #require(form.lines.first { $0.contains("Labels") }, "\(form)")
        for name in names { #expect(labelLine.contains(name), "\(name) in \(labelLine)") }
        if let org = lead["organization_id"]?.intValue {
            let name = try #require(try await account.get("/api/v2/organizations/\(org)")["name"]?.stringValue)
            let line = try #require(form.lines.first { $0.contains("Organization") }, "\(form)")
            #expect(line.contains(String(name.prefix(20))), "\(name) in \(line)")
        }
        if let person = lead["person_id"]?.intValue {
            let name = try #require(try await account.get("/api/v2/persons/\(person)")["name"]?.stringValue)
            let line = try #require(form.lines.first { $0.contains("Person") }, "\(form)")
            #expect(line.contains(String(name.prefix(20))), "\(name) in \(line)")
        }
        let value = try #require(form.lines.first { $0.contains("Value") }, "\(form)")
        #expect(value.contains("amount currency"), "\(value)")
    }
}
