import JSONValue
import Testing

@testable import PipedriveSandbox

@Suite("Workspace: files")
struct FileTests {
    @Test func listPagesEveryFileOnceAndCapsTheLimitAt100() async throws {
        let sandbox = try WorkspaceSandbox()
        let stored = sandbox.store()["files"].ids
        #expect(stored.count >= 25)
        let paged = try await sandbox.allPages("/api/v1/files", limit: 7)
        #expect(paged.map { $0["id"]!.intValue! } == stored)
        let capped = try await sandbox.call("GET", "/api/v1/files", query: ["limit": "500"])
        #expect(capped.json["additional_data"]?["pagination"]?["limit"] == 100)
        let sorted = try await sandbox.call("GET", "/api/v1/files", query: ["sort": "id DESC", "limit": "3"]).data.ids
        #expect(sorted == Array(stored.suffix(3).reversed()))
        try await sandbox.expectRefused(400, "GET", "/api/v1/files", query: ["sort": "file_size"])
        try await sandbox.expectRefused(400, "GET", "/api/v1/files", query: ["start": "-1"])
    }

    @Test func filesOfDealsPersonsOrganizationsAndProducts() async throws {
        let sandbox = try WorkspaceSandbox()
        let files = sandbox.store()["files"].all
        for (entity, key) in [("deals", "deal_id"), ("persons", "person_id"), ("organizations", "org_id"), ("products", "product_id")] {
            let owner = files.first { $0[key]?.intValue != nil }?[key]?.intValue ?? 1
            let expected = files.filter { $0[key]?.intValue == owner }.map { $0["id"]!.intValue! }
            let listed = try await sandbox.allPages("/api/v1/\(entity)/\(owner)/files", limit: 2)
            #expect(listed.map { $0["id"]!.intValue! } == expected, "\(entity)")
            try await sandbox.expectRefused(404, "GET", "/api/v1/\(entity)/9999/files")
        }
    }

    @Test func uploadDownloadRenameDelete() async throws {
        let sandbox = try WorkspaceSandbox()
        var bytes = Array("quarterly report – Überblick 報告 🚀\n".utf8)
        bytes += (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) }  // binary, with NULs and CRLFs
        bytes += Array("--sandbox-boundary-7MA4YWxkTrZu0gW\r\n".utf8)  // the boundary, legal without a CRLF before it
        let uploaded = try await sandbox.call(
            "POST", "/api/v1/files",
            .multipart(fields: [("deal_id", "3"), ("person_id", "4")], file: (name: "report 報告.bin", type: "application/octet-stream", bytes: bytes)))
        #expect(uploaded.status == 200)
        let file = uploaded.data
        let id = file["id"]!.intValue!
        #expect(file["file_name"] == "report 報告.bin")
        #expect(file["file_size"]?.intValue == bytes.count)
        #expect(file["deal_id"] == 3)
        #expect(file["person_id"] == 4)
        #expect(file["deal_name"] == .string(sandbox.store().label("deals", 3)!))
        #expect(file["user_id"] == 1)

        let download = try await sandbox.call("GET", "/api/v1/files/\(id)/download")
        #expect(download.status == 200)
        #expect(download.bytes.count == bytes.count)
        #expect(download.bytes == bytes, "the download differs from the upload")
        #expect(download.headers["content-disposition"]?.hasPrefix("attachment; filename*=UTF-8''report%20") == true)
        #expect(download.headers["content-type"] == "application/octet-stream")
        #expect(try await sandbox.call("GET", "/api/v1/deals/3/files").data.ids.contains(id))

        let renamed = try await sandbox.call("PUT", "/api/v1/files/\(id)", .form([("name", "Report final.bin"), ("description", "signed ✍️")])).data
        #expect(renamed["name"] == "Report final.bin")
        #expect(renamed["description"] == "signed ✍️")
        #expect(renamed["file_name"] == "report 報告.bin")
        #expect(try await sandbox.call("GET", "/api/v1/files/\(id)").data == renamed)

