import Foundation
import Testing

/// A record deleted on Pipedrive, opened by its id (`:organizations 7`, as Enter on a `▸ Organization`
/// reference and an item search hit open it): v1 answers 404, v2 200 with `is_deleted`. The detail says it
/// was deleted, never that the id may be wrong, and offers no edit.
@Suite(.serialized) struct DeletedRecordDetailTests {
    @Test(arguments: ["v2", "v1"])
    func aDeletedRecordOpenedByIdSaysItWasDeleted(version: String) async throws {
        let account = try Account(apiVersion: version == "v1" ? "v1" : nil)
        let org = try #require(account.rows("organizations").first { $0["is_deleted"]?.boolValue != true }?["id"]?.intValue)
        try await account.delete("/api/v2/organizations/\(org)")
        let tui = try account.start()
        try tui.wait(for: "26 resources")
        account.server.clearRequestLog()
        try tui.command("organizations \(org)")
        let detail = try tui.wait(for: "the deleted organization") { $0.contains("Deleted on Pipedrive (or never created): no organization \(org) there to edit") }
        let read = "/api/\(version)/organizations/\(org)"
        #expect(account.server.requestLog.contains { $0.path == read }, "\(account.server.requestLog.map(\.path))")
        #expect(detail.lines[0].contains("(deleted)"), "\(detail)")
        #expect(!detail.contains("Check that id") && !detail.contains(" e edit"), "\(detail)")
        try tui.send("e")
        let refused = try tui.wait(for: "the edit refused") { $0.lines.suffix(3).joined().contains("Deleted on Pipedrive") }
        #expect(!refused.contains("Edit organization") && account.writes.isEmpty, "\(refused)")
        try tui.send("C-c")
        #expect(try tui.exitReport().sane)
    }
}
