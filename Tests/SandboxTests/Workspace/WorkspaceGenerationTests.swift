import JSONValue
import Testing

@testable import PipedriveSandbox

@Suite("Workspace: generated data")
struct WorkspaceGenerationTests {
    static let tables = [
        "users", "teams", "roles", "activityTypes", "currencies", "files", "filters", "goals", "mailThreads", "mailMessages",
        "callLogs", "webhooks", "organizationRelationships", "subscriptions", "dealFollowers", "personFollowers",
        "organizationFollowers", "productFollowers", "userFollowers", "dealParticipants", "flowChanges",
    ]

    static func dump(_ store: Store) -> [String: [JSON]] {
        var result: [String: [JSON]] = [:]
        for name in tables { result[name] = store[name].all }
        for (key, bytes) in store.blobs { result[key] = [.string(String(decoding: bytes, as: UTF8.self))] }
        return result
    }

    @Test func sameSeedSameAccountOtherSeedOtherAccount() {
        let options = WorkspaceSandbox.options
        let first = Self.dump(WorkspaceSandbox.account(options))
        #expect(first == Self.dump(WorkspaceSandbox.account(options)))
        var other = options
        other.seed = 43
        let second = Self.dump(WorkspaceSandbox.account(other))
        #expect(first != second)
        #expect(first["currencies"] == second["currencies"])
    }

    @Test func everyTableIsFilledAndLinksPointAtRealRows() {
        let store = WorkspaceSandbox.generated
        for name in Self.tables { #expect(store[name].count > 0, "\(name) is empty") }
        #expect(store["users"].ids == Array(1...15))
        #expect(store["users"][1]?["access"]?[0]?["admin"] == true)
        for (table, key, entity) in [
            ("files", "deal_id", "deals"), ("files", "person_id", "persons"), ("files", "org_id", "organizations"),
            ("dealFollowers", "deal_id", "deals"), ("dealFollowers", "user_id", "users"), ("dealParticipants", "person_id", "persons"),
            ("mailThreads", "deal_id", "deals"), ("subscriptions", "deal_id", "deals"), ("callLogs", "person_id", "persons"),
            ("organizationRelationships", "rel_owner_org_id", "organizations"), ("teams", "manager_id", "users"),
        ] {
            for row in store[table].all {
                guard let id = row[key]?.intValue else { continue }
                #expect(store[entity][id] != nil, "\(table).\(key) = \(id) has no \(entity) row")
            }
        }
        for file in store["files"].all {
            #expect(store.blobs["files/\(file["id"]!.intValue!)"]?.count == file["file_size"]?.intValue)
        }
        let folders = Set(store["mailThreads"].all.compactMap { $0["folders"]?[0]?.stringValue })
        #expect(folders == ["inbox", "drafts", "sent", "archive"])
        for thread in store["mailThreads"].all {
            let messages = store["mailMessages"].all.filter { $0["mail_thread_id"] == thread["id"] }
            #expect(messages.count == thread["message_count"]?.intValue)
        }
    }

    @Test func copesWithoutSalesRows() {
        var store = Store(clock: WorkspaceSandbox.options.now)
        WorkspaceData.generatePeople(into: &store, WorkspaceSandbox.options)
        WorkspaceData.generateLinked(into: &store, WorkspaceSandbox.options)
        #expect(store["files"].count >= 25)
        #expect(store["mailThreads"].count >= 40)
        #expect(store["files"].all.allSatisfy { $0["deal_id"] == nil && $0["deal_name"] == "" })
        #expect(store["dealFollowers"].count == 0)
    }

    @Test func namesComeInManyScriptsAndHostileAccountsCarryHostileText() {
        let plain = WorkspaceSandbox.account(WorkspaceSandbox.options)
        let names = plain["users"].all.compactMap { $0["name"]?.stringValue }.joined()
        #expect(names.unicodeScalars.contains { $0.value > 0x2E80 })  // CJK or Hangul
        let text = Self.dump(plain).values.flatMap { $0 }.map(\.serializedString).joined()
        #expect(text.unicodeScalars.contains { (0x0590...0x06FF).contains($0.value) })  // Hebrew or Arabic
        #expect(!text.contains("\\u001b"))

        var options = WorkspaceSandbox.options
        options.hostile = true
        let hostile = Self.dump(WorkspaceSandbox.account(options)).values.flatMap { $0 }.map(\.serializedString).joined()
        #expect(hostile.contains("\\u001b["))
        #expect(hostile.contains(String(repeating: "Long名前🙂 xy", count: 1000)))
    }

    @Test func scaleMultipliesTheWorkspace() {
        var options = WorkspaceSandbox.options
        options.scale = 3
        let store = WorkspaceSandbox.account(options)
        #expect(store["users"].count == 45)
        #expect(store["filters"].count == 30 + RecordData.namedFilters.count)
    }
}
