import Foundation
import JSONValue
import PipedriveEngine
import Testing
@testable import TUICore

/// `U` and `D`: the dialog's states, the effects they ask for and what their results do. No network;
/// the local file checked is a real one.
@Suite struct FileTransferStateTests {
    func grid(_ command: String, rows: [JSON], columns: [ColumnInfo]? = nil, width: Int = 80, height: Int = 24) throws -> AppState {
        var state = makeState(width, height)
        state.command = LineEditor(command)
        let (id, _) = try #require(state.loadID(state.press(.enter)))
        state.update(.pageLoaded(id, RowPage(rows: rows, next: nil, columns: columns)))
        return state
    }

    func transferRequest(_ effects: [Effect]) -> (Int, FileTransferRequest)? {
        for effect in effects { if case .fileTransfer(let id, let request) = effect { return (id, request) } }
        return nil
    }

    static let files: [JSON] = [
        ["id": 5, "file_name": "../evil\u{1B}[31m.txt", "file_size": 2048, "deal_id": 1],
        ["id": 6, "file_name": "Angebot ü.pdf", "file_size": 10],
    ]

    @Test func uploadChecksThePathThenAsksThenUploads() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pdtui-tui-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("offer.pdf").path
        FileManager.default.createFile(atPath: path, contents: Data(repeating: 7, count: 1536))

        var state = try grid("deals", rows: deals(1...5), columns: dealColumns)
        #expect(state.press(.char("U")).isEmpty)
        #expect(state.transfer?.kind == .upload(target: .deal(1), label: "deal Acme renewal (#1)"))
        #expect(state.press(.enter).isEmpty, "an empty path sends nothing")
        #expect(state.transfer?.error == "Type a path.")

        state.type(path)
        let (checkID, check) = try #require(transferRequest(state.press(.enter)))
        #expect(check == .inspect(path: path))
        #expect(state.isLoading)
        #expect(state.press(.char("y")).isEmpty, "keys wait while the path is checked")
        state.update(.fileTransferred(checkID, .inspected(try LocalFile.inspect(path))))
        guard case .confirmingUpload(let file)? = state.transfer?.stage else { Issue.record("not confirming"); return }
        #expect(file == LocalFile(path: path, name: "offer.pdf", size: 1536))
        var shown = state
        shown.transfer?.stage = .confirmingUpload(LocalFile(path: "/home/ada/offers/offer.pdf", name: "offer.pdf", size: 1536))
        try expectSnapshot(shown, "upload-confirm")
        try expectStyledSnapshot(shown, "upload-confirm")

