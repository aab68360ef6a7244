import Foundation
import JSONValue
import PipedriveEngine
import PipedriveSandbox
import Testing
@testable import TUICore

/// The grid's pages from a real sandbox: rows come at once with bare ids, then the rows shown are named (in
/// v2 every reference), with a bounded number of lookups, and a failed lookup leaves the rows whole.
@Suite final class SessionSourceNamesTests {
    let server: SandboxServer

    init() throws {
        server = try SandboxServer.start(SandboxConfiguration(generation: GenerationOptions(seed: 7)))
    }

    deinit { server.stop() }

    func source(_ version: PipedriveEngine.APIVersion? = nil) -> SessionSource {
        let settings = ConnectionSettings(baseURL: URL(string: server.baseURL)!, credential: .apiToken(server.apiToken))
        return SessionSource(session: Session(settings: settings, apiVersion: version,
                                              retry: RetryPolicy(maxAttempts: 2, baseDelay: 0.01, maxDelay: 0.1)))
    }

    /// How many requests of 100 ids name the distinct ids of a page's columns of this kind.
    func lookups(_ rows: [JSON], _ columns: [ColumnInfo], _ kind: ValueKind) -> Int {
        let keys = columns.filter { $0.kind == kind }.map(\.key)
        let ids = Set(rows.flatMap { row in keys.compactMap { row[$0].flatMap { $0["value"] ?? $0 }?.intValue } })
        return (ids.count + 99) / 100
    }

    /// The paths of the requests logged since `start`, without the query.
    func paths(since start: Int) -> [String] { server.requestLog.dropFirst(start).map(\.path) }

    @Test func v2GridShowsReferencesByNameWithFewLookups() async throws {
        let source = source()
        var start = server.requestLog.count
        let page = try await source.page(PageRequest(resource: "deals", action: "Read"))
        // The rows came before any name: the page and its fields, nothing else.
        #expect(page.namesPending && page.rows[0]["person_id"]?.intValue != nil)
        #expect(Set(paths(since: start)) == ["/api/v2/deals", "/api/v2/dealFields"], "\(paths(since: start))")
        var first = page
        first.rows = RowStore(try await source.names(resource: "deals", rows: Array(page.rows)).rows)
        let firstCalls = paths(since: start)
        let columns = try #require(first.columns)
        let format = ValueFormat(timeZone: TimeZone(identifier: "UTC")!)
        let deal = first.rows[0]
        let pipelines = Dictionary(uniqueKeysWithValues: server.withStore { $0["pipelines"].all }.map { ($0["id"]!.intValue!, $0["name"]!) })
        for key in ["user_id", "creator_user_id", "person_id", "org_id", "stage_id", "pipeline_id"] {
            let column = try #require(columns.first { $0.key == key }, "\(key) is a column")
            let cell = format.cell(deal, column)
            #expect(deal[key]?["name"]?.stringValue == cell && !cell.isEmpty, "\(key): \(cell)")
        }
        #expect(deal["pipeline_id"]?["name"] == pipelines[deal["pipeline_id"]?["value"]?.intValue ?? 0])
        #expect(first.notice == nil)
        // The page and the deal fields; each small list once; one lookup per 100 distinct persons, and
        // per 100 distinct organizations, the page refers to (person_id and a custom `people` field...).
        let persons = lookups(Array(first.rows), columns, .person), organizations = lookups(Array(first.rows), columns, .organization)
        #expect((1...10).contains(persons) && (1...10).contains(organizations))
        // Users: the list once, or each alone when fewer than ten are named.
        let users = firstCalls.filter { $0.hasPrefix("/api/v1/users") }
        #expect(users == ["/api/v1/users"] || (users.count < 10 && !users.contains("/api/v1/users")), "\(users)")
        #expect(firstCalls.filter { $0 == "/api/v2/stages" }.count == 1)
        #expect(firstCalls.filter { $0 == "/api/v2/pipelines" }.count == 1)
        #expect(firstCalls.filter { $0 == "/api/v2/persons" }.count == persons)
        #expect(firstCalls.filter { $0 == "/api/v2/organizations" }.count == organizations)
        #expect(firstCalls.count == 2 + users.count + 2 + persons + organizations, "\(firstCalls)")

        // The next page: no list is read again.
        start = server.requestLog.count
        let secondPage = try await source.page(PageRequest(resource: "deals", action: "Read", cursor: first.next))
        let second = try await source.names(resource: "deals", rows: Array(secondPage.rows))
        let secondCalls = paths(since: start)
        #expect(second.rows.first?["user_id"]?["name"] != nil)
        #expect(!secondCalls.contains { ["/api/v1/users", "/api/v2/stages", "/api/v2/pipelines"].contains($0) })
        #expect(secondCalls.filter { $0 == "/api/v2/persons" }.count <= lookups(Array(second.rows), columns, .person), "\(secondCalls)")
    }

