import Foundation
import JSONValue
import PipedriveSandbox
import Testing

@testable import PipedriveEngine

/// `pdtui get`, run as the built binary against a sandbox over HTTP.
@Suite(.serialized) struct GetCommandTests {
    static let sandbox = Result { try SandboxFixture() }

    /// Runs `pdtui` with the sandbox in the environment and an empty config folder; stdout and stderr go to
    /// files, so large outputs cannot block the pipe.
    /// Runs `pdtui get` with the sandbox in the environment and an empty config folder.
    func pdtui(_ arguments: [String], environment extra: [String: String] = [:]) throws -> BinaryRun {
        let sandbox = try Self.sandbox.get()
        let folder = NSTemporaryDirectory() + "pdtui-get-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let environment = [
            "PIPEDRIVE_BASE_URL": sandbox.server.baseURL, "PIPEDRIVE_API_TOKEN": sandbox.server.apiToken,
            "XDG_CONFIG_HOME": folder, "XDG_CACHE_HOME": folder + "/cache", "PATH": "/usr/bin:/bin",
        ].merging(extra) { $1 }
        return try PDTUIBinary.run(["get"] + arguments, environment: environment)
    }

    func ids(_ rows: [JSON]) -> [Int] { rows.compactMap { $0["id"]?.intValue } }

    @Test func streamsNDJSONAcrossPages() throws {
        let sandbox = try Self.sandbox.get()
        let run = try pdtui(["deals", "--format", "ndjson", "--limit", "700"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.errors.isEmpty)  // no progress when stderr is not a terminal
        let rows = try run.lines.map { try JSON(parsing: String($0)) }
        #expect(rows.count == 700)
        let listed = sandbox.rows("deals").filter { $0["is_archived"] != true }  // archived deals leave the list
        #expect(ids(rows) == Array(listed.compactMap { $0["id"]?.intValue }.prefix(700)))
    }

    /// A table keeps the account's schema as the TUI does (same folder): a second `pdtui get` reads no
    /// fields, users, stages or pipelines, and prints the same table.
    @Test func aSecondTableReadUsesTheKeptSchema() throws {
        let sandbox = try Self.sandbox.get()
        let cache = try TemporaryFolder()
        func run() throws -> (run: BinaryRun, calls: [String]) {
            let start = sandbox.server.requestLog.count
            let run = try pdtui(["deals", "--limit", "60"], environment: ["XDG_CACHE_HOME": cache.path, "COLUMNS": "300"])
            #expect(run.status == 0, "\(run.errors)")
            return (run, sandbox.server.requestLog.dropFirst(start).map { "\($0.method) \($0.path)" })
        }
        let schema = { (call: String) in
            ["GET /api/v2/dealFields", "GET /api/v1/users", "GET /api/v2/stages", "GET /api/v2/pipelines"].contains(call)
                || call.hasPrefix("GET /api/v1/users/")
        }
        let first = try run(), second = try run()
        #expect(first.calls.contains("GET /api/v2/dealFields") && first.calls.contains("GET /api/v2/stages"), "\(first.calls)")
        #expect(!second.calls.contains(where: schema), "\(second.calls)")
        #expect(second.calls.count < first.calls.count)
        #expect(second.run.output == first.run.output)
        let kept = try FileManager.default.contentsOfDirectory(atPath: cache.path + "/pdtui")
        #expect(kept.count == 1 && kept[0].hasPrefix("env@127.0.0.1_"), "\(kept)")
    }

    /// JSON and NDJSON pass each row's text on as the API wrote it: parsed, the output is what the API
    /// answered for the same records (a title with escapes, unicode and control characters among them), in
    /// v1 and v2, read in parallel and page after page.
    @Test(arguments: [PipedriveEngine.APIVersion.v1, .v2])
    func jsonOutputIsWhatTheAPIAnswered(version: PipedriveEngine.APIVersion) async throws {
        let sandbox = try Self.sandbox.get()
        let session = sandbox.session(version: version)
        let deals = try session.resource(named: "deals")
        let tricky = "Tab\t \"quoted\" \\ /slash\n new line \u{1B}[2J é 中文 😀 \u{7F}\u{9B} \u{0}"
        let created = try await session.create(deals, values: ["title": .string(tricky)])
        let answered = try await session.pages(try #require(deals.readAction)).allRows()
        #expect(answered.contains { $0["title"] == .string(tricky) })
        for arguments in [["--format", "ndjson"], ["--format", "ndjson", "--parallel", "1"], ["--format", "json"]] {
            let run = try pdtui(["deals", "--api", version.rawValue] + arguments)
            #expect(run.status == 0, "\(run.errors)")
            let rows = arguments.contains("json") ? try #require(try JSON(parsing: run.bytes).arrayValue)
                : try run.lines.map { try JSON(parsing: String($0)) }
            #expect(rows.count == answered.count && Set(rows) == Set(answered), "\(arguments)")
        }
        _ = try await session.delete(deals, ids: [try #require(created.id)])
    }

    @Test func readsAnActionWithAParameterAsJSON() throws {
        let sandbox = try Self.sandbox.get()
        let dealIDs = sandbox.rows("activities").compactMap { $0["deal_id"]?.intValue }
        let dealID = try #require(dealIDs.first)
        let run = try pdtui(["activities", "DEAL", "--param", "deal_id=\(dealID)", "--format", "json", "--api", "v1"])
        #expect(run.status == 0, "\(run.errors)")
        let rows = try #require(try JSON(parsing: run.bytes).arrayValue)
        let expected = sandbox.rows("activities").filter { $0["deal_id"]?.intValue == dealID }.compactMap { $0["id"]?.intValue }
        #expect(Set(ids(rows)) == Set(expected))
    }

    @Test func searchesAsCSV() throws {
        let sandbox = try Self.sandbox.get()
        let titles = sandbox.rows("deals").compactMap { $0["title"]?.stringValue }
        let title = try #require(titles.first)
        let term = String(title.split(separator: " ").first(where: { $0.count >= 2 }) ?? "")
        let run = try pdtui(["deals", "read search", "--param", "term=\(term)", "--format", "csv"])
        #expect(run.status == 0, "\(run.errors)")
        let header = try #require(run.output.components(separatedBy: "\r\n").first)
        #expect(header.split(separator: ",").contains("id"))
        #expect(run.output.contains(term))
    }

    @Test func tableMakesControlCharactersInert() async throws {
        let sandbox = try Self.sandbox.get()
        let session = sandbox.session(version: .v2)
        let hostile = "Evil\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m deal\nsecond line"
        let deal = try await session.create(try session.resource(named: "deals"), values: ["title": .string(hostile)])
        let run = try pdtui(["deals", "--format", "table"], environment: ["COLUMNS": "400"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(!run.bytes.contains(0x1B))
        #expect(!run.bytes.contains(0x07))
        #expect(!run.output.unicodeScalars.contains("\u{9B}"))
        #expect(run.output.contains("Evil␛]0;pwned"))
        // A header and one line per listed deal (archived deals leave the list).
        #expect(run.lines.count == sandbox.rows("deals").filter { $0["is_archived"] != true }.count + 1)
        try await session.delete(try session.resource(named: "deals"), ids: [try #require(deal.id)])
    }

    /// v2 answers carry bare ids: the table names them as the TUI does (the users list read once);
    /// `--ids` keeps the ids and looks nothing up.
    @Test func tableNamesReferencesInV2AndIdsKeepsThem() throws {
        let sandbox = try Self.sandbox.get()
        let users = Dictionary(uniqueKeysWithValues: sandbox.rows("users").compactMap { user in
            user["id"]?.intValue.flatMap { id in user["name"]?.stringValue.map { (id, $0) } }
        })
        let deals = sandbox.rows("deals").filter { $0["is_archived"] != true }.prefix(5)
        let owners = deals.compactMap { ($0["owner_id"]?.intValue ?? $0["owner_id"]?["id"]?.intValue).flatMap { users[$0] } }
        try #require(owners.count == 5)
        func userReads() -> Int { sandbox.server.requestLog.filter { $0.path.hasSuffix("/users") }.count }

        let before = userReads()
        let named = try pdtui(["deals", "--limit", "5", "--api", "v2"], environment: ["COLUMNS": "2000"])
        #expect(named.status == 0, "\(named.errors)")
        let namedLines = named.lines.dropFirst()
        #expect(namedLines.count == 5)
        for (line, owner) in zip(namedLines, owners) { #expect(line.contains(String(owner.prefix(29))), "\(line)") }
        #expect(userReads() == before + 1)

        let raw = try pdtui(["deals", "--limit", "5", "--api", "v2", "--ids"], environment: ["COLUMNS": "2000"])
        #expect(raw.status == 0, "\(raw.errors)")
        #expect(raw.lines.count == 6)
        for (line, owner) in zip(raw.lines.dropFirst(), owners) { #expect(!line.contains(owner), "\(line)") }
        #expect(userReads() == before + 1, "--ids reads no names")
    }

    /// `--gather` fetches a field for each row by its own call; an unknown one exits 2 before any request.
    @Test func gathersAFieldForEachRow() throws {
        let sandbox = try Self.sandbox.get()
        let run = try pdtui(["deals", "--limit", "3", "--gather", "participants", "--format", "ndjson"])
        #expect(run.status == 0, "\(run.errors)")
        let rows = try run.lines.map { try JSON(parsing: String($0)) }
        #expect(rows.count == 3)
        for row in rows {
            let id = try #require(row["id"]?.intValue)
            let stored = sandbox.rows("dealParticipants").filter { $0["deal_id"]?.intValue == id }.compactMap { $0["id"]?.intValue }
            #expect(row["participants"]?.arrayValue?.compactMap { $0["id"]?.intValue }.sorted() == stored.sorted(), "deal \(id)")
            #expect(sandbox.server.requestLog.contains { $0.path.hasSuffix("/deals/\(id)/participants") })
        }
        let before = sandbox.server.requestLog.count
        let unknown = try pdtui(["deals", "--gather", "nothing", "--format", "json"])
        #expect(unknown.status == 2)
        #expect(unknown.errors.contains("participants"), "\(unknown.errors)")
        #expect(sandbox.server.requestLog.count == before)
    }

    @Test func missingOrInvalidParametersFailBeforeAnyRequest() throws {
        let sandbox = try Self.sandbox.get()
        let before = sandbox.server.requestLog.count
        let missing = try pdtui(["activities", "deal"])
        #expect(missing.status == 2)
        #expect(missing.errors.contains("deal_id"))
        let invalid = try pdtui(["activities", "deal", "--param", "deal_id=abc"])
        #expect(invalid.status == 2)
        #expect(invalid.errors.contains("positive whole number"))
        let unknown = try pdtui(["deals", "nope"])
        #expect(unknown.status == 2)
        #expect(unknown.errors.contains("Read search"))
        let write = try pdtui(["deals", "create"])
        #expect(write.status == 2)
        #expect(sandbox.server.requestLog.count == before)
    }

    @Test func badTokenFailsWithoutShowingIt() throws {
        let run = try pdtui(["deals"], environment: ["PIPEDRIVE_API_TOKEN": "bad-token-123456"])
        #expect(run.status == 1)
        #expect(run.errors.contains("PIPEDRIVE_API_TOKEN"))
        #expect(!run.errors.contains("bad-token-123456"))
        #expect(run.bytes.isEmpty)
    }

    @Test func profileFromTheConfigFile() throws {
        let sandbox = try Self.sandbox.get()
        let folder = NSTemporaryDirectory() + "pdtui-profile-" + UUID().uuidString
        let config: JSON = [
            "profiles": ["demo": ["base_url": .string(sandbox.server.baseURL), "api_token": .string(sandbox.server.apiToken)]]
        ]
        try SecureFile.write(config.serialized(), to: folder + "/pdtui/config.json")
        let environment = ["XDG_CONFIG_HOME": folder, "PIPEDRIVE_BASE_URL": "", "PIPEDRIVE_API_TOKEN": ""]
        let run = try pdtui(["currencies", "--profile", "demo", "--format", "ndjson"], environment: environment)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.lines.count == sandbox.rows("currencies").count)

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: folder + "/pdtui/config.json")
        let refused = try pdtui(["currencies", "--profile", "demo"], environment: environment)
        #expect(refused.status == 2)
        #expect(refused.errors.contains("chmod 600"))
    }
}

extension GetCommandTests {
    /// `--format table` pads by display width: a CJK name takes two columns a character, and every column
    /// after it still starts where its title does.
    @Test func tableColumnsLineUpWithWideCharacters() throws {
        let run = try pdtui(["organizations", "--format", "table", "--limit", "400"], environment: ["COLUMNS": "220"])
        #expect(run.status == 0, "\(run.errors)")
        let lines = run.output.split(separator: "\n").map(String.init)
        let header = try #require(lines.first)
        // Where each column after the first starts (the header is ASCII: index = column).
        let starts = header.matches(of: /\ \ +(?=\S)/).map { header.distance(from: header.startIndex, to: $0.range.upperBound) }
        #expect(starts.count >= 2)
        var wideLines = 0
        for line in lines.dropFirst() {
            guard let widths = Self.simpleWidths(line) else { continue }  // scripts whose widths this test does not model
            if widths.contains(2) { wideLines += 1 }
            var edges: [Int: Int] = [:]  // display column → index of the character starting there
            var column = 0
            for (index, width) in widths.enumerated() {
                edges[column] = index
                column += width
            }
            let characters = Array(line)
            for start in starts where start < column {
                let index = try #require(edges[start], "no character starts at column \(start): \(line)")
                #expect(characters[index - 1] == " " && characters[index - 2] == " ", "\(line)")
            }
        }
        #expect(wideLines > 0, "the account has organizations with CJK names")
    }

    /// Each character's display width, for lines of ASCII, Latin, Greek, Cyrillic and CJK only.
    static func simpleWidths(_ line: String) -> [Int]? {
        var widths: [Int] = []
        for character in line {
            guard character.unicodeScalars.count == 1, let value = character.unicodeScalars.first?.value else { return nil }
            if value < 0x530 || value == 0x2013 || value == 0x2026 { widths.append(1) }
            else if (0x3040...0x9FFF).contains(value) || (0xAC00...0xD7A3).contains(value) || (0xFF01...0xFF60).contains(value) { widths.append(2) }
            else { return nil }
        }
        return widths
    }
}

extension GetCommandTests {
    /// `pdtui get --demo` reads the built-in sandbox: no account, no environment.
    @Test func readsTheDemoAccount() throws {
        let folder = try TemporaryFolder()
        let run = try PDTUIBinary.run(
            ["get", "deals", "--demo", "--limit", "3", "--format", "json"],
            environment: ["PATH": "/usr/bin:/bin", "HOME": folder.path, "XDG_CONFIG_HOME": folder.path])
        #expect(run.status == 0, "\(run.errors)")
        #expect(try JSON(parsing: run.bytes).arrayValue?.count == 3)
    }

    /// An error found while the default command runs ends with that command's usage, not `pdtui <subcommand>`.
    @Test func anErrorOfTheDefaultCommandEndsWithItsOwnUsage() throws {
        let folder = try TemporaryFolder()
        let run = try PDTUIBinary.run(
            ["--profile", "nowhere"], environment: ["PATH": "/usr/bin:/bin", "HOME": folder.path, "XDG_CONFIG_HOME": folder.path])
        #expect(run.status == 2)
        #expect(run.errors.contains("Try `pdtui --demo`") && run.errors.contains("Usage: pdtui browse [--demo]"), "\(run.errors)")
        #expect(!run.errors.contains("<subcommand>"))
    }

    /// Bad input found while a subcommand runs ends with that subcommand's own usage (a nested one by its whole name).
    @Test(arguments: [
        (["set", "nosuch", "1", "title=x", "--demo"], "pdtui set"), (["new", "deals", "bogus=1", "--demo"], "pdtui new"),
        (["delete", "nosuch", "1", "--demo", "--yes"], "pdtui delete"), (["get", "nosuch", "--demo"], "pdtui get"),
        (["files", "upload", "/nonexistent/file", "--deal", "1", "--base-url", "http://127.0.0.1:9"], "pdtui files upload"),
    ])
    func anErrorOfASubcommandEndsWithItsOwnUsage(arguments: [String], command: String) throws {
        let folder = try TemporaryFolder()
        let run = try PDTUIBinary.run(arguments, environment: [
            "PATH": "/usr/bin:/bin", "HOME": folder.path, "XDG_CONFIG_HOME": folder.path, "XDG_STATE_HOME": folder.path,
            "PIPEDRIVE_API_TOKEN": "t0ken",
        ])
        #expect(run.status == 2, "\(run.errors)")
        #expect(run.errors.hasPrefix("Error: ") && run.errors.contains("Usage: \(command) ") && run.errors.contains("See '\(command) --help'"),
                "\(run.errors)")
    }
}
