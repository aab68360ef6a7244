import Foundation
import JSONValue
import PipedriveSandbox
import Testing

@testable import PipedriveEngine

/// Every writable built-in field of every writable resource, typed as a user would and written to the
/// sandbox in each version: the body carries the field in its documented form (the sandbox refuses any
/// other shape, as Pipedrive does), and writing the same text again sends nothing.
@Suite struct BuiltInFieldShapeTests {
    let fixture: SandboxFixture

    init() throws { fixture = try SandboxFixture() }

    static let resources = ["deals", "persons", "organizations", "activities", "products", "leads", "notes"]

    @Test(arguments: [PipedriveEngine.APIVersion.v2, .v1])
    func eachBuiltInFieldIsAcceptedInTheFormItIsSent(version: PipedriveEngine.APIVersion) async throws {
        let session = fixture.session(version: version)
        var written: [String] = []
        for name in Self.resources {
            let resource = try session.resource(named: name)
            guard let update = resource.action(named: "Update") else { continue }
            // The body fields Pipedrive's spec documents for the version the write goes in.
            let sent = session.version(of: update)
            let documented = (sent == .v2 ? CreateFields.v2 : CreateFields.v1)[name] ?? []
            let schema = try await session.schema(of: resource)
            let records = try await load(session, name, limit: 20)
            var record = try #require(records.first, "\(name) has records")
            // (Deleting is its own call, never a field edit.)
            for field in schema.fields where field.isWritable && !field.isCustom && field.key != "deleted"
                && documented.contains(sent == .v2 ? V2Names.v2Name(field.key, resource: name) : field.key)
            {
                guard let text = sample(field, others: records) else { continue }
                let label = "\(version) \(name).\(field.key) = \(text)"
                do {
                    record = try await session.update(resource, record: record, text: [field.key: text])
                    written.append("\(name).\(field.key)")
                } catch {
                    Issue.record("\(label): \(error)")
                    continue
                }
                // What was written reads back as the same value: the same text again changes nothing.
                let reread = try await session.reread(record, schema: schema)
                var edited = reread
                edited[field.key] = try ValueParser().parse(text, for: field, current: reread[field.key])
                let again = schema.updateBody(from: reread, to: edited, version: sent)
                #expect(again == nil, "\(label): sends \(again.map { String(describing: $0) } ?? "") again")
            }
        }
        #expect(written.contains("activities.due_time") && written.contains("activities.duration"))
        #expect(written.contains("activities.location") && (version == .v1 || written.contains("organizations.address")))
        #expect(written.count > 40, "\(written)")
    }

    /// A new activity with a due time and a duration (v2 refused `{"value": "17:00:00"}`).
    @Test(arguments: [PipedriveEngine.APIVersion.v2, .v1])
    func createsAnActivityWithADueTime(version: PipedriveEngine.APIVersion) async throws {
        let session = fixture.session(version: version)
        let activities = try session.resource(named: "activities")
        let created = try await session.create(
            activities, text: ["subject": "Call back", "type": "call", "due_date": "2026-03-04", "due_time": "17:00", "duration": "02:00:00"])
        let stored = try #require(fixture.rows("activities").first { $0["id"] == created.id?.json })
        #expect(stored["due_time"] == "17:00" && stored["duration"] == "02:00")
        let schema = try await session.schema(of: activities)
        let duration = try ValueParser().parse("02:00:00", for: try #require(schema.field("duration")))
        #expect(schema.createBody(["due_time": "17:00", "duration": duration], version: version) == ["due_time": "17:00", "duration": "02:00"])
    }

    /// The values of a text field that holds a few codes, or none.
    static func codes(_ key: String, _ records: [Record]) -> [String] {
        let seen = Set(records.compactMap { $0[key]?.stringValue })
        return seen.count <= 12 ? seen.sorted() : []
    }

    /// What a user would type into `field`: nil for fields edited otherwise (lists, objects, JSON).
    func sample(_ field: RecordField, others: [Record]) -> String? {
        switch field.kind {
        case .text, .longText:
            if let option = field.options.first { option.value.stringValue ?? option.label }
            // A text field holding a few codes (an activity's type, a product's billing frequency): one of them.
            else if let code = Self.codes(field.key, others).last { code }
            else { field.key == "currency" ? "USD" : "Audit \(field.key)" }
        case .phone: "+1 555 0100"
        case .integer: "3"
        case .decimal: "12.5"
        case .money: "1200 EUR"
        case .boolean: "yes"
        case .date: "2026-03-04"
        case .time: "17:00"
        case .timestamp: "2026-03-04 10:30"
        case .option, .options: field.options.last?.label
        case .address: "Rävala 5, Tallinn"
        case .visibility: "3"
        case .user, .person, .organization, .reference:
            // Another record's reference, so that it exists (and fits: a stage of a pipeline).
            others.compactMap { CustomField.plainID($0[field.key] ?? .null, kind: field.kind).intValue }.last.map(String.init)
        case .dateRange, .timeRange, .json, .list, .object, .bytes: nil
        }
    }
}

extension BuiltInFieldShapeTests {
    /// A deal's value typed without a currency takes the record's Currency (a new deal's, as filled in the
    /// form; an existing deal's whose value is empty); it needed `1500 EUR`.
    @Test func aValueTakesTheRecordsCurrency() async throws {
        let session = fixture.session()
        let schema = try await session.schema(of: try session.resource(named: "deals"))
        #expect(schema.currencyKey(of: "value") == "currency")
        var staging = Staging()
        guard case .success(let id) = staging.create(in: schema, text: ["title": "Pilot", "currency": "eur", "value": "1500"]),
              case .create(let values)? = staging.change(id)?.kind else { Issue.record("not staged: \(staging.problems)"); return }
        #expect(values["value"] == ["value": 1500, "currency": "EUR"])
        let empty = Record(id: .int(1), values: ["id": 1, "title": "Old", "currency": "USD"])
        #expect(staging.edit(empty, of: schema, text: ["value": "250"]).isEmpty)
        guard case .update(_, let edits)? = staging.update(of: "deals", id: .int(1))?.kind else { Issue.record("no edit"); return }
        #expect(edits.first { $0.key == "value" }?.new == ["value": 250, "currency": "USD"])
    }
}
