import Foundation
import JSONValue
import PipedriveSandbox
import Testing

@testable import PipedriveEngine

/// Real-shaped answers (`Tests/RealAnswers`, see its README) replayed to the engine and to `pdtui get`: what a
/// user is shown must be names, money and labels, never a bare id where a name exists, `{…}`, or a column for
/// a sub-field, in v1 and in v2.
@Suite struct RealAnswerTests {
    static let folder = SharedMaterial.packageRoot.appendingPathComponent("Tests/RealAnswers")

    let server: ReplayServer

    init() throws { server = try ReplayServer(folder: Self.folder) }

    func session(_ version: PipedriveEngine.APIVersion) -> Session {
        let settings = ConnectionSettings(baseURL: URL(string: server.baseURL)!, credential: .apiToken("replay"), profileName: "replay")
        return Session(settings: settings, apiVersion: version, retry: RetryPolicy(maxAttempts: 1))
    }

    /// The first page of a read, as text cells by column title, with what was shown about it.
    func shown(_ resource: String, _ version: PipedriveEngine.APIVersion, action: String = "", parameters: [String: String] = [:])
        async throws -> (rows: [[String: String]], shown: ShownRecords)
    {
        let session = session(version)
        let definition = try session.resource(named: resource)
        let pages = try session.pages(try session.readAction(action, of: definition), parameters: parameters, prefetch: false)
        var iterator = pages.makeAsyncIterator()
        let page = try #require(try await iterator.next())
        let read = try session.readAction(action, of: definition)
        let shown = await session.shownRecords(page.rows, of: definition, action: read, names: ReferenceNames(session: session))
        let formatter = ValueFormatter(timeZone: TimeZone(identifier: "UTC")!)
        let rows = shown.records.map { record in
            (shown.textRow(record, formatter: formatter).objectValue ?? [:]).compactMapValues(\.stringValue)
        }
        return (rows, shown)
    }

