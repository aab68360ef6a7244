import ArgumentParser
import Foundation
import PipedriveEngine
import JSONValue
import PipedriveSandbox
import PipedriveSandboxServer

/// What `pdtui set`, `new` and `delete` share: where to write, and how carefully.
struct WriteOptions: ParsableArguments {
    @Flag(help: "Print the exact calls that would be made; send nothing.")
    var dryRun = false

    @Flag(help: "Refuse every write (also a profile's \"read_only\": true).")
    var readOnly = false

    @Flag(help: "Write to the built-in sandbox (started in-process; gone when the command ends).")
    var demo = false

    @Option(help: "v1 or v2 (default: v2 where Pipedrive moved the call).")
    var api: PipedriveEngine.APIVersion?

    @OptionGroup var account: AccountOptions

    /// The session to write with, and the demo's sandbox to stop afterwards.
    func session() throws -> (Session, SandboxServer?) {
        guard demo else {
            var settings = try account.settings()
            settings.readOnly = settings.readOnly || readOnly
            return (Session(settings: settings, apiVersion: api), nil)
        }
        let server: SandboxServer
        do { server = try SandboxServer.start() } catch { throw PipedriveError(.configuration, "The sandbox did not start: \(error)") }
        let settings = ConnectionSettings(
            baseURL: URL(string: server.baseURL)!, credential: .apiToken(server.apiToken), profileName: "demo", readOnly: readOnly)
        return (Session(settings: settings, apiVersion: api), server)
    }

    /// Runs `work` with the session (a write error reported as `reporting` does), the sandbox stopped after.
    func run(of command: any ParsableCommand.Type, _ work: (Session) async throws -> Void) async throws {
        checkJournal()
        try await reporting(of: command) {
            let (session, server) = try session()
            defer { server?.stop() }
            if !dryRun { try session.refuseIfReadOnly() }
            try await work(session)
        }
    }

    /// Commits `staging`, or with `--dry-run` prints its calls; prints each record's outcome and exits 1
    /// when any change is not done.
    func commit(_ staging: Staging, on session: Session, confirmation: String? = nil) async throws {
        var staging = staging
        let progress = Progress()
        let report = try await session.commit(&staging, confirmation: confirmation, dryRun: dryRun) { step in
            progress.show(step.done, of: step.total, waiting: step.waiting)
        }
        progress.clear()
        if dryRun {
            print("Would send (dry run, nothing sent):")
            for request in report.plan.requests { print("  " + request.line) }
            return
        }
        var notDone = 0
        let outcomes = Dictionary(report.outcomes.map { ($0.changeID, $0.result) }, uniquingKeysWith: { _, last in last })
        for planned in report.plan.changes {
            guard let result = outcomes[planned.changeID] else { continue }
            let what = planned.summary
            switch result {
            case .done(let created):
                print(what + ": done" + (created.isEmpty ? "" : " (new id \(created.compactMap(\.id).map(\.description).joined(separator: ", ")))"))
            case .failed(let message, let doneIDs):
                notDone += 1
                let partly = doneIDs.isEmpty ? "" : " (done for \(doneIDs.map(\.description).joined(separator: ", ")))"
                print(what + ": not done\(partly): " + RowOutput.inert(message))
            case .conflict(let conflict):
                notDone += 1
                let fields = conflict.fields.isEmpty ? "" : " (\(conflict.fields.joined(separator: ", ")))"
                print(what + ": not sent: it changed on Pipedrive since it was read\(fields)")
            case .unknown(let message):
                notDone += 1
                print(what + ": unknown: " + RowOutput.inert(message))
            }
        }
        if notDone > 0 {
            FileHandle.standardError.write(Data("pdtui: \(notDone) of \(report.outcomes.count) changes not done (see above).\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// `5,6,7` and, with `--ids-from -`, ids read from stdin: one a line, or NDJSON objects with `id`.
struct RecordIDs: ParsableArguments {
    @Argument(help: "Record ids, comma-separated (leads: UUIDs).")
    var ids: String?

    @Option(help: "Read ids from a file, or - for stdin: one a line, or NDJSON objects with an \"id\".")
    var idsFrom: String?

    /// At most this many bytes of ids are read.
    static let maxInput = 16 << 20

    func read() throws -> [RecordID] {
        var words = (ids ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        if let idsFrom {
            let handle = idsFrom == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: LocalFile.expand(idsFrom))
            guard let handle else { throw PipedriveError(.invalidInput, "Cannot read ids from \(RowOutput.inert(idsFrom)).") }
            let data = try handle.read(upToCount: Self.maxInput + 1) ?? Data()
            guard data.count <= Self.maxInput else { throw PipedriveError(.invalidInput, "More than 16 MiB of ids; give fewer.") }
            for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
                let text = line.trimmingCharacters(in: .whitespaces)
                if text.hasPrefix("{") {
                    guard let id = (try? JSON(parsing: Array(text.utf8)))?["id"].flatMap(RecordID.init) else {
                        throw PipedriveError(.invalidInput, "\(RowOutput.inert(String(text.prefix(80)))) has no \"id\".")
                    }
                    words.append(id.description)
                } else if !text.isEmpty {
                    words.append(text)
                }
            }
        }
        var seen = Set<String>(), result: [RecordID] = []
        for word in words where !word.isEmpty && seen.insert(word).inserted {
            if let number = Int(word) {
                guard number > 0 else { throw PipedriveError(.invalidInput, "Ids are positive, got \(word).") }
                result.append(.int(number))
            } else {
                guard word.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
                    throw PipedriveError(.invalidInput, "\"\(RowOutput.inert(word))\" is not a record id.")
                }
                result.append(.string(word))
            }
        }
        guard !result.isEmpty else { throw PipedriveError(.invalidInput, "Give the record ids (5,6,7, or --ids-from -).") }
        return result
    }
}
