import Foundation
import JSONValue
import Testing

/// `pdtui files upload|download`, run as the built binary against a sandbox, with real files.
@Suite struct FilesCommandTests {
    let fixture: SandboxFixture
    let folder: TemporaryFolder

    init() throws {
        fixture = try SandboxFixture()
        folder = try TemporaryFolder()
    }

    var environment: [String: String] {
        PDTUIBinary.environment(fixture, in: folder).merging(["PIPEDRIVE_BASE_URL": fixture.server.baseURL]) { $1 }
    }

    func pdtui(_ arguments: String...) throws -> BinaryRun {
        try PDTUIBinary.run(["files"] + arguments, environment: environment)
    }

    @Test func uploadThenDownloadRoundTripsTheBytes() throws {
        let bytes: [UInt8] = Array(0...255) + Array("\r\n報告\n".utf8)
        #expect(FileManager.default.createFile(atPath: folder.path + "/Angebot ü.bin", contents: Data(bytes)))
        let deal = try #require(fixture.rows("deals").first?["id"]?.intValue)

        let upload = try pdtui("upload", "~/Angebot ü.bin", "--deal", "\(deal)")
        #expect(upload.status == 0, "\(upload.errors)")
        let file = try #require(fixture.rows("files").last)
        #expect(upload.output == "Uploaded Angebot ü.bin (\(bytes.count) bytes) to deal \(deal) as file \(file["id"]!).\n")
        #expect(file["deal_id"]?.intValue == deal && file["file_name"] == "Angebot ü.bin")
        #expect(fixture.writes == ["POST /api/v1/files"])

        let id = "\(file["id"]!)"
        let download = try pdtui("download", id, folder.path + "/copy.bin")
        #expect(download.status == 0, "\(download.errors)")
        #expect(download.output == "Wrote \(bytes.count) bytes to \(folder.path)/copy.bin.\n")
        #expect(FileManager.default.contents(atPath: folder.path + "/copy.bin") == Data(bytes))

        let again = try pdtui("download", id, "~/copy.bin")
        #expect(again.status == 2)
        #expect(again.errors.contains("already exists"))
        #expect(try pdtui("download", id, "~/copy.bin", "--force").status == 0)

        try FileManager.default.createDirectory(atPath: folder.path + "/dl", withIntermediateDirectories: false)
        let intoFolder = try pdtui("download", id, "~/dl")
        #expect(intoFolder.output == "Wrote \(bytes.count) bytes to \(folder.path)/dl/Angebot ü.bin.\n")
        #expect(FileManager.default.contents(atPath: folder.path + "/dl/Angebot ü.bin") == Data(bytes))
    }

    @Test func refusalsSendNothing() throws {
        FileManager.default.createFile(atPath: folder.path + "/a.txt", contents: Data("a".utf8))
        let cases: [([String], Int32, String)] = [
            (["upload", "~/missing.txt", "--deal", "1"], 2, "there is no file at ~/missing.txt"),
            (["upload", "~/a.txt"], 64, "Give exactly one of --deal, --person, --org, --product."),
            (["upload", "~/a.txt", "--deal", "1", "--person", "2"], 64, "Give exactly one"),
            (["upload", "~/a.txt", "--org", "1", "--read-only"], 2, "read-only: nothing was sent"),
        ]
        for (arguments, status, words) in cases {
            let run = try PDTUIBinary.run(["files"] + arguments, environment: environment)
            #expect(run.status == status, "\(arguments): \(run.errors)")
            #expect(run.errors.contains(words), "\(arguments): \(run.errors)")
        }
        let dry = try pdtui("upload", "~/a.txt", "--person", "2", "--dry-run")
        #expect(dry.output == "Would send: POST /api/v1/files [file a.txt, 1 bytes] to person 2\n")
        #expect(fixture.writes.isEmpty)

        let unknown = try pdtui("upload", "~/a.txt", "--deal", "999999")
        #expect(unknown.status == 1)
        #expect(unknown.errors.contains("item 999999 does not exist"))
        #expect(!unknown.errors.contains(fixture.server.apiToken))
        let missing = try pdtui("download", "999999", "~/x")
        #expect(missing.status == 1 && missing.errors.contains("Not found"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/x"))
    }
}
