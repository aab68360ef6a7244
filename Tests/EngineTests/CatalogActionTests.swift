import Foundation
import JSONValue
import PipedriveSandbox
import Testing

@testable import PipedriveEngine

/// Every action of the catalog performed by the engine against the sandbox over HTTP, in v2 mode (v2
/// where Pipedrive moved the call) and in v1 mode: each read returns the sandbox's rows; each write
/// changes the sandbox exactly as intended, read back from its store; a v1 batch delete is one call.
@Suite(.serialized) struct CatalogActionTests {
    static let modes: [PipedriveEngine.APIVersion] = [.v2, .v1]
    static let resources = Catalog.pipedrive.resources.map(\.name)
    /// One account for all reads (never written), one for all writes: the suite runs serially, and each
    /// write test makes, changes and deletes its own records.
    static let readSandbox = Result { try SandboxFixture() }
    static let writeSandbox = Result { try SandboxFixture() }

    @Test(arguments: resources, modes)
    func readsReturnTheSandboxRows(resource name: String, mode: PipedriveEngine.APIVersion) async throws {
        let sandbox = try Self.readSandbox.get()
        let session = sandbox.session(version: mode)
        let resource = try session.resource(named: name)
        for action in resource.actions where action.kind == .read {
            let parameters = ActionInputs.parameters(for: action, sandbox: sandbox)
            let label = "\(name) '\(action.name)' \(mode) \(parameters)"
            // Sub-field entries of a `*Fields` list (the parts of a composite field) have no id of their own.
            let rows = try await session.pages(action, parameters: parameters).allRows().filter { $0["is_subfield"] != true }
            #expect(!rows.isEmpty, "\(label) returned no rows")
            let expected = ActionInputs.expectedIDs(
                for: action, version: session.version(of: action), parameters: parameters, sandbox: sandbox)
            let ids = rows.compactMap { ActionInputs.id(of: $0, action: action) }
            #expect(ids.count == rows.count, "\(label): rows without ids")
            if let expected {
                #expect(Set(ids) == expected, "\(label): \(Set(ids).symmetricDifference(expected).count) ids differ")
            }
        }
    }

    @Test(arguments: resources, modes)
    func writesChangeTheSandboxAsIntended(resource name: String, mode: PipedriveEngine.APIVersion) async throws {
        let resource = try #require(Catalog.pipedrive.resource(named: name))
        let kinds = Set(resource.actions.map(\.kind))
        guard kinds.contains(.create) || kinds.contains(.update) || kinds.contains(.delete) else { return }
        let sandbox = try Self.writeSandbox.get()
        let session = sandbox.session(version: mode)
        let plan = try #require(WritePlan.plans[name], "no write plan for \(name)")
        let table = plan.table ?? name

        // Create, read back from the store.
        var records: [Record] = []
        if kinds.contains(.create) {
            let values = plan.create(sandbox)
            for copy in 0..<(plan.batch ? 2 : 1) {
                let record: Record
                if plan.upload {
                    let journal = Journal(path: FileManager.default.temporaryDirectory.path + "/pdtui-catalog-\(UUID().uuidString).jsonl")
                    defer { try? FileManager.default.removeItem(atPath: journal.path) }
                    let deal = try #require(sandbox.rows("deals").first?["id"]?.intValue)
                    record = try await session.upload(
                        fileNamed: "engine-\(copy).txt", content: Array("hello \(copy)".utf8), to: .deal(deal), journal: journal)
                    let id = try #require(record.id)
                    #expect(try await session.client.download(APIRequest(.get, .v1, "/files/\(id)/download")) == Array("hello \(copy)".utf8))
                } else {
                    record = try await session.create(resource, values: values)
                }
                let id = try #require(record.id, "\(name) Create \(mode) returned no id")
                let stored = try #require(sandbox.row(table, id: id), "\(name) \(id) is not in the sandbox")
                for (key, value) in values where plan.checked.contains(key) {
                    #expect(stored[key] == value, "\(name) Create \(mode): \(key) is \(String(describing: stored[key]))")
                }
                records.append(record)
            }
        } else {
            records = try plan.existing(sandbox).map { Record(json: $0) }
        }

        // Update: only the changed values, the rest left as it was.
        if kinds.contains(.update), let update = plan.update, let first = records.first {
            let id = try #require(first.id)
            let before = try #require(sandbox.row(table, id: id))
            let changes = update(sandbox)
            let updated = try await session.update(resource, record: first, values: changes)
            #expect(updated.id == id)
            let after = try #require(sandbox.row(table, id: id))
            for (key, value) in changes where plan.checked.contains(key) {
                #expect(after[key] == value, "\(name) Update \(mode): \(key) is \(String(describing: after[key]))")
            }
            for key in plan.untouched { #expect(after[key] == before[key], "\(name) Update \(mode) changed \(key)") }
        }

        // Delete: gone from the store; a v1 batch in one call.
        if kinds.contains(.delete) {
            let ids = records.compactMap(\.id)
            sandbox.server.clearRequestLog()
            let deleted = try await session.delete(resource, ids: ids)
            #expect(Set(deleted) == Set(ids))
            for id in ids { #expect(sandbox.row(table, id: id) == nil, "\(name) \(id) still there after Delete \(mode)") }
            let deletes = sandbox.server.requestLog.filter { $0.method == "DELETE" }
            let action = try #require(resource.action(named: "Delete"))
            if session.version(of: action) == .v1, action.automatic.contains(where: { if case .batchIDs = $0 { true } else { false } }) {
                #expect(deletes.count == 1, "\(name) v1 batch delete took \(deletes.count) calls")
                #expect(deletes.first?.query.removingPercentEncoding?.contains("ids=" + ids.map(\.description).joined(separator: ",")) == true)
            } else {
                #expect(deletes.count == ids.count)
            }
        }
    }
}

extension SandboxFixture {
    /// The live row whose `id` is `id` (ids may be numbers or strings, e.g. goals and leads).
    func row(_ table: String, id: RecordID) -> JSON? {
        rows(table).first { RecordID($0[ActionInputs.idKey(table)]) == id }
    }
}
