import Foundation
import JSONValue
import PipedriveSandbox
import Testing

@testable import PipedriveEngine

/// v2 keeps answering a deleted record by id, flagged `is_deleted: true`, for 30 days: pdtui reads it as
/// gone (what `pdtui set` and a commit's conflict check read), never as a live record to edit.
@Suite struct DeletedRecordTests {
    let fixture: SandboxFixture

    init() throws { fixture = try SandboxFixture(inProcess: true) }

    @Test(arguments: ["deals", "persons", "organizations", "activities", "products"])
    func aDeletedRecordReadsAsGone(name: String) async throws {
        let session = fixture.session(version: .v2)
        let resource = try session.resource(named: name)
        let schema = try await session.schema(of: resource)
        let id = try #require(try await load(session, name).first?.id)
        try await session.delete(resource, ids: [id])
        await #expect {
            _ = try await session.records([id], of: schema)
        } throws: { error in
            guard let error = error as? PipedriveError else { return false }
            return error.kind == .notFound && error.message == "\(name) \(id) was deleted in Pipedrive."
        }
    }
}
