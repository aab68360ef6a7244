import Foundation
import JSONValue
import PipedriveSandbox
import Testing

@testable import PipedriveEngine

/// Uploads and downloads against a real sandbox over HTTP, with real files in a temporary folder.
@Suite struct FileTransferTests {
    /// Removed when the test ends (its files run to several MiB).
    let temporary: TemporaryFolder
    let journal: Journal
    var folder: URL { URL(fileURLWithPath: temporary.path) }

    init() throws {
        temporary = try TemporaryFolder()
        journal = Journal(path: temporary.path + "/state/journal.jsonl")
    }

    /// Every byte value, CRLFs, NULs and a line that looks like a multipart boundary.
    static let binary: [UInt8] = Array(0...255) + Array("\r\n--pdtui-boundary\r\n\0\0 Überblick 報告\n".utf8) + Array(repeating: 0xFF, count: 3000)

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = folder.appendingPathComponent(name).path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        return path
    }

    @Test func uploadThenDownloadGivesTheSameBytes() async throws {
        let sandbox = try SandboxFixture()
        let session = sandbox.session()
        let deal = try #require(sandbox.rows("deals").first?["id"]?.intValue)
        let path = try write("Überblick 報告 🚀.bin", Self.binary)

        let record = try await session.upload(fileAt: path, to: .deal(deal), journal: journal)
        let id = try #require(Int(record.id?.description ?? ""))
        let stored = try #require(sandbox.rows("files").first { $0["id"]?.intValue == id })
        #expect(stored["file_name"] == "Überblick 報告 🚀.bin")
        #expect(stored["file_size"]?.intValue == Self.binary.count)
        #expect(stored["deal_id"]?.intValue == deal)
        #expect(sandbox.writes == ["POST /api/v1/files"])

        // Over HTTP, as any client would see it: the deal lists the file, whose content is the upload.
        let listed = try await session.client.send(APIRequest(.get, .v1, "/deals/\(deal)/files"))
        #expect(listed.json["data"]?.arrayValue?.contains { $0["id"]?.intValue == id } == true)

        let target = folder.appendingPathComponent("copy.bin").path
        let result = try await session.download(fileID: .int(id), to: target)
        #expect(result == DownloadResult(path: target, bytes: Self.binary.count))
        #expect(FileManager.default.contents(atPath: target) == Data(Self.binary))
        let mode = try #require(FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int)
        let mask = umask(0o022)
        umask(mask)
        #expect(mode == 0o666 & ~Int(mask))

        // A folder as the destination gets the file under its Pipedrive name.
        let downloads = folder.appendingPathComponent("downloads")
        try FileManager.default.createDirectory(at: downloads, withIntermediateDirectories: true)
        let intoFolder = try await session.download(fileID: .int(id), to: downloads.path)
        #expect(intoFolder.path == downloads.appendingPathComponent("Überblick 報告 🚀.bin").path)
        #expect(FileManager.default.contents(atPath: intoFolder.path) == Data(Self.binary))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".part") }
        #expect(leftovers.isEmpty)
    }

    /// Larger than one copy chunk (1 MiB), so the streamed body is copied in several.
    @Test func aFileOfSeveralMegabytesRoundTrips() async throws {
        let sandbox = try SandboxFixture()
        let session = sandbox.session()
        let bytes = (0..<(3 << 20) + 17).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }
        let record = try await session.upload(fileNamed: "big.bin", content: bytes, to: .deal(1), journal: journal)
        let id = try #require(Int(record.id?.description ?? ""))
        let target = folder.appendingPathComponent("big copy.bin").path
        #expect(try await session.download(fileID: .int(id), to: target).bytes == bytes.count)
        #expect(FileManager.default.contents(atPath: target) == Data(bytes))
    }

    @Test func anExistingFileIsKeptUnlessOverwritingIsAllowed() async throws {
        let sandbox = try SandboxFixture()
        let session = sandbox.session()
        let file = try #require(sandbox.rows("files").first)
        let id = try #require(file["id"]?.intValue)
        let path = try write("mine.txt", Array("keep me".utf8))
        let before = sandbox.calls.count
        let error = await #expect(throws: PipedriveError.self) { try await session.download(fileID: .int(id), to: path) }
        #expect(error?.message.contains("already exists") == true)
        #expect(FileManager.default.contents(atPath: path) == Data("keep me".utf8))
        #expect(sandbox.calls.count == before, "nothing is fetched for a refused destination")

        let replaced = try await session.download(fileID: .int(id), to: path, overwrite: true)
        #expect(replaced.bytes == file["file_size"]?.intValue)
        #expect(FileManager.default.contents(atPath: path)?.count == file["file_size"]?.intValue)
    }

    @Test func badLocalFilesAndTargetsSendNothingOrGetPipedrivesError() async throws {
        let sandbox = try SandboxFixture()
        let session = sandbox.session()
        let cases: [(String, String)] = [
            (folder.appendingPathComponent("missing.pdf").path, "there is no file at"),
            (folder.path, "is a folder"),
            ("", "Give the path of a file"),
        ]
        for (path, words) in cases {
            let error = await #expect(throws: PipedriveError.self) { try await session.upload(fileAt: path, to: .deal(1), journal: journal) }
            #expect(error?.kind == .invalidInput && error?.message.contains(words) == true, "\(path): \(error?.message ?? "")")
        }
        let fifo = folder.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let notRegular = await #expect(throws: PipedriveError.self) { try await session.upload(fileAt: fifo, to: .deal(1), journal: journal) }
        #expect(notRegular?.message.contains("not a regular file") == true)
        #expect(sandbox.writes.isEmpty)

        let path = try write("a.txt", Array("a".utf8))
        let unknown = await #expect(throws: PipedriveError.self) {
            try await session.upload(fileAt: path, to: .organization(999_999), journal: journal)
        }
        #expect(unknown?.kind == .rejected)
        #expect(unknown?.message.contains("item 999999 does not exist") == true)
        #expect(try journal.entries().last?.outcome?.status == .failed)

        let readOnly = await #expect(throws: PipedriveError.self) {
            try await sandbox.session(readOnly: true).upload(fileAt: path, to: .deal(1), journal: journal)
        }
        #expect(readOnly?.kind == .configuration)
        #expect(sandbox.writes == ["POST /api/v1/files"])

        let missing = await #expect(throws: PipedriveError.self) {
            try await session.download(fileID: .int(999_999), to: folder.appendingPathComponent("x").path)
        }
        #expect(missing?.kind == .notFound)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("x").path))
        let noFolder = await #expect(throws: PipedriveError.self) {
            try await session.download(fileID: .int(1), to: folder.appendingPathComponent("nope/x").path)
        }
        #expect(noFolder?.message.contains("does not exist") == true)
    }

    /// An upload creates: when the connection drops after it was sent (the file was stored), or the server
    /// fails (it was not), it is never repeated; the record's files are read to settle which.
    @Test(arguments: [FaultKind.resetMidBody, .serverError(503)])
    func anUploadIsNeverRepeatedAndSettledByReading(fault: FaultKind) async throws {
        let sandbox = try SandboxFixture(faults: [FaultRule(fault, method: "POST", path: "/api/v1/files")])
        let path = try write("once.txt", Array("once".utf8))
        let result: Result<Record, PipedriveError>
        do { result = .success(try await sandbox.session().upload(fileAt: path, to: .deal(1), journal: journal)) } catch let error as PipedriveError {
            result = .failure(error)
        }
        #expect(sandbox.writes == ["POST /api/v1/files"])
        let stored = sandbox.rows("files").filter { $0["file_name"] == "once.txt" }
        let last = try #require(try journal.entries().last?.outcome)
        switch fault {
        case .resetMidBody:
            let record = try result.get()
            #expect(stored.count == 1 && RecordID(stored[0]["id"]) == record.id)
            #expect(last.status == .done && last.createdIDs == [record.id!])
        default:
            guard case .failure(let error) = result else { Issue.record("a 503 upload reported done"); return }
            #expect(error.message.contains("not uploaded") && stored.isEmpty)
            #expect(last.status == .failed)
        }
    }

    @Test func theUploadIsJournaledAndUndoDeletesTheFile() async throws {
        let sandbox = try SandboxFixture()
        let session = sandbox.session()
        let path = try write("undo me.txt", Array("x".utf8))
        let record = try await session.upload(fileAt: path, to: .person(2), journal: journal)
        let entry = try #require(try journal.entries().last)
        #expect(entry.resource == "files" && entry.kind == .create)
        #expect(entry.records.first?.after["person_id"] == 2)
        #expect(entry.requests == ["POST /api/v1/files [file undo me.txt, 1 bytes]"])
        #expect(entry.doneIDs == [try #require(record.id)])
        let text = try String(contentsOfFile: journal.path, encoding: .utf8)
        #expect(!text.contains(sandbox.server.apiToken))

        let undo = try await session.undo(journal: journal)
        #expect(undo.requests.map(\.line) == ["DELETE /api/v1/files/\(record.id!)"])
        #expect(!sandbox.rows("files").contains { $0["id"]?.intValue.map(RecordID.int) == record.id })
    }

    /// The wire form: fields first, then the file part; a quote or line break in a name cannot break out.
    @Test func multipartBody() {
        let form = Multipart(fileName: "a\"b\r\nc ü.txt", content: [0, 0x0D, 0x0A, 0xFF], fields: [QueryItem("deal_id", "7")], boundary: "B")
        #expect(form.contentType == "multipart/form-data; boundary=B")
        let expected = Array("--B\r\nContent-Disposition: form-data; name=\"deal_id\"\r\n\r\n7\r\n--B\r\n".utf8)
            + Array("Content-Disposition: form-data; name=\"file\"; filename=\"a_b__c ü.txt\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            + [0, 0x0D, 0x0A, 0xFF] + Array("\r\n--B--\r\n".utf8)
        #expect([UInt8](form.body) == expected)
    }
}
