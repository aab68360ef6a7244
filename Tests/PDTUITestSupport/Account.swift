import Foundation
import JSONValue
import PipedriveEngine
import PipedriveSandbox
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A sandbox served over HTTP, and the directories and environment a `pdtui` run against it uses.
public final class Account: Sendable {
    public let server: SandboxServer
    public let root: String
    public let profile: String?

    /// `apiVersion` puts a profile in the config file that asks for that API version.
    public init(apiVersion: String? = nil) throws {
        server = try SandboxServer.start(SandboxConfiguration(generation: GenerationOptions(seed: 7)))
        root = FileManager.default.temporaryDirectory.appendingPathComponent("pdtui-commit-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: root + "/config/pdtui", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/state", withIntermediateDirectories: true)
        profile = apiVersion.map { "api-\($0)" }
        if let apiVersion, let profile {
            let config: JSON = ["profiles": .object([profile: ["base_url": .string(server.baseURL), "api_version": .string(apiVersion)]])]
            FileManager.default.createFile(atPath: root + "/config/pdtui/config.json", contents: Data(config.serialized()),
                                           attributes: [.posixPermissions: 0o600])
        }
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(atPath: root)
    }

    public var state: String { root + "/state" }

    public var environment: [String: String] {
        ["PIPEDRIVE_API_TOKEN": server.apiToken, "XDG_STATE_HOME": state, "XDG_CONFIG_HOME": root + "/config", "XDG_CACHE_HOME": root + "/cache"]
    }

    public var settings: ConnectionSettings {
        var settings = ConnectionSettings(baseURL: URL(string: server.baseURL)!, credential: .apiToken(server.apiToken), profileName: profile)
        if profile != nil { settings.apiVersion = .v1 }
        return settings
    }

    /// Where a test stages changes for pdtui to offer at its start: the single file of earlier versions, which
    /// pdtui moves into its session's file.
    public var stagingFile: StagingFile { StagingFile(for: settings, environment: environment) }

    /// What this account has staged on disk now: a session's file (`staged/<account>/<slot>.json`) or the single file.
    public func staged() throws -> Staging? {
        let directory = StatePaths.stagingDirectory(for: settings, environment: environment)
        let slots = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".json") }
        for slot in slots.sorted() { if let staging = try StagingFile(path: directory + "/" + slot).load() { return staging } }
        return try stagingFile.load()
    }

    public func start(_ arguments: String = "", width: Int = 80, height: Int = 24, binary: String = Tmux.binary) throws -> Tmux {
        try Tmux("--base-url \(server.baseURL) \(arguments)", width: width, height: height, environment: environment, binary: binary)
    }

    /// The writes the sandbox saw, `METHOD /path?query`.
    public var writes: [String] {
        server.requestLog.filter { $0.method != "GET" }.map { "\($0.method) \($0.path)" + ($0.query.isEmpty ? "" : "?\($0.query)") }
    }

    public func rows(_ entity: String) -> [JSON] { server.withStore { $0[entity].all } }

    public func title(_ deal: Int) -> String? { rows("deals").first { $0["id"]?.intValue == deal }?["title"]?.stringValue }

    /// Stages a new title for a deal (the first by default), as an edit form would, in the file pdtui reads at start.
    public func stageTitle(_ title: String, deal position: Int = 0) async throws -> Int {
        let session = Session(settings: settings)
        let deals = try session.resource(named: "deals")
        let schema = try await session.schema(of: deals)
        var pages = try session.pages(deals.readAction!, limit: 5, prefetch: false).makeAsyncIterator()
        let page = try #require(try await pages.next())
        let deal = try #require(try await session.records(page, of: deals).dropFirst(position).first)
        var staging = Staging()
        #expect(staging.edit(deal, of: schema, text: ["title": title]).isEmpty)
        try stagingFile.save(staging)
        server.clearRequestLog()
        return try #require(deal.id.flatMap { Int($0.description) })
    }

    /// A second client's change: a PATCH straight to the sandbox.
    public func patch(_ path: String, _ body: JSON) async throws {
        try await send("PATCH", path, body)
    }

    /// A second client's deletion.
    public func delete(_ path: String) async throws {
        try await send("DELETE", path, nil)
    }

    private func send(_ method: String, _ path: String, _ body: JSON?) async throws {
        var request = URLRequest(url: URL(string: server.baseURL + path)!)
        request.httpMethod = method
        request.setValue(server.apiToken, forHTTPHeaderField: "x-api-token")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = body.map { Data($0.serialized()) }
        let (_, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
    }
}

extension Tmux {
    /// Opens a resource's grid with `:name` and returns the screen once its first page is shown.
    public func openGrid(_ name: String, width: Int? = nil) throws -> String {
        if let width { try tmux(["resize-window", "-t", "0", "-x", String(width), "-y", "24"]) }
        try wait(for: "26 resources")
        try command(name)
        return try wait(for: "\(name) grid") { $0.gridPosition != nil && $0.contains("loaded") }
    }

    /// `:q` with nothing staged: pdtui exits at once with status 0 and the terminal restored.
    public func quit(sourceLocation: SourceLocation = #_sourceLocation) throws {
        // Esc closes what is open, each one taken before the next key goes.
        for _ in 0..<2 {
            try send("Escape")
            try settle()
        }
        try command("q", sourceLocation: sourceLocation)
        let exit = try exitReport(sourceLocation: sourceLocation)
        #expect(exit.status == 0, sourceLocation: sourceLocation)
        #expect(exit.sane, "terminal not restored:\n\(exit.screen)", sourceLocation: sourceLocation)
    }
}