    @Test func aDetailFromABareV2RowIsNamedAndGathered() async throws {
        let source = source()
        let row = server.withStore { $0["deals"].all.first { $0["person_id"]?.intValue != nil && $0["is_archived"] != true } }
        let id = try #require(row?["id"]?.intValue)
        let bare: JSON = ["id": .int(id), "title": "A deal", "user_id": row?["owner_id"] ?? .null, "person_id": row?["person_id"] ?? .null]
        let detail = try await source.record(resource: "deals", row: bare)
        #expect(detail["user_id"]?["name"]?.stringValue?.isEmpty == false)
        #expect(detail["person_id"]?["name"] == server.withStore { $0["persons"][row?["person_id"]?.intValue ?? 0]?["name"] })
        // The gathered fields loaded beside the names.
        #expect(detail["participants"]?.arrayValue != nil)
        #expect(detail["participants"]?.stringValue == nil)
    }

    /// v1 embeds owners, persons and organizations, but leaves stages, pipelines and custom person, organization
    /// and user fields as bare ids: those are named by the same lookups as v2's, once per session.
    @Test func v1PagesNameWhatV1LeavesBare() async throws {
        let source = source(.v1)
        let start = server.requestLog.count
        let rows = Array(try await source.page(PageRequest(resource: "deals", action: "Read")).rows)
        let page = try await source.names(resource: "deals", rows: rows)
        #expect(page.rows.first?["user_id"]?["name"] != nil)
        #expect(page.rows.allSatisfy { $0["stage_id"]?["name"]?.stringValue != nil && $0["pipeline_id"]?["name"]?.stringValue != nil })
        let first = Set(paths(since: start))
        #expect(first.isSubset(of: ["/api/v1/deals", "/api/v1/dealFields", "/api/v1/stages", "/api/v1/pipelines", "/api/v1/users",
                                    "/api/v2/persons", "/api/v2/organizations"]), "\(first)")
        let again = server.requestLog.count
        _ = try await source.names(resource: "deals", rows: Array(try await source.page(PageRequest(resource: "deals", action: "Read")).rows))
        #expect(!paths(since: again).contains { $0.hasPrefix("/api/v1/stages") || $0.hasPrefix("/api/v1/pipelines") || $0.hasPrefix("/api/v1/users") || $0 == "/api/v1/dealFields" })
    }

    @Test func aFailedLookupShowsIdsAndSaysWhy() async throws {
        server.addFault(FaultRule(.serverError(500), method: "GET", path: "/api/v2/organizations", always: true))
        let source = source()
        var page = try await source.page(PageRequest(resource: "deals", action: "Read"))
        let named = try await source.names(resource: "deals", rows: Array(page.rows))
        (page.rows, page.notice) = (RowStore(named.rows), named.notice)
        #expect(page.rows.count == 500)
        #expect(page.rows.contains { $0["org_id"]?.intValue != nil })
        #expect(page.rows.allSatisfy { ($0["org_id"] ?? .null).objectValue == nil })
        #expect(page.rows.contains { $0["person_id"]?["name"] != nil })
        let notice = try #require(page.notice)
        #expect(notice.contains("organizations"))

        // The grid shows the page, and the status line says why the organizations have no names.
        var state = makeState()
        state.command = LineEditor("deals")
        let (id, _) = try #require(state.loadID(state.press(.enter)))
        page.namesPending = false  // named above
        state.update(.pageLoaded(id, page))
        #expect(state.message == AppState.Message(text: notice, isError: true))
        let grid = try #require(state.topGrid)
        #expect(grid.rows.count == 500)
    }
}
