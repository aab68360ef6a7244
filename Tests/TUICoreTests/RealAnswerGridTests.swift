import Foundation
import JSONValue
import PipedriveEngine
import PipedriveSandbox
import Testing
@testable import TUICore

/// Real-shaped answers (`Tests/RealAnswers`) replayed to the TUI's source: the grid's columns and the cells it
/// draws show names, money and labels, and no column for a sub-field, in v1 and v2.
@Suite final class RealAnswerGridTests {
    let server: ReplayServer

    init() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../RealAnswers").standardized
        server = try ReplayServer(folder: folder)
    }

    deinit { server.stop() }

    func page(_ resource: String, _ version: PipedriveEngine.APIVersion) async throws -> (cells: [[String: String]], page: RowPage) {
        let settings = ConnectionSettings(baseURL: URL(string: server.baseURL)!, credential: .apiToken("replay"))
        let source = SessionSource(session: Session(settings: settings, apiVersion: version, retry: RetryPolicy(maxAttempts: 1)))
        let page = try await source.page(PageRequest(resource: resource, action: "Read"))
        let columns = try #require(page.columns)
        let format = ValueFormat(timeZone: TimeZone(identifier: "UTC")!)
        // Named as the grid names the rows it shows.
        let named = try await source.names(resource: resource, rows: Array(page.rows))
        let cells = named.rows.map { row in
            Dictionary(columns.map { ($0.title, format.cell(row, $0)) }, uniquingKeysWith: { first, _ in first })
        }
        return (cells, page)
    }

    @Test(arguments: [PipedriveEngine.APIVersion.v1, .v2])
    func dealsGrid(version: PipedriveEngine.APIVersion) async throws {
        let (cells, page) = try await page("deals", version)
        let titles = try #require(page.columns).map(\.title)
        #expect(!titles.contains { $0.hasPrefix("Currency of") || $0.hasSuffix("_currency") || $0 == "currency" }, "\(titles)")
        let steel = try #require(cells.first { $0["Title"] == "Steel frames Q3" })
        #expect(steel["Value"] == "25,200.00 SAR")
        #expect(steel["Budget"] == "1,500.00 EUR")
        #expect(steel["Pipeline"] == "Sales")
        #expect(steel["Owner"] == "Jonas Berg")
        #expect(steel["Delivery site"] == "King Fahd Rd 12, Riyadh 12271, Saudi Arabia")
        for row in cells { for (title, text) in row { #expect(!text.contains("{"), "\(title): \(text)") } }
    }

    @Test func leadsGrid() async throws {
        let (cells, _) = try await page("leads", .v1)
        let lead = try #require(cells.first { $0["Title"] == "Riyadh Steel Co lead" })
        #expect(lead["Value"] == "12,000.00 USD")
        #expect(lead["Labels"] == "Hot, Warm")
        #expect(lead["Owner"] == "Jonas Berg")
        #expect(lead["Organization"] == "Riyadh Steel Co")
        #expect(lead["Deal source"] == "Trade fair")
    }

    @Test func organizationsGridWithoutFieldsKeepsItsRowsAndSaysWhy() async throws {
        let (cells, page) = try await page("organizations", .v2)
        #expect(cells.first?["name"] == "Riyadh Steel Co")
        #expect(page.notice?.contains("could not be read") == true)
    }
}