    func expectNoRawObjects(_ rows: [[String: String]], sourceLocation: SourceLocation = #_sourceLocation) {
        for row in rows {
            for (column, text) in row {
                #expect(!text.contains("{"), "\(column): \(text)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test(arguments: [PipedriveEngine.APIVersion.v1, .v2])
    func dealsShowNamesMoneyAndNoSubfieldColumns(version: PipedriveEngine.APIVersion) async throws {
        let (rows, shown) = try await shown("deals", version)
        let titles = shown.columnTitles
        for title in ["Value", "Pipeline", "Stage", "Owner", "Budget", "Deal source", "Delivery site"] {
            #expect(titles.contains(title), "\(title) in \(titles)")
        }
        #expect(!titles.contains { $0.hasPrefix("Currency of") || $0.contains("_currency") || $0 == "currency" }, "\(titles)")
        #expect(!titles.contains { $0.contains("of Delivery site") || $0 == "pipeline" }, "\(titles)")
        let steel = try #require(rows.first { $0["Title"] == "Steel frames Q3" })
        #expect(steel["Value"] == "25,200.00 SAR")
        #expect(steel["Budget"] == "1,500.00 EUR")
        #expect(steel["Pipeline"] == "Sales")
        #expect(steel["Stage"] == "Proposal made")
        #expect(steel["Owner"] == "Jonas Berg")
        #expect(steel["Contact person"] == "Aino Virtanen")
        #expect(steel["Organization"] == "Riyadh Steel Co")
        #expect(steel["Deal source"] == "Referral")
        #expect(steel["Delivery site"] == "King Fahd Rd 12, Riyadh 12271, Saudi Arabia")
        let port = try #require(rows.first { $0["Title"] == "Port cranes service" })
        #expect(port["Value"] == "4,000.50 EUR")
        #expect(port["Pipeline"] == "Partners")
        #expect(port["Budget"] == nil)
        if version == .v2 {
            // `acv` comes without `acv_currency`: it is in the deal's currency.
            #expect(steel["ACV"] == "12,000.00 SAR", "\(steel)")
        }
        expectNoRawObjects(rows)
        #expect(shown.notice == nil)
    }

    @Test func v2FieldsAPIIsReadInV2AndV1FieldsAfterA404() async throws {
        let session = session(.v2)
        _ = try await session.schema(of: try session.resource(named: "deals"))
        let persons = try await session.schema(of: try session.resource(named: "persons"))
        #expect(persons.field("phone")?.title == "Phone")
        let requests = server.requests.map { $0.split(separator: "?")[0] }
        #expect(requests.contains("GET /api/v2/dealFields"))
        #expect(!requests.contains("GET /api/v1/dealFields"))
        #expect(requests.contains("GET /api/v2/personFields"))
        #expect(requests.contains("GET /api/v1/personFields"))
    }

    @Test func conditionalMandatoryFlagHoldsOnlyWhenItsConditionDoes() async throws {
        let session = session(.v1)
        let schema = try await session.schema(of: try session.resource(named: "deals"))
        let lostReason = try #require(schema.field("lost_reason"))
        #expect(!lostReason.isMandatory)
        #expect(lostReason.isRequired(in: ["status": "lost"]))
        #expect(!lostReason.isRequired(in: ["status": "won"]))
        let organization = try #require(schema.field("org_id"))
        #expect(organization.isRequired(in: ["title": "x"]))
        #expect(!organization.isRequired(in: ["person_id": 11]))
        // The pipeline field is listed as `pipeline`; records carry `pipeline_id`.
        #expect(schema.field("pipeline_id")?.title == "Pipeline")
        #expect(schema.field("pipeline") == nil)
        #expect(schema.subfieldKeys.isSuperset(of: ["currency", "weighted_value_currency"]))
    }

    @Test(arguments: [PipedriveEngine.APIVersion.v1, .v2])
    func leadsShowValueLabelsReferencesAndCustomFieldsByName(version: PipedriveEngine.APIVersion) async throws {
        let (rows, shown) = try await shown("leads", version)
        let lead = try #require(rows.first { $0["Title"] == "Riyadh Steel Co lead" }, "\(shown.columnTitles)")
        #expect(lead["Value"] == "12,000.00 USD")
        #expect(lead["Labels"] == "Hot, Warm")
        #expect(lead["Owner"] == "Jonas Berg")
        #expect(lead["Person"] == "Aino Virtanen")
        #expect(lead["Organization"] == "Riyadh Steel Co")
        #expect(!shown.columnTitles.contains { $0.hasSuffix("_id") }, "\(shown.columnTitles)")
        #expect(lead["Deal source"] == "Trade fair")
        #expect(shown.records.first?.id == .string("5d2e1c3b-7a8f-4e6d-9c0b-1a2b3c4d5e6f"))
        expectNoRawObjects(rows)
        // Edited as money: written back as `{amount, currency}`.
        let schema = shown.schema
        let value = try ValueParser().parse("99.5 EUR", for: try #require(schema.field("value")))
        let body = schema.createBody(["title": "x", "value": value], version: .v1)
        #expect(body["value"] == ["amount": 99.5, "currency": "EUR"])
        // Labels picked in a form (by their place among the options) go as their UUIDs.
        let labels = try #require(schema.field("label_ids"))
        let picked = try ValueParser().parse("Warm", for: labels)
        #expect(schema.createBody(["title": "x", "label_ids": picked], version: .v1)["label_ids"] == ["0a1b2c3d-4e5f-4061-8273-8495a6b7c8d9"])
    }

    @Test func recentsNotesActivitiesAndProductsNameTheirReferences() async throws {
        let recent = try await shown("deals", .v1, action: "recent", parameters: ["since_timestamp": "2025-01-01 00:00:00"]).rows
        let steel = try #require(recent.first { $0["Title"] == "Steel frames Q3" })
        #expect(steel["Owner"] == "Jonas Berg")
        #expect(steel["Contact person"] == "Aino Virtanen")
        #expect(steel["Organization"] == "Riyadh Steel Co")
        #expect(steel["Pipeline"] == "Sales")
        #expect(steel["Stage"] == "Proposal made")
        expectNoRawObjects(recent)

        let (notes, shownNotes) = try await shown("notes", .v1)
        let note = try #require(notes.first, "\(shownNotes.columnTitles)")
        #expect(note["Deal"] == "Steel frames Q3")
        #expect(note["User"] == "Jonas Berg")
        #expect(note["Person"] == "Aino Virtanen")
        #expect(note["Organization"] == "Riyadh Steel Co")

        let (activities, shownActivities) = try await shown("activities", .v1)
        let call = try #require(activities.first)
        #expect(call["Lead"] == "5d2e1c3b-7a8f-4e6d-9c0b-1a2b3c4d5e6f")
        #expect(call["Due time"] == "")
        #expect(call["Type"] == "Call")
        #expect(call["Deal"] == "Steel frames Q3")
        let participants = try #require(shownActivities.records.first?["participants"]?.arrayValue)
        #expect(participants.map { $0["person_id"]?["name"] } == ["Aino Virtanen", "Omar Haddad"])

        let product = try #require(try await shown("products", .v1).rows.first)
        #expect(product["Category"] == "Software")
        let person = try #require(try await shown("persons", .v1).rows.first)
        #expect(person["Phone"] == "")
        #expect(person["Email"] == "")
    }

    @Test func searchResultsFillTheRecordColumnsByName() async throws {
        let (rows, _) = try await shown("deals", .v2, action: "search", parameters: ["term": "steel"])
        let steel = try #require(rows.first)
        #expect(steel["Title"] == "Steel frames Q3")
        #expect(steel["Owner"] == "Jonas Berg")
        #expect(steel["Contact person"] == "Aino Virtanen")
        #expect(steel["Organization"] == "Riyadh Steel Co")
        #expect(steel["Stage"] == "Proposal made")
        #expect(steel["Value"] == "25,200.00 SAR")
        expectNoRawObjects(rows)
    }

    @Test func aGridKeepsItsRowsWhenTheFieldsCannotBeRead() async throws {
        let (rows, shown) = try await shown("organizations", .v1)
        #expect(rows.first?["name"] == "Riyadh Steel Co", "\(rows) \(shown.columnTitles)")
        let notice = try #require(shown.notice)
        #expect(notice.contains("fields of organizations could not be read"))
        #expect(notice.contains("raw keys"))
    }

    @Test func aDealsProductsLoadInV2() async throws {
        let session = session(.v2)
        let deals = try session.resource(named: "deals")
        let products = try #require(deals.fields.first { $0.name == "products" })
        let rows = try await session.gather(products, of: Record(id: .int(31), values: [:]))
        #expect(rows.arrayValue?.first?["name"] == "Steel frame S-40")
    }

    @Test(arguments: ["v1", "v2"])
    func getShowsNamesAndMoney(api: String) throws {
        let folder = try TemporaryFolder()
        let run = try PDTUIBinary.run(
            ["get", "deals", "--api", api, "--base-url", server.baseURL],
            environment: ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "PIPEDRIVE_API_TOKEN": "replay", "COLUMNS": "400",
                          "XDG_CONFIG_HOME": NSTemporaryDirectory() + "/pdtui-none", "XDG_CACHE_HOME": folder.path])
        #expect(run.status == 0, "\(run.errors)")
        for text in ["Steel frames Q3", "25,200.00 SAR", "1,500.00 EUR", "Jonas Berg", "Aino Virtanen", "Proposal made", "Referral"] {
            #expect(run.output.contains(text), "\(text) in:\n\(run.output)")
        }
        #expect(!run.output.contains("{"))
        #expect(!run.output.contains("Currency of"))
    }
}
