import Foundation
import JSONValue
import PipedriveEngine
import PipedriveSandbox
import Testing
@testable import TUICore

/// Rows first, names after, against the real sandbox: a page's rows are in the grid before any name
/// lookup, only the rows in view and the prefetch window are named, and no id is ever looked up twice
/// in a session, however many screens show it.
@Suite @MainActor final class NamesAfterRowsTests {
    let server: SandboxServer

    init() throws {
        server = try SandboxServer.start(SandboxConfiguration(generation: GenerationOptions(seed: 7)))
    }

    deinit { server.stop() }

    func source() -> SessionSource {
        let settings = ConnectionSettings(baseURL: URL(string: server.baseURL)!, credential: .apiToken(server.apiToken))
        return SessionSource(session: Session(settings: settings, retry: RetryPolicy(maxAttempts: 2, baseDelay: 0.01, maxDelay: 0.1)))
    }

    func nameRequests(_ effects: [Effect]) -> [(Int, [JSON])] {
        effects.compactMap { if case .nameRows(let id, _, let rows) = $0 { (id, rows) } else { nil } }
    }

    @Test func namesAppearAfterRows() async throws {
        let source = source()
        var state = makeState(160, 40)
        state.command = LineEditor("deals")
        let (id, request) = try #require(state.loadID(state.press(.enter)))
        let start = server.requestLog.count
        let page = try await source.page(request)
        // The page and its fields, with the stages and pipelines read beside them: no name lookup yet.
        let first = Set(server.requestLog.dropFirst(start).map(\.path))
        #expect(first.isSuperset(of: ["/api/v2/deals", "/api/v2/dealFields"])
            && first.isSubset(of: ["/api/v2/deals", "/api/v2/dealFields", "/api/v2/stages", "/api/v2/pipelines"]), "\(first)")

        // The rows draw at once, with ids where the names will be, styled as pending.
        let effects = state.update(.pageLoaded(id, page))
        var grid = try #require(state.topGrid)
        #expect(grid.rows.count == 500)
        let person = try #require(grid.row(at: 0)?["person_id"]?.intValue)
        #expect(grid.namesPending(at: 0))
        let column = try #require(grid.allColumns.first { $0.key == "person_id" })
        #expect(state.shared.format.cell(try #require(grid.row(at: 0)), column) == String(person))

        // One lookup, for the rows in view only (at rest: the screens ahead are named once the user scrolls).
        let asked = nameRequests(effects)
        #expect(asked.count == 1)
        let (nameID, rows) = try #require(asked.first)
        #expect(rows.count == state.shared.gridRows)
        #expect(rows.map { $0["id"] } == (0..<rows.count).map { grid.row(at: $0)?["id"] })

