import Foundation
import JSONValue
import PipedriveEngine
import Testing

/// Changes staged outside the TUI (`pdtui set`, an earlier session's file) and committed from the commit
/// view straight away, no grid of deals opened: the view and the conflict dialog still name every field,
/// custom ones included, by its name, references by the record's name and options by their labels.
@Suite(.serialized) struct ConflictNamesTests {
    @Test func aConflictOnChangesStagedElsewhereNamesFieldsAndValues() async throws {
        let account = try Account()
        let session = Session(settings: account.settings)
        let deals = try session.resource(named: "deals")
        let schema = try await session.schema(of: deals)
        let dealType = try #require(schema.fields.first { $0.title == "Deal type" }).key
        let partner = try #require(schema.fields.first { $0.title == "Partner organization" }).key
        var pages = try session.pages(deals.readAction!, limit: 5, prefetch: false).makeAsyncIterator()
        let page = try #require(try await pages.next())
        let deal = try #require(try await session.records(page, of: deals).first { $0["org_id"]?.intValue != nil })
        let id = try #require(deal.id.flatMap { Int($0.description) })
        let orgs = account.rows("organizations").filter { $0["is_deleted"]?.boolValue != true }
        func orgName(_ id: Int?) -> String { orgs.first { $0["id"]?.intValue == id }?["name"]?.stringValue ?? "?" }
        let was = try #require(deal["org_id"]?.intValue)
        let (mine, theirs, partnerOrg) = try #require({
            let others = orgs.compactMap { $0["id"]?.intValue }.filter { $0 != was }
            return others.count >= 3 ? (others[0], others[1], others[2]) : nil
        }())
        // `pdtui set deals ID title=Mine "Deal type=Upsell" org_id=…`, saved where the next pdtui finds it.
        var staging = Staging()
        #expect(staging.edit(deal, of: schema, text: ["title": "Mine", dealType: "Upsell", "org_id": String(mine)]).isEmpty)
        try account.stagingFile.save(staging)
        let options = try #require(schema.field(dealType)?.options)
        let renewal = try #require(options.first { $0.label == "Renewal" }?.id)

        let tui = try account.start(width: 160, height: 48)
        try tui.wait(for: "Staged changes from the last session")
        try tui.send("r")
        let view = try tui.wait(for: "the commit view, named") { $0.contains("→ PATCH /api/v2/deals/\(id)") && $0.contains(orgName(mine)) }
        #expect(view.contains("Organization: \(orgName(was)) → \(orgName(mine))"), "\(view)")
        #expect(view.contains("Deal type: ") && view.contains("→ Upsell"), "\(view)")
        // A second client changes the same fields, and a custom reference, meanwhile.
        try await account.patch("/api/v2/deals/\(id)", [
            "title": "Theirs", "org_id": .int(theirs), "custom_fields": .object([dealType: .int(renewal), partner: .int(partnerOrg)]),
        ])
        account.server.clearRequestLog()
        try tui.send("c")
        let conflict = try tui.wait(for: "the conflict, named") { $0.contains("Conflict") && $0.contains("Partner organization") }
        #expect(conflict.contains("≠ Organization: theirs \(orgName(theirs)) · yours \(orgName(mine)) · was \(orgName(was))"), "\(conflict)")
        #expect(conflict.contains("≠ Deal type: theirs Renewal · yours Upsell"), "\(conflict)")
        #expect(conflict.contains("Partner organization: theirs \(orgName(partnerOrg))"), "\(conflict)")
        // (The view's calls carry the custom field's key, as sent; the dialog names it.)
        let dialog = conflict.lines.filter { $0.contains("│") }.joined(separator: "\n")
        #expect(dialog.range(of: "[0-9a-f]{40}", options: .regularExpression) == nil, "a field named by its key:\n\(dialog)")
        #expect(account.writes.isEmpty)
        try tui.send("s")
        try tui.wait(for: "skipped, held out of commits")
        try tui.send("Escape")
        try tui.settle()
        try tui.send("q")
        try tui.wait(for: "Quit with 1 staged change?")
        try tui.send("k")
        #expect(try tui.exitReport().status == 0)
    }
}
