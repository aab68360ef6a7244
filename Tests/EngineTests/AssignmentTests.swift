import Foundation
import Testing
import JSONValue
import PipedriveSandbox
@testable import PipedriveEngine

/// `FIELD=VALUE` as `pdtui set` and `pdtui new` read it, for every field type, staged and committed to a
/// sandbox and read back.
@Suite struct AssignmentTests {
    let fixture: SandboxFixture
    let folder: TemporaryFolder

    init() throws {
        fixture = try SandboxFixture()
        folder = try TemporaryFolder()
    }

    /// A valid value for each kind of field, as a user types it.
    func sample(_ field: RecordField, names: [String: String]) -> String? {
        switch field.kind {
        case .text, .longText, .phone: "Ünïcode text ✓"
        case .integer: "1,234"
        case .decimal: "12.5"
        case .money: "1234.50 EUR"
        case .boolean: "yes"
        case .date: "2026-03-04"
        case .time: "09:30"
        case .timestamp: "2026-03-04 09:30"
        case .dateRange: "2026-01-01 - 2026-01-31"
        case .timeRange: "09:00 - 17:30"
        case .option: field.options.last?.label
        case .options: field.options.suffix(2).map(\.label).joined(separator: ", ")
        case .user: names["users"]
        case .person: names["persons"]
        case .organization: names["organizations"]
        case .reference(let resource): names[resource]
        case .address: "Narva mnt 5, Tallinn"
        case .visibility: "3"
        case .json, .list, .object, .bytes: nil
        }
    }

    @Test func everyFieldTypeByItsTitleIsParsedCheckedAndWritten() async throws {
        let session = fixture.session()
        let deals = try session.resource(named: "deals")
        let schema = try await session.schema(of: deals)
        let person = try await session.create(try session.resource(named: "persons"), text: ["name": "Zebulon Quist"])
        let organization = try await session.create(try session.resource(named: "organizations"), text: ["name": "Quist Holdings"])
        let stages = fixture.rows("stages")
        let stage = try #require(stages.first { stage in stages.filter { $0["name"] == stage["name"] }.count == 1 })
        let user = try #require(fixture.rows("users").last)
        let names = [
            "users": user["name"]!.stringValue!, "persons": "zebulon quist", "organizations": "Quist Holdings",
            "stages": stage["name"]!.stringValue!,
        ]
        // Custom fields of every type, and the built-ins a bulk fix touches.
        let builtIns = ["title", "user_id", "value", "probability", "org_id", "person_id", "stage_id", "expected_close_date", "visible_to"]
        let fields = schema.fields.filter { ($0.isCustom || builtIns.contains($0.key)) && $0.isWritable }
        var pairs: [String] = [], expected: [String: String] = [:]
        for field in fields {
            guard let text = sample(field, names: names) else { continue }
            let unique = schema.fields.filter { $0.title.lowercased() == field.title.lowercased() }.count == 1
            pairs.append("\(unique ? field.title : field.key)=\(text)")
            expected[field.key] = text
        }
        #expect(Set(fields.filter(\.isCustom).map { "\($0.kind)" }).isSuperset(of: [
            "text", "money", "date", "time", "dateRange", "timeRange", "option", "options", "user", "person", "organization", "address",
        ]))
        let assignments = try await session.assignments(pairs, schema: schema)
        #expect(Set(assignments.text.keys) == Set(expected.keys))
        #expect(assignments.text["user_id"] == String(user["id"]!.intValue!) && assignments.text["stage_id"] == String(stage["id"]!.intValue!))
        #expect(assignments.text["person_id"] == person.id?.description && assignments.text["org_id"] == organization.id?.description)

        let loaded = try await load(session, "deals", limit: 2)
        var staging = Staging()
        let group = try staging.bulkEdit(loaded, of: schema, text: assignments.text, shown: assignments.shown).get()
        #expect(group?.label.contains("Owner → \(names["users"]!)") == true)
        let report = try await session.commit(&staging, journal: Journal(path: folder.path + "/journal.jsonl"))
        #expect(report.failures.map(\.message) == [] && staging.isEmpty)
        for deal in try await session.records(loaded.compactMap(\.id), of: schema) {
            for (key, text) in assignments.text {
                let wanted = try ValueParser().parse(text, for: schema.field(key)!, current: deal[key])
                #expect(Self.holds(deal, key, wanted, schema: schema), "\(key): \(String(describing: deal[key])) is not \(wanted)")
            }
        }
    }

    /// The record holds the value written: an object's members as written (Pipedrive adds a time's zone), a
    /// deal's amount in `value` and `currency`.
    static func holds(_ record: Record, _ key: String, _ wanted: JSON, schema: Schema) -> Bool {
        if Staging.same(key, wanted, schema: schema, base: record) { return true }
        guard case .object(let members) = wanted else { return false }
        if key == "value" { return record["value"] == members["value"] && record["currency"] == members["currency"] }
        return members.allSatisfy { record[key]?[$0.key] == $0.value }
    }

    @Test func aFieldOrNameThatIsNotThereIsRefusedBeforeAnythingIsSent() async throws {
        let session = fixture.session()
        let schema = try await session.schema(of: try session.resource(named: "deals"))
        fixture.server.clearRequestLog()
        await #expect(throws: PipedriveError.self) { try await session.assignments(["Colour=red"], schema: schema) }
        await #expect(throws: PipedriveError.self) { try await session.assignments(["title"], schema: schema) }
        await #expect(throws: PipedriveError.self) { try await session.assignments(["title=a", "Title=b"], schema: schema) }
        do {
            _ = try await session.assignments(["Owner=Nobody Of That Name"], schema: schema)
            Issue.record("an unknown owner was taken")
        } catch let error as PipedriveError {
            #expect(error.message == "Owner: no users named \"Nobody Of That Name\"; give the id.")
        }
        // v2 names and keys are fields too; a number is an id, checked later by the form's parser.
        let byName = try await session.assignments(["owner_id=3", "stage=2", "expected close date=2026-01-02"], schema: schema)
        #expect(byName.text == ["user_id": "3", "stage_id": "2", "expected_close_date": "2026-01-02"])
        var staging = Staging()
        let deals = try await load(session, "deals", limit: 1)
        let wrong = try await session.assignments(["Probability=12a"], schema: schema)
        guard case .failure(let refusal) = staging.bulkEdit(deals, of: schema, text: wrong.text) else {
            Issue.record("12a was staged")
            return
        }
        #expect(refusal.fields["probability"]?.contains("12a") == true)
        #expect(fixture.writes.isEmpty)
    }
}