        let named = try await source.names(resource: "deals", rows: rows)
        let lookups = server.requestLog.dropFirst(start).filter { $0.path == "/api/v2/persons" }
        let personIDs = lookups.flatMap { idsOf($0) }
        #expect(!personIDs.isEmpty && Set(personIDs).isSubset(of: integers(in: rows)), "only the persons of the rows asked for")
        state.update(.completed(nameID, .success(.names(named))))
        grid = try #require(state.topGrid)
        #expect(grid.row(at: 0)?["person_id"]?["name"]?.stringValue?.isEmpty == false)
        #expect(!grid.namesPending(at: 0))
        #expect(state.shared.format.cell(try #require(grid.row(at: 0)), column) == grid.row(at: 0)?["person_id"]?["name"]?.stringValue)
        // A row far below stays as the page gave it until it comes into view.
        #expect(grid.namesPending(at: 400) && grid.row(at: 400)?["person_id"]?.objectValue == nil)
    }

    /// Two grids of deals scrolled through three pages: every id is asked for at most once.
    @Test func aLookupIsNeverMadeTwiceForOneIDInASession() async throws {
        let source = source()
        let runtime = Runtime(state: makeState(160, 40), renderer: Renderer(theme: .plain), source: source, terminal: StillTerminal())
        let start = server.requestLog.count
        for _ in 0..<2 {
            for key in ":deals".map(Key.char) + [.enter] { runtime.send(.key(key)) }
            await runtime.settle()
            for _ in 0..<40 {
                runtime.send(.key(.pageDown))
                await runtime.settle()
            }
            #expect(runtime.state.top(GridScreen.self)?.rows.count ?? 0 >= 1500)
        }
        let log = Array(server.requestLog.dropFirst(start))
        for path in ["/api/v2/persons", "/api/v2/organizations"] {
            let ids = log.filter { $0.path == path }.flatMap { idsOf($0) }
            #expect(!ids.isEmpty && ids.count == Set(ids).count, "\(path): \(ids.count) ids, \(Set(ids).count) distinct")
        }
        let single = log.map(\.path).filter { $0.hasPrefix("/api/v1/users/") }
        #expect(single.count == Set(single).count, "\(single)")
        for list in ["/api/v1/users", "/api/v2/stages", "/api/v2/pipelines", "/api/v2/dealFields"] {
            #expect(log.filter { $0.path == list }.count <= 1, "\(list)")
        }
        // The names are in view.
        let grid = try #require(runtime.state.top(GridScreen.self))
        #expect(grid.row(at: grid.cursor)?["person_id"].map { $0.intValue == nil } ?? true)
    }

    /// Every integer the rows hold, nested ones included.
    /// `e` on a row whose names have not come yet reads the record whole (named) before the form is built,
    /// and the keys typed meanwhile go into the form once it is: the form never shows ids for names.
    @Test func editBeforeTheNamesComeReadsTheRecordWholeAndKeepsTheKeysTyped() async throws {
        let session = source().session()
        var state = makeState(160, 40)
        state.command = LineEditor("deals")
        let (id, request) = try #require(state.loadID(state.press(.enter)))
        state.update(.pageLoaded(id, try await source().page(request)))
        let person = try #require(state.topGrid?.row(at: 0)?["person_id"]?.intValue)
        #expect(state.topGrid?.namesPending(at: 0) == true)

        let effects = state.press(.char("e"))
        guard case .loadSchema(let schemaID, "deals")? = effects.first,
              case .session(let read, let work)? = effects.last else { Issue.record("no whole read: \(effects)"); return }
        state.update(.schemaLoaded(schemaID, try await session.schema(of: try session.resource(named: "deals"))))
        #expect(state.topForm?.fields.isEmpty == true)  // waits for the record
        state.press(.ctrl("e"))
        state.type(" (checked)")
        state.update(.completed(read, .success(try await work.run(session))))

        let contact = try #require(state.topForm?.fields.first { $0.field.key == "person_id" })
        let name = try #require(server.withStore { $0["persons"].all }.first { $0["id"]?.intValue == person }?["name"]?.stringValue)
        #expect(contact.editor.text == name, "the contact person by name, not \(person)")
        #expect(state.topForm?.focused?.value.hasSuffix(" (checked)") == true, "the keys typed while it was read")
    }

    func integers(in rows: [JSON]) -> Set<Int> {
        func walk(_ value: JSON) -> [Int] {
            switch value {
            case .int(let n): [n]
            case .array(let items): items.flatMap(walk)
            case .object(let members): members.values.flatMap(walk)
            default: []
            }
        }
        return Set(rows.flatMap(walk))
    }

    func idsOf(_ entry: RequestLogEntry) -> [Int] {
        let item = entry.query.split(separator: "&").first { $0.hasPrefix("ids=") } ?? ""
        return item.dropFirst(4).replacingOccurrences(of: "%2C", with: ",").split(separator: ",").compactMap { Int($0) }
    }
}

/// A terminal that types nothing: the test sends the keys.
@MainActor
final class StillTerminal: TerminalScreen {
    let size = Size(width: 160, height: 40)
    var interrupted: Bool { false }
    func read(timeoutMilliseconds: Int) -> TerminalInput? { nil }
    func draw(_ buffer: Buffer) {}
    func copy(_ text: String) -> String? { nil }
    func suspend() {}
    func resume() {}
}
