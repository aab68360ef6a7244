import Foundation
import JSONValue
import PipedriveSandbox
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `U` in the real binary, in tmux, against a sandbox over HTTP: the file lands on the deal with its bytes.
@Suite(.serialized) struct FileUploadTests {
    @Test func uploadAFileToADealFromTheGrid() async throws {
        let server = try SandboxServer.start()
        defer { server.stop() }
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("pdtui-e2e-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let bytes: [UInt8] = Array("Angebot\r\n".utf8) + Array(0...255) + Array(repeating: 0, count: 1000)
        #expect(FileManager.default.createFile(atPath: home.path + "/offer-ü.bin", contents: Data(bytes)))

        let tui = try Tmux(
            "--base-url \(server.baseURL)",
            environment: [
                "PIPEDRIVE_API_TOKEN": server.apiToken, "HOME": home.path,
                "XDG_CONFIG_HOME": home.path + "/config", "XDG_STATE_HOME": home.path + "/state",
            ])
        try tui.wait(for: "26 resources")
        try tui.command("deals")
        let grid = try tui.wait(for: "the deals grid") { $0.gridPosition?.row == 1 }
        #expect(grid.contains("U upload"))

        try tui.send("U")
        try tui.wait(for: "Upload a file")
        try tui.type("~/offer-ü.bin")
        try tui.send("Enter")
        let confirm = try tui.wait(for: "Upload offer-ü.bin (1.2 KB)?")
        #expect(confirm.contains("To deal "))
        #expect(server.requestLog.allSatisfy { $0.method == "GET" }, "nothing is sent before y")

        try tui.send("y")
        let done = try tui.wait(for: "Uploaded offer-ü.bin")
        let noticeID = done.components(separatedBy: "as file #").last?.prefix { $0.isNumber }
        let fileID = try #require(noticeID.flatMap { Int($0) }, "no file id in:\n\(done)")
        #expect(server.requestLog.filter { $0.method == "POST" }.map(\.path) == ["/api/v1/files"])

        // Read back over HTTP as any client would: the file is on the deal named in the dialog, with the bytes.
        let file = try await get(server, "/api/v1/files/\(fileID)").json["data"]
        let deal = try #require(file?["deal_id"]?.intValue)
        let title = try #require(try await get(server, "/api/v2/deals/\(deal)").json["data"]?["title"]?.stringValue)
        #expect(confirm.contains(String(title.prefix(20))), "the dialog named another deal:\n\(confirm)")
        let listed = try await get(server, "/api/v1/deals/\(deal)/files").json["data"]?.arrayValue ?? []
        #expect(listed.contains { $0["id"]?.intValue == fileID && $0["file_name"] == "offer-ü.bin" })
        #expect(try await get(server, "/api/v1/files/\(fileID)/download").bytes == bytes)

        try tui.send("C-c")
        let exit = try tui.exitReport()
        #expect(exit.status == 0)
        #expect(exit.sane, "terminal not restored:\n\(exit.screen)")
    }

    func get(_ server: SandboxServer, _ path: String) async throws -> (json: JSON, bytes: [UInt8]) {
        var request = URLRequest(url: URL(string: server.baseURL + path)!)
        request.setValue(server.apiToken, forHTTPHeaderField: "x-api-token")
        let (data, _) = try await URLSession.shared.data(for: request)
        return ((try? JSON(parsing: Array(data))) ?? .null, Array(data))
    }
}