        #expect(try await sandbox.call("DELETE", "/api/v1/files/\(id)").data == ["id": .int(id)])
        try await sandbox.expectRefused(404, "GET", "/api/v1/files/\(id)")
        try await sandbox.expectRefused(404, "GET", "/api/v1/files/\(id)/download")
        #expect(!(try await sandbox.allPages("/api/v1/files", limit: 100)).contains { $0["id"]?.intValue == id })
    }

    @Test func generatedFilesDownloadTheirRecordedSize() async throws {
        let sandbox = try WorkspaceSandbox()
        for file in sandbox.store()["files"].all.prefix(5) {
            let download = try await sandbox.call("GET", "/api/v1/files/\(file["id"]!.intValue!)/download")
            #expect(download.status == 200)
            #expect(download.bytes.count == file["file_size"]?.intValue)
            #expect(!download.bytes.isEmpty)
        }
    }

    @Test func refusedUploadsAndUpdates() async throws {
        let sandbox = try WorkspaceSandbox()
        let file = (name: "a.txt", type: "text/plain", bytes: Array("hello".utf8))
        let missing = try await sandbox.expectRefused(400, "POST", "/api/v1/files", .multipart(fields: [("deal_id", "3")], file: nil))
        #expect(missing.json["error"] == "No files were provided with the request.")
        let unattached = try await sandbox.expectRefused(400, "POST", "/api/v1/files", .multipart(fields: [], file: file))
        #expect(unattached.json["error"]?.stringValue?.contains("deal_id, person_id, org_id") == true)
        let unknown = try await sandbox.expectRefused(400, "POST", "/api/v1/files", .multipart(fields: [("org_id", "9999")], file: file))
        #expect(unknown.json["error"] == "Parameter 'org_id': item 9999 does not exist.")
        try await sandbox.expectRefused(400, "POST", "/api/v1/files", .multipart(fields: [("lead_id", "adf21080-0e10-11eb-879b-05d71fb426ec")], file: file))
        try await sandbox.expectRefused(400, "POST", "/api/v1/files", .multipart(fields: [("deal_id", "9999")], file: file))
        try await sandbox.expectRefused(400, "POST", "/api/v1/files", .multipart(fields: [("deal_id", "three")], file: file))
        try await sandbox.expectRefused(400, "POST", "/api/v1/files", .multipart(fields: [("colour", "red")], file: file))
        try await sandbox.expectRefused(400, "PUT", "/api/v1/files/1", .json(["name": 5]))
        try await sandbox.expectRefused(400, "PUT", "/api/v1/files/1", .json(["file_size": 5]))
        try await sandbox.expectRefused(404, "PUT", "/api/v1/files/9999", .json(["name": "x"]))
        try await sandbox.expectRefused(404, "DELETE", "/api/v1/files/9999")
    }

    /// Hand-made bodies: what a browser or curl sends, and what a broken client might.
    @Test func rawMultipartBodies() async throws {
        let sandbox = try WorkspaceSandbox()
        func body(_ text: String) -> [UInt8] { Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8) }
        let type = "multipart/form-data; boundary=XyZ"
        // curl's form: an unquoted name, the RFC 8187 file name, a preamble and an epilogue.
        let curl = body("""
            preamble to ignore
            --XyZ
            Content-Disposition: form-data; name=person_id

            4
            --XyZ
            Content-Disposition: form-data; name="file"; filename="fallback.txt"; filename*=UTF-8''%E5%A0%B1%E5%91%8A%20%C3%BC.txt
            Content-Type: text/plain

            line 1
            line 2
            --XyZ--
            epilogue
            """)
        let uploaded = try await sandbox.call("POST", "/api/v1/files", .raw(contentType: type, bytes: curl))
        #expect(uploaded.status == 200, "\(String(decoding: uploaded.bytes, as: UTF8.self))")
        #expect(uploaded.data["file_name"] == "報告 ü.txt")
        #expect(uploaded.data["person_id"] == 4)
        #expect(uploaded.data["file_size"] == 14)
        let id = uploaded.data["id"]!.intValue!
        #expect(try await sandbox.call("GET", "/api/v1/files/\(id)/download").bytes == Array("line 1\r\nline 2".utf8))

        let refused: [(String, [UInt8], String)] = [
            ("no closing boundary", body("--XyZ\nContent-Disposition: form-data; name=\"deal_id\"\n\n3\n--XyZ\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\n\nhalf"), "cut short"),
            ("a part with no name", body("--XyZ\nContent-Disposition: form-data\n\n3\n--XyZ--\n"), "no Content-Disposition name"),
            ("a part with no header end", body("--XyZ\nContent-Disposition: form-data; name=\"deal_id\"\n--XyZ--\n"), "no header end"),
            ("an empty file input", body("--XyZ\nContent-Disposition: form-data; name=\"deal_id\"\n\n3\n--XyZ\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\n\n\n--XyZ--\n"), "No files were provided"),
            ("too many parts", body(String(repeating: "--XyZ\nContent-Disposition: form-data; name=\"x\"\n\n1\n", count: 40) + "--XyZ--\n"), "more than 32 parts"),
        ]
        for (what, bytes, message) in refused {
            let reply = try await sandbox.expectRefused(400, "POST", "/api/v1/files", .raw(contentType: type, bytes: bytes))
            #expect(reply.json["error"]?.stringValue?.contains(message) == true, "\(what): \(reply.json["error"] ?? .null)")
        }
        let noBoundary = try await sandbox.expectRefused(400, "POST", "/api/v1/files", .raw(contentType: "multipart/form-data", bytes: curl))
        #expect(noBoundary.json["error"] == "Multipart body has no boundary.")
    }
}
