import Foundation
import PDTUITestSupport
import PipedriveSandbox
import Testing

/// The real binary in tmux keeps the account's schema in `$XDG_CACHE_HOME/pdtui/<profile>@<host>/`: a second
/// start's deals grid asks the sandbox (over HTTP) for its page first and for no fields, users, stages or
/// pipelines; the folder is 0700 and its files 0600.
@Suite struct SchemaCacheStartTests {
    static let schemaPaths: Set<String> = ["/api/v2/dealFields", "/api/v1/dealFields", "/api/v1/users", "/api/v2/stages", "/api/v2/pipelines"]

    @Test func aSecondStartUsesTheKeptSchema() throws {
        let server = try SandboxServer.start(SandboxConfiguration())
        defer { server.stop() }
        let folder = try TemporaryFolder()
        let environment = ["PIPEDRIVE_API_TOKEN": server.apiToken, "XDG_CACHE_HOME": folder.path]
        func openDeals() throws {
            let tui = try Tmux("--base-url \(server.baseURL)", width: 160, height: 40, environment: environment)
            try tui.wait(for: "Resources")
            try tui.command("deals")
            try tui.wait(for: "the rows, named") { $0.gridPosition != nil && !$0.contains("loading") }
            try tui.command("q")
            #expect(try tui.exitReport().status == 0)
        }
        try openDeals()
        let start = server.requestLog.count
        try openDeals()
        let paths = server.requestLog.dropFirst(start).map(\.path)
        #expect(paths.first == "/api/v2/deals" && Self.schemaPaths.isDisjoint(with: paths), "\(paths)")

        let accounts = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/pdtui")
        let account = try #require(accounts.first, "no cache folder")
        #expect(accounts.count == 1 && account.hasPrefix("env@127.0.0.1_"), "\(accounts)")
        let path = folder.path + "/pdtui/" + account
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o700)
        let files = try FileManager.default.contentsOfDirectory(atPath: path)
        #expect(files.contains("fields__dealFields.json"), "\(files)")
        for file in files {
            #expect(try FileManager.default.attributesOfItem(atPath: path + "/" + file)[.posixPermissions] as? Int == 0o600, "\(file)")
        }
    }
}
