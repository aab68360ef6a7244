import Foundation
import JSONValue
import PDTUITestSupport
import PipedriveEngine
import PipedriveSandbox
import Testing
@testable import TUICore

/// The account's schema kept across sessions, seen from the TUI against the real sandbox: a second
/// session's deals grid reads no fields, users, stages or pipelines before its page, and a field added on
/// the account reaches an open deals grid once the fields are read again (a fields grid opened).
@Suite @MainActor struct SchemaChangeTests {
    static let schemaPaths: Set<String> = ["/api/v2/dealFields", "/api/v1/dealFields", "/api/v1/users", "/api/v2/stages", "/api/v2/pipelines"]

    func runtime(_ sandbox: SandboxFixture, _ cache: SchemaCacheFolder) -> Runtime {
        Runtime(state: makeState(160, 40), renderer: Renderer(theme: .plain), source: SessionSource(session: sandbox.session(schemaCache: cache)),
                terminal: StillTerminal())
    }

    /// Types the command and waits until nothing loads and no task runs (the names in view included, so none
    /// of its requests reaches the sandbox after), however loaded the machine.
    func type(_ command: String, _ runtime: Runtime) async {
        for key in ":\(command)".map(Key.char) + [.enter] { runtime.send(.key(key)) }
        await runtime.settle(timeout: starvedTestDeadline)
        #expect(runtime.state.top(GridScreen.self)?.error == nil, "\(runtime.state.top(GridScreen.self)?.error ?? "")")
    }

    @Test func aSecondSessionUsesTheKeptSchemaAndFollowsAChange() async throws {
        let sandbox = try SandboxFixture()
        let folder = try TemporaryFolder()
        let cache = SchemaCacheFolder(path: folder.path + "/cache")
        await type("deals", runtime(sandbox, cache))

        let second = runtime(sandbox, cache)
        let start = sandbox.server.requestLog.count
        await type("deals", second)
        let paths = sandbox.server.requestLog.dropFirst(start).map(\.path)
        #expect(paths.first == "/api/v2/deals" && Self.schemaPaths.isDisjoint(with: paths), "\(paths)")
        #expect(second.state.top(GridScreen.self)?.allColumns.contains { $0.title == "Churn risk" } == false)

        _ = try await sandbox.session().client.send(APIRequest(.post, .v1, "/dealFields", body: .json(["name": "Churn risk", "field_type": "varchar"])))
        await type("dealFields", second)
        // The deals grid below reloads with the new column, its place kept.
        let deadline = ContinuousClock.now + starvedTestDeadline
        func dealsGrid() -> GridScreen? { second.state.stack.compactMap { $0.screen as? GridScreen }.first { $0.resource == "deals" } }
        while dealsGrid()?.allColumns.contains(where: { $0.title == "Churn risk" }) != true, ContinuousClock.now < deadline {
            await second.settle(timeout: .milliseconds(50))
        }
        #expect(dealsGrid()?.allColumns.contains { $0.title == "Churn risk" } == true)
    }
}
