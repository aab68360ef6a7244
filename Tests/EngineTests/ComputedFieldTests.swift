import Foundation
import JSONValue
import PipedriveSandbox
import Testing

@testable import PipedriveEngine

/// Built-in fields no Create or Update body of Pipedrive's specs takes (a deal's products count, weighted
/// value) are computed by Pipedrive: `pdtui set` (a bulk edit), `pdtui new` (a staged create) and the
/// session's own writes refuse them, naming the field, before anything is sent; custom fields and an
/// activity's Free/busy (`busy_flag` in v1, `busy` in v2) stay writable.
@Suite struct ComputedFieldTests {
    let fixture: SandboxFixture

    init() throws { fixture = try SandboxFixture(inProcess: true) }

    @Test(arguments: [PipedriveEngine.APIVersion.v2, .v1])
    func countersAreRefusedBeforeAnythingIsSent(version: PipedriveEngine.APIVersion) async throws {
        let session = fixture.session(version: version)
        let deals = try session.resource(named: "deals")
        let schema = try await session.schema(of: deals)
        let record = try #require(try await load(session, "deals").first)
        for key in ["products_count", "weighted_value", "update_time"] {
            let field = try #require(schema.field(key), "the account lists \(key)")
            #expect(!field.isWritable && !field.isCreatable && field.isComputed)
            var staging = Staging()
            // `pdtui set deals 1 products_count=1`
            guard case .failure(let refusal) = staging.bulkEdit([record], of: schema, text: [key: "1"]) else {
                Issue.record("\(version) set \(key) was staged"); continue
            }
            #expect(refusal.fields[key] == "\(field.title): is computed by Pipedrive and cannot be set (read-only).")
            // `pdtui new deals title=… products_count=1`
            guard case .failure(let refused) = staging.create(in: schema, text: ["title": "Pilot", key: "1"]) else {
                Issue.record("\(version) new with \(key) was staged"); continue
            }
            #expect(refused.fields[key]?.contains("computed by Pipedrive") == true)
            #expect(staging.isEmpty)
            await #expect(throws: PipedriveError.self) { try await session.update(deals, record: record, text: [key: "1"]) }
            await #expect(throws: PipedriveError.self) { try await session.create(deals, values: ["title": "Pilot", key: 1]) }
        }
        #expect(fixture.writes.isEmpty)
        #expect(schema.fields.contains { $0.isCustom && $0.isWritable && $0.isCreatable })
        #expect(schema.field("title")?.isWritable == true && schema.field("stage_id")?.isCreatable == true)
    }

    /// An activity's Free/busy is `busy_flag` in v1 and `busy` in v2: writable under either name.
    @Test(arguments: [PipedriveEngine.APIVersion.v2, .v1])
    func freeBusyStaysWritable(version: PipedriveEngine.APIVersion) async throws {
        let session = fixture.session(version: version)
        let activities = try session.resource(named: "activities")
        let schema = try await session.schema(of: activities)
        let busy = try #require(schema.field("busy_flag") ?? schema.field("busy"), "\(schema.fields.map(\.key))")
        #expect(busy.isWritable && busy.isCreatable)
        for key in ["busy", "busy_flag"] {
            let listed = Schema(resource: activities, customFields: [CustomField(key: key, name: "Free/busy", type: .boolean, isCustom: false)])
            #expect(listed.field(key)?.isWritable == true && listed.field(key)?.isCreatable == true, "\(key)")
        }
    }

    /// v2 activities carry `busy` where the account's fields (and v1) say `busy_flag`: the record reads it
    /// under the listed field, so Free/busy is one filled field, and a v2 write sends `busy` (v1 `busy_flag`).
    @Test(arguments: [PipedriveEngine.APIVersion.v2, .v1])
    func freeBusyReadsAndWritesUnderEachVersionsName(version: PipedriveEngine.APIVersion) async throws {
        let session = fixture.session(version: version)
        let activities = try session.resource(named: "activities")
        let schema = try await session.schema(of: activities)
        #expect(schema.field("busy_flag") != nil && schema.field("busy") == nil, "\(schema.fields.map(\.key))")
        let records = try await load(session, "activities", limit: 20)
        let stored = Dictionary(uniqueKeysWithValues: fixture.rows("activities").compactMap { row in row["id"]?.intValue.map { ($0, row) } })
        for record in records {
            let row = try #require(record.id?.json.intValue.flatMap { stored[$0] })
            #expect(record["busy_flag"] == row["busy"] && record["busy"] == nil, "\(version) \(record.values)")
        }
        let record = try #require(records.first)
        let wasBusy = record["busy_flag"]?.boolValue == true
        let updated = try await session.update(activities, record: record, text: ["busy_flag": wasBusy ? "false" : "true"])
        #expect(updated["busy_flag"]?.boolValue == !wasBusy)
        let row = try #require(fixture.rows("activities").first { $0["id"] == record.id?.json })
        #expect(row["busy"]?.boolValue == !wasBusy)
    }

    /// A deal's creation time is a Create-only field (back-dating), never updated.
    @Test func theCreationTimeIsCreateOnly() throws {
        let deals = Schema(resource: try #require(Catalog.pipedrive.resource(named: "deals")), customFields: [
            CustomField(key: "add_time", name: "Deal created", type: .date, isCustom: false),
        ])
        let added = try #require(deals.field("add_time"))
        #expect(added.isCreatable && !added.isWritable)
        #expect(throws: ValueError.self) { try ValueParser().parse("3", for: try #require(deals.field("products_count"))) }
    }
}
