import Foundation
import JSONValue
import PipedriveEngine
import PipedriveSandbox
import Testing

/// `Session.page`: one page at a time, the position kept by the caller, against a real sandbox over HTTP.
@Suite struct SessionPageTests {
    let server: SandboxServer
    let session: Session

    init() throws {
        server = try SandboxServer.start(SandboxConfiguration())
        let settings = ConnectionSettings(baseURL: URL(string: server.baseURL)!, credential: .apiToken(server.apiToken), profileName: "test")
        session = Session(settings: settings)
    }

    /// Walks a read page by page, each position passed back as its token (as the TUI keeps it).
    func walk(_ resource: String, version: PipedriveEngine.APIVersion?) async throws -> [JSON] {
        let session = Session(settings: self.session.settings, apiVersion: version)
        let read = try #require(try session.resource(named: resource).readAction)
        var rows: [JSON] = []
        var token: String?
        repeat {
            let position = try token.map(PageCursor.Position.init(token:))
            let page = try await session.page(read, at: position, pageSize: 7)
            #expect(page.rows.count <= 7)
            rows += page.rows
            token = page.next?.token
        } while token != nil
        return rows
    }

    @Test(arguments: [PipedriveEngine.APIVersion.v1, .v2]) func aWalkSeesEveryRowOnce(version: PipedriveEngine.APIVersion) async throws {
        defer { server.stop() }
        let paged = try await walk("deals", version: version)
        let session = Session(settings: self.session.settings, apiVersion: version)
        let all = try await session.pages(try #require(try session.resource(named: "deals").readAction)).allRows()
        #expect(paged.count == all.count && all.count > 7)
        #expect(paged.compactMap { $0["id"]?.intValue } == all.compactMap { $0["id"]?.intValue })
    }

    @Test func aPositionThatCannotContinueTheReadIsAnError() async throws {
        defer { server.stop() }
        #expect(throws: PipedriveError.self) { try PageCursor.Position(token: "3") }
        #expect(throws: PipedriveError.self) { try PageCursor.Position(token: "start:x") }
        let v2 = Session(settings: session.settings, apiVersion: .v2)
        let read = try #require(try v2.resource(named: "deals").readAction)
        // v2 pages by cursor: an offset would silently start again, so it is refused.
        await #expect(throws: PipedriveError.self) { _ = try await v2.page(read, at: .offset(500)) }
        await #expect(throws: PipedriveError.self) { _ = try await v2.page(read, at: .done) }
        let before = server.requestLog.count
        _ = try? await v2.page(read, at: .offset(500))
        #expect(server.requestLog.count == before)  // refused before any request
    }
}