        let (uploadID, upload) = try #require(transferRequest(state.press(.char("y"))))
        #expect(upload == .upload(path: path, target: .deal(1)))
        #expect(state.press(.escape).isEmpty, "an upload in flight runs to its end")
        state.update(.fileTransferred(uploadID, .uploaded(fileID: "42", fileName: "offer.pdf", size: 1536)))
        #expect(state.transfer == nil)
        #expect(state.message == AppState.Message(text: "Uploaded offer.pdf (1.5 KB) as file #42 to deal Acme renewal (#1).", isError: false))
    }

    @Test func aBadPathStaysInTheDialogWithTheReason() throws {
        var state = try grid("deals", rows: deals(1...3), columns: dealColumns, width: 160, height: 48)
        state.press(.enter)  // the detail of deal 1: U works there too
        let effects = state.press(.char("U"))
        #expect(transferRequest(effects) == nil)
        state.type("~/missing.pdf")
        let (id, _) = try #require(transferRequest(state.press(.enter)))
        state.update(.fileTransferred(id, .failed("Nothing was uploaded: there is no file at ~/missing.pdf.")))
        #expect(state.transfer?.stage == .choosingPath)
        #expect(state.transfer?.path.text == "~/missing.pdf")
        #expect(state.transfer?.error == "Nothing was uploaded: there is no file at ~/missing.pdf.")
        try expectSnapshot(state, "upload-bad-path")
        #expect(state.press(.escape).isEmpty)
        #expect(state.transfer == nil)
        #expect(state.message?.text == "Cancelled: nothing was sent or written.")
    }

    @Test func escapeAbandonsACheckAndALateResultIsIgnored() throws {
        var state = try grid("deals", rows: deals(1...3), columns: dealColumns)
        state.press(.char("U"))
        state.type("~/a")
        let (id, _) = try #require(transferRequest(state.press(.enter)))
        #expect(state.press(.escape) == [.cancel(id)])
        #expect(state.transfer?.stage == .choosingPath)
        state.update(.fileTransferred(id, .inspected(LocalFile.inspectedForTest)))
        #expect(state.transfer?.stage == .choosingPath)
    }

    @Test func readOnlyRefusesUploadsAndDryRunSendsNothing() throws {
        var state = try grid("deals", rows: deals(1...3), columns: dealColumns)
        state.writeMode = .readOnly
        #expect(state.press(.char("U")).isEmpty)
        #expect(state.transfer == nil)
        #expect(state.message?.isError == true && state.message?.text.contains("Read-only") == true)
        #expect(!Renderer(theme: .plain).render(state).text().contains("U upload"))

        state.writeMode = .dryRun
        state.press(.char("U"))
        state.type("~/a")
        let (id, _) = try #require(transferRequest(state.press(.enter)))
        state.update(.fileTransferred(id, .inspected(LocalFile.inspectedForTest)))
        #expect(state.press(.char("y")).isEmpty)
        #expect(state.transfer == nil)
        #expect(state.message?.text.hasPrefix("Dry run: would upload") == true)
    }

    @Test func uploadOnlyOnRecordsThatTakeFilesAndNotOnTheResourceList() throws {
        var state = makeState()
        #expect(state.press(.char("U")).isEmpty)
        #expect(state.transfer == nil)
        state = try grid("activityTypes", rows: [["id": 1, "name": "Call"]])
        state.press(.char("U"))
        #expect(state.transfer == nil)
        state.press(.char("D"))
        #expect(state.transfer == nil)
    }

    @Test func downloadProposesASafeNameAndAsksBeforeReplacing() throws {
        var state = try grid("files", rows: Self.files)
        #expect(Renderer(theme: .plain).render(state).text().contains("D download"))
        state.press(.char("D"))
        #expect(state.transfer?.kind == .download(fileID: 5, fileName: "../evil\u{1B}[31m.txt", size: 2048))
        #expect(state.transfer?.path.text == "./.._evil_[31m.txt")
        try expectSnapshot(state, "download-path")
        try expectStyledSnapshot(state, "download-path")

        state.press(.ctrl("u"))
        state.type("~/x.txt")
        let (checkID, check) = try #require(transferRequest(state.press(.enter)))
        #expect(check == .checkDestination(path: "~/x.txt", fileName: "../evil\u{1B}[31m.txt"))
        #expect(state.update(.fileTransferred(checkID, .destination(path: "/home/u/x.txt", exists: true))).isEmpty)
        #expect(state.transfer?.stage == .confirmingOverwrite(path: "/home/u/x.txt"))
        try expectSnapshot(state, "download-overwrite")

        state.press(.char("n"))
        #expect(state.transfer?.stage == .choosingPath)
        #expect(state.transfer?.error == "/home/u/x.txt is kept; type another path.")
        let (againID, _) = try #require(transferRequest(state.press(.enter)))
        state.update(.fileTransferred(againID, .destination(path: "/home/u/x.txt", exists: true)))
        let (downloadID, download) = try #require(transferRequest(state.press(.char("y"))))
        #expect(download == .download(fileID: 5, path: "/home/u/x.txt", overwrite: true))
        state.update(.fileTransferred(downloadID, .downloaded(DownloadResult(path: "/home/u/x.txt", bytes: 2048))))
        #expect(state.transfer == nil)
        #expect(state.message?.text == "Downloaded 2 KB to /home/u/x.txt.")
    }

    @Test func aNewDestinationDownloadsStraightAwayAndReadOnlyAllowsIt() throws {
        var state = try grid("files", rows: Self.files)
        state.writeMode = .readOnly
        state.press(.char("j"), .char("D"))
        #expect(state.transfer?.path.text == "./Angebot ü.pdf")
        let (checkID, _) = try #require(transferRequest(state.press(.enter)))
        let effects = state.update(.fileTransferred(checkID, .destination(path: "/tmp/Angebot ü.pdf", exists: false)))
        let (downloadID, download) = try #require(transferRequest(effects))
        #expect(download == .download(fileID: 6, path: "/tmp/Angebot ü.pdf", overwrite: false))
        state.update(.fileTransferred(downloadID, .failed("Not found: GET /api/v1/files/6/download (404).")))
        #expect(state.transfer?.stage == .choosingPath)
        #expect(state.transfer?.error?.hasPrefix("Not found") == true)
    }

    @Test func downloadFromTheFilesOfARecordDrilledInto() throws {
        var state = try grid("deals", rows: deals(1...2), columns: dealColumns)
        state.press(.enter)
        guard let detail = state.topDetail, let loading = detail.loading,
              case .object(var members) = deals(1...1)[0] else { Issue.record("no detail"); return }
        members["files"] = [["id": 9, "file_name": "a.txt", "file_size": 3]]
        state.update(.recordLoaded(loading, .object(members)))
        guard let loaded = state.topDetail else { Issue.record("no detail after the record loaded"); return }
        let index = try #require(loaded.lines.firstIndex { $0.label == "files" })
        for _ in 0..<index { state.press(.char("j")) }
        state.press(.enter)
        #expect(state.topGrid?.resource == "files")
        state.press(.char("D"))
        #expect(state.transfer?.kind == .download(fileID: 9, fileName: "a.txt", size: 3))
        #expect(state.transfer?.path.text == "./a.txt")
    }

    @Test func byteCounts() {
        #expect(FileTransfer.byteCount(1) == "1 byte")
        #expect(FileTransfer.byteCount(1023) == "1023 bytes")
        #expect(FileTransfer.byteCount(1024) == "1 KB")
        #expect(FileTransfer.byteCount(1536) == "1.5 KB")
        #expect(FileTransfer.byteCount(5 * 1024 * 1024) == "5 MB")
    }
}

extension LocalFile {
    static let inspectedForTest = LocalFile(path: "/home/ada/a", name: "a", size: 1)
}
