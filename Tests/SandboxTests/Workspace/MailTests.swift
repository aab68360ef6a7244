import JSONValue
import Testing

@testable import PipedriveSandbox

@Suite("Workspace: mail")
struct MailTests {
    @Test func everyFolderHasThreadsAndPagesThemOnce() async throws {
        let sandbox = try WorkspaceSandbox()
        let store = sandbox.store()
        var seen: [Int] = []
        for folder in ["inbox", "drafts", "sent", "archive"] {
            let threads = try await sandbox.allPages("/api/v1/mailbox/mailThreads", query: ["folder": folder], limit: 3)
            #expect(!threads.isEmpty, "\(folder)")
            #expect(threads.allSatisfy { $0["folders"]?.arrayValue?.contains(.string(folder)) == true })
            #expect(threads.allSatisfy { $0["user_id"] == 1 || $0["shared_flag"] == 1 })
            seen += threads.map { $0["id"]!.intValue! }
        }
        #expect(Set(seen).count == seen.count)
        let mine = store["mailThreads"].all.filter { $0["user_id"] == 1 }.map { $0["id"]!.intValue! }
        #expect(Set(seen) == Set(mine))
        try await sandbox.expectRefused(400, "GET", "/api/v1/mailbox/mailThreads")
        try await sandbox.expectRefused(400, "GET", "/api/v1/mailbox/mailThreads", query: ["folder": "spam"])
    }

    @Test func updateArchivesAndLinksThenDelete() async throws {
        let sandbox = try WorkspaceSandbox()
        let inbox = try await sandbox.call("GET", "/api/v1/mailbox/mailThreads", query: ["folder": "inbox"]).data.ids
        let id = inbox[0]
        let updated = try await sandbox.call("PUT", "/api/v1/mailbox/mailThreads/\(id)", .form([("archived_flag", "1"), ("deal_id", "5"), ("read_flag", "1")])).data
        #expect(updated["archived_flag"] == 1)
        #expect(updated["read_flag"] == 1)
        #expect(updated["deal_id"] == 5)
        #expect(updated["folders"] == ["archive"])
        #expect(try await sandbox.call("GET", "/api/v1/mailbox/mailThreads/\(id)").data == updated)
        let archive = try await sandbox.allPages("/api/v1/mailbox/mailThreads", query: ["folder": "archive"], limit: 100)
        #expect(archive.contains { $0["id"]?.intValue == id })
        let dealMail = try await sandbox.call("GET", "/api/v1/deals/5/mailMessages").data.arrayValue ?? []
        #expect(dealMail.contains { $0["data"]?["mail_thread_id"]?.intValue == id })

        try await sandbox.expectRefused(400, "PUT", "/api/v1/mailbox/mailThreads/\(id)", .json(["read_flag": 2]))
        try await sandbox.expectRefused(400, "PUT", "/api/v1/mailbox/mailThreads/\(id)", .json(["deal_id": 9999]))
        try await sandbox.expectRefused(400, "PUT", "/api/v1/mailbox/mailThreads/\(id)", .json(["subject": "x"]))
        try await sandbox.expectRefused(404, "PUT", "/api/v1/mailbox/mailThreads/99999", .json(["read_flag": 1]))

        #expect(try await sandbox.call("DELETE", "/api/v1/mailbox/mailThreads/\(id)").data == ["id": .int(id)])
        try await sandbox.expectRefused(404, "GET", "/api/v1/mailbox/mailThreads/\(id)")
        let afterDelete = try await sandbox.call("GET", "/api/v1/deals/5/mailMessages").data.arrayValue ?? []
        #expect(!afterDelete.contains { $0["data"]?["mail_thread_id"]?.intValue == id })
    }

    @Test func mailMessagesOfDealsPersonsAndOrganizations() async throws {
        let sandbox = try WorkspaceSandbox()
        let store = sandbox.store()
        let messages = store["mailMessages"].all
        let person = messages.compactMap { $0["from"]?[0]?["linked_person_id"]?.intValue }.first!
        let expected = messages.filter { message in
            ["from", "to"].contains { message[$0]?[0]?["linked_person_id"]?.intValue == person }
        }.map { $0["id"]!.intValue! }
        let listed = try await sandbox.allPages("/api/v1/persons/\(person)/mailMessages", limit: 1)
        #expect(Set(listed.map { $0["data"]!["id"]!.intValue! }) == Set(expected))
        #expect(listed.allSatisfy { $0["object"] == "mailMessage" && $0["data"]?["body"] == nil })
        let times = listed.compactMap { $0["timestamp"]?.stringValue }
        #expect(times == times.sorted(by: >))

        let withBody = try await sandbox.call("GET", "/api/v1/persons/\(person)/mailMessages", query: ["include_body": "1"]).data[0]!
        let bodyBytes = store.blobs["mailMessages/\(withBody["data"]!["id"]!.intValue!)"]!
        #expect(withBody["data"]?["body"] == .string(String(decoding: bodyBytes, as: UTF8.self)))

        let thread = store["mailThreads"].all.first { $0["parties"]?["from"]?[0]?["linked_organization_id"]?.intValue != nil
            || $0["parties"]?["to"]?[0]?["linked_organization_id"]?.intValue != nil }!
        let org = (thread["parties"]?["from"]?[0]?["linked_organization_id"] ?? thread["parties"]?["to"]?[0]?["linked_organization_id"])!.intValue!
        let orgMail = try await sandbox.call("GET", "/api/v1/organizations/\(org)/mailMessages", query: ["limit": "500"]).data.arrayValue ?? []
        #expect(orgMail.contains { $0["data"]?["mail_thread_id"] == thread["id"] })

        try await sandbox.expectRefused(404, "GET", "/api/v1/deals/9999/mailMessages")
        try await sandbox.expectRefused(404, "GET", "/api/v1/persons/9999/mailMessages")
        try await sandbox.expectRefused(404, "GET", "/api/v1/organizations/9999/mailMessages")
    }
}
