import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import JSONValue
import PipedriveSandbox
import Testing

@testable import PipedriveEngine

/// Everything pdtui reads from outside is bounded, and each bound is named when it stops something.
@Suite struct BoundsTests {
    @Test func tokenCommandIsStoppedAfterItsTimeoutWithTheChildrenItStarted() throws {
        let started = Date()
        let error = #expect(throws: PipedriveError.self) {
            try TokenCommand.run("sleep 120; echo x", profile: "slow", timeout: 1)
        }
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(error?.message.contains("did not finish within 1 seconds") == true)
        #expect(error?.message.contains("\"slow\"") == true)
    }

    @Test func tokenCommandOutputIsCappedAt64KiB() throws {
        let error = #expect(throws: PipedriveError.self) { try TokenCommand.run("yes", profile: "chatty") }
        #expect(error?.message.contains("printed more than 64 KiB") == true)
        // Just under the cap is fine; the first line is the token.
        #expect(try TokenCommand.run("echo tok; head -c 60000 /dev/zero | tr '\\0' x", profile: "p") == "tok")
    }

    @Test func aPageWalkThatComesBackStops() {
        var cursor = PageCursor(paging: .cursor, pageSize: 2)
        cursor.advance(rowCount: 2, body: ["additional_data": ["next_cursor": "same"]])
        #expect(cursor.loop == nil && !cursor.isDone)
        cursor.advance(rowCount: 2, body: ["additional_data": ["next_cursor": "same"]])
        #expect(cursor.isDone && cursor.loop?.contains("same page position") == true)

        var offsets = PageCursor(paging: .offset, pageSize: 2)
        let back: JSON = ["additional_data": ["pagination": ["more_items_in_collection": true, "next_start": 2]]]
        offsets.advance(rowCount: 2, body: back)
        offsets.advance(rowCount: 2, body: ["additional_data": ["pagination": ["more_items_in_collection": true, "next_start": 4]]])
        offsets.advance(rowCount: 2, body: back)
        #expect(offsets.isDone && offsets.loop != nil)
    }

    @Test func aPageWalkHasAnEnd() {
        var cursor = PageCursor(paging: .cursor, pageSize: 1)
        var steps = 0
        while !cursor.isDone {
            steps += 1
            cursor.advance(rowCount: 1, body: ["additional_data": ["next_cursor": .string("c\(steps)")]])
        }
        #expect(steps == PageCursor.maxPages && cursor.loop?.contains("more than") == true)
    }

    @Test func aBodyLongerThanTheLimitIsNotRead() async throws {
        let sandbox = try SandboxFixture()
        let settings = ConnectionSettings(baseURL: sandbox.baseURL, credential: .apiToken(sandbox.server.apiToken))
        let session = Session(settings: settings, transport: Transport(bodyLimit: 4096), retry: SandboxFixture.quickRetry)
        let error = await #expect(throws: PipedriveError.self) {
            try await session.client.send(APIRequest(.get, .v2, "/deals", query: [QueryItem("limit", "100")]))
        }
        #expect(error?.message.contains("longer than 4096 bytes") == true)
        #expect(error?.message.contains("pdtui's limit for one answer") == true)
        // A small answer still comes through the same transport.
        #expect(try await session.client.send(APIRequest(.get, .v2, "/deals/1")).json["data"]?["id"] == 1)
    }

    /// `/oauth/authorize` redirects to another port: the redirect is not followed, so the token header
    /// never goes there.
    @Test func aRedirectToAnotherHostIsNotFollowed() async throws {
        let sandbox = try SandboxFixture()
        let transport = Transport()
        var request = URLRequest(url: URL(string: sandbox.server.baseURL + "/oauth/authorize?client_id=sandbox-client&redirect_uri=http%3A%2F%2F127.0.0.1%2Foauth%2Fcallback&response_type=code")!)
        request.setValue("secret", forHTTPHeaderField: "x-api-token")
        let response = try await transport.send(request)
        #expect((300..<400).contains(response.status), "followed to \(response.status)")
    }

    @Test func writingASymlinkedConfigReplacesItsTarget() throws {
        let folder = try TemporaryFolder()
        let target = folder.path + "/dotfiles/pdtui.json"
        try FileManager.default.createDirectory(atPath: folder.path + "/dotfiles", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder.path + "/pdtui", withIntermediateDirectories: true)
        try SecureFile.write(Array(#"{"profiles": {}}"#.utf8), to: target)
        let link = folder.path + "/pdtui/config.json"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "../dotfiles/pdtui.json")
        try SecureFile.write(Array(#"{"profiles": {"new": {}}}"#.utf8), to: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "../dotfiles/pdtui.json")
        #expect(String(decoding: try #require(try SecureFile.read(target)), as: UTF8.self).contains("new"))
    }
}
