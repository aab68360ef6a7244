import ArgumentParser
import Foundation
import PipedriveEngine

/// `pdtui files upload|download`: a local file to a deal, person, organization or product, and a file's
/// content to a local path.
struct FilesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "files",
        abstract: "Upload a file to a record, or download a file's content.",
        subcommands: [Upload.self, Download.self])

    struct Upload: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Upload a local file and attach it to one record.",
            discussion: """
                The file is checked before anything is sent, sent once (an upload is never repeated), and \
                journaled: `pdtui undo` deletes it again.
                  pdtui files upload ~/offers/acme.pdf --deal 7
                  pdtui files upload notes.txt --person 12 --dry-run
                """)

        @Argument(help: "The local file (~ is expanded).")
        var path: String

        @Option(help: "Attach it to this deal.")
        var deal: Int?

        @Option(help: "Attach it to this person.")
        var person: Int?

        @Option(help: "Attach it to this organization.")
        var org: Int?

        @Option(help: "Attach it to this product.")
        var product: Int?

        @Flag(help: "Show the call that would be made; send nothing.")
        var dryRun = false

        @Flag(help: "Refuse every write.")
        var readOnly = false

        @OptionGroup var account: AccountOptions

        var target: FileTarget? {
            if let deal { return .deal(deal) }
            if let person { return .person(person) }
            if let org { return .organization(org) }
            return product.map(FileTarget.product)
        }

        func validate() throws {
            let given = [deal, person, org, product].compactMap { $0 }
            guard given.count == 1 else { throw ValidationError("Give exactly one of --deal, --person, --org, --product.") }
            guard given[0] > 0 else { throw ValidationError("Ids are positive, got \(given[0]).") }
        }

        func run() async throws {
            checkJournal()
            try await reporting(of: Self.self) {
                guard let target else { return }
                var settings = try account.settings()
                settings.readOnly = settings.readOnly || readOnly
                let session = Session(settings: settings)
                if dryRun {
                    let file = try LocalFile.inspect(path)
                    let request = try session.uploadRequest(fileNamed: file.name, content: try file.read(), to: target)
                    print("Would send: \(request.line) to \(target)")
                    return
                }
                // One cut off by an earlier pdtui's death is settled first, so it is never sent twice.
                for notice in await session.settleInterruptedUploads(journal: .standard()) { FileHandle.standardError.write(Data((notice + "\n").utf8)) }
                let record = try await session.upload(fileAt: path, to: target)
                let name = RowOutput.inert(record["file_name"]?.stringValue ?? path)
                let size = record["file_size"]?.intValue.map { "\($0) bytes" } ?? "?"
                print("Uploaded \(name) (\(size)) to \(target) as file \(record.id?.description ?? "?").")
            }
        }
    }

    struct Download: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download a file's content to a local path.",
            discussion: """
                PATH may be a folder: the file keeps its Pipedrive name there. An existing file is kept \
                unless --force; the content is written to a temporary file first, so nothing is left \
                half-written.
                  pdtui files download 123 ./offer.pdf
                  pdtui files download 123 ~/Downloads --force
                """)

        @Argument(help: "The file's id (see `pdtui get files`).")
        var fileID: Int

        @Argument(help: "Where to write it (~ is expanded); a folder keeps the file's name.")
        var path: String

        @Flag(help: "Replace an existing file.")
        var force = false

        @OptionGroup var account: AccountOptions

        func run() async throws {
            try await reporting(of: Self.self) {
                let session = Session(settings: try account.settings())
                let result = try await session.download(fileID: .int(fileID), to: path, overwrite: force)
                print("Wrote \(result.bytes) bytes to \(RowOutput.inert(result.path)).")
            }
        }
    }
}
