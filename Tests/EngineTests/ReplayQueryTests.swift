import Foundation
import JSONValue
import PipedriveSandbox
import Testing

@testable import PipedriveEngine

/// The replay server answers by path and query: a recording named with its query (`persons@start=2.json`)
/// answers the requests that carry it, so recorded pages are walked as pdtui walks Pipedrive's.
@Suite struct ReplayQueryTests {
    let folder: TemporaryFolder
    let server: ReplayServer

    init() throws {
        folder = try TemporaryFolder()
        let v1 = folder.path + "/v1", v2 = folder.path + "/v2"
        for dir in [v1, v2] { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        func page(_ names: [String], more: Int?) -> JSON {
            var pagination: JSON = ["start": 0, "limit": 2, "more_items_in_collection": .bool(more != nil)]
            if let more { pagination["next_start"] = .int(more) }
            return ["success": true, "data": .array(names.enumerated().map { ["id": .int($0.offset + 1), "name": .string($0.element)] }),
                    "additional_data": ["pagination": pagination]]
        }
        try page(["Aino", "Omar"], more: 2).serializedString.write(toFile: v1 + "/persons.json", atomically: true, encoding: .utf8)
        try page(["Jonas"], more: nil).serializedString.write(toFile: v1 + "/persons@start=2.json", atomically: true, encoding: .utf8)
        let won: JSON = ["success": true, "data": [["id": 9, "title": "Won deal", "status": "won"]], "additional_data": ["next_cursor": nil]]
        try won.serializedString.write(toFile: v2 + "/deals@status=won.json", atomically: true, encoding: .utf8)
        let all: JSON = ["success": true, "data": [["id": 1, "title": "Any deal", "status": "open"]], "additional_data": ["next_cursor": nil]]
        try all.serializedString.write(toFile: v2 + "/deals.json", atomically: true, encoding: .utf8)
        server = try ReplayServer(folder: URL(fileURLWithPath: folder.path))
    }

    func session(_ version: PipedriveEngine.APIVersion) -> Session {
        let settings = ConnectionSettings(baseURL: URL(string: server.baseURL)!, credential: .apiToken("replay"), profileName: "replay")
        return Session(settings: settings, apiVersion: version, retry: RetryPolicy(maxAttempts: 1))
    }

    @Test func recordedPagesAreWalkedByTheirStart() async throws {
        let session = session(.v1)
        let persons = try session.resource(named: "persons")
        var names: [String] = []
        for try await page in try session.pages(persons.readAction!, limit: 10, prefetch: false) {
            names += page.rows.compactMap { $0["name"]?.stringValue }
        }
        #expect(names == ["Aino", "Omar", "Jonas"])
        #expect(server.requests.filter { $0.hasPrefix("GET /api/v1/persons?") }.count == 2)
    }

    @Test func aQueryPicksItsRecordingAndOthersTakeThePlainOne() async throws {
        let session = session(.v2)
        let won = try await session.client.send(APIRequest(.get, .v2, "/deals", query: [QueryItem("status", "won"), QueryItem("limit", "5")]))
        #expect(won.json["data"]?[0]?["title"] == "Won deal")
        let open = try await session.client.send(APIRequest(.get, .v2, "/deals", query: [QueryItem("status", "open")]))
        #expect(open.json["data"]?[0]?["title"] == "Any deal")
        let plain = try await session.client.send(APIRequest(.get, .v2, "/deals"))
        #expect(plain.json["data"]?[0]?["title"] == "Any deal")
    }
}
