import ArgumentParser
import Foundation
import JSONValue
import PipedriveEngine

/// `pdtui merge RESOURCE ID… --into ID`: merges records into one through Pipedrive's merge calls, after a
/// preview of what moves and which values survive.
struct MergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge persons, organizations or deals into one.",
        discussion: """
            Shows what moves to the survivor (deals, activities, notes, files, followers) and which values \
            survive, then asks (on a terminal) before merging. Pipedrive cannot undo a merge; pdtui journals \
            each merged-away record whole, so `pdtui undo` can re-create it.
              pdtui merge organizations 1198 1199 --into 1197
              pdtui merge persons 2992 --into 2991 --dry-run
            """)

    @Argument(help: "persons, organizations or deals.")
    var resource: String

    @Argument(help: "The ids merged away.")
    var ids: [Int]

    @Option(help: "The id of the record that survives and keeps its values.")
    var into: Int

    @Flag(help: "Show the preview and the calls; send nothing.")
    var dryRun = false

    @Flag(help: "Merge without asking (needed when stdin is not a terminal).")
    var yes = false

    @Flag(help: "Refuse every write.")
    var readOnly = false

    @OptionGroup var account: AccountOptions

    func run() async throws {
        checkJournal()
        try await reporting(of: Self.self) {
            var settings = try account.settings()
            settings.readOnly = settings.readOnly || readOnly
            let session = Session(settings: settings)
            if !dryRun, settings.readOnly {
                throw PipedriveError(.invalidInput, "Not merged: this connection is read-only.")
            }
            let plan = try await session.planMerge(resource, ids: ids, into: into)
            print(Self.preview(plan))
            if dryRun {
                for request in plan.requests { print("Would send: \(request.line)") }
                return
            }
            if !yes {
                guard isatty(STDIN_FILENO) == 1 else {
                    throw PipedriveError(.invalidInput, "Not merged: stdin is not a terminal, so nothing can be confirmed. Pass --yes.")
                }
                print("Merge \(plan.merged.count) into \(into)? Type yes to merge, anything else cancels: ", terminator: "")
                guard readLine()?.trimmingCharacters(in: .whitespaces).lowercased() == "yes" else {
                    print("Cancelled: nothing was sent.")
                    return
                }
            }
            let report = try await session.merge(plan)
            if !report.merged.isEmpty {
                print("Merged \(report.merged.map(String.init).joined(separator: ", ")) into \(report.survivor).")
            }
            if let failure = report.failure { throw PipedriveError(.rejected, failure) }
        }
    }

    /// The survivor, the records merged away, what moves, and the values that survive.
    static func preview(_ plan: MergePlan) -> String {
        func name(_ record: JSON) -> String {
            let id = record["id"]?.intValue.map(String.init) ?? "?"
            return "\(id) \(RowOutput.inert((record["name"] ?? record["title"])?.stringValue ?? ""))"
        }
        func shown(_ value: JSON) -> String {
            let text = value.stringValue ?? value["name"]?.stringValue ?? String(decoding: value.serialized(), as: UTF8.self)
            return RowOutput.inert(String(text.prefix(60)))
        }
        var lines = ["Survivor: \(name(plan.survivor))"]
        lines += plan.merged.map { "Merged away: \(name($0))" }
        let moving = plan.moves.filter { $0.count > 0 }.map { "\($0.count) \($0.kind)" }
        lines.append("Moves to the survivor: " + (moving.isEmpty ? "nothing" : moving.joined(separator: ", ")))
        for value in plan.values {
            lines.append(value.over.isEmpty
                ? "  \(value.field): \(shown(value.value)) (filled from \(value.from))"
                : "  \(value.field): \(shown(value.value)) kept over \(value.over.map(shown).joined(separator: ", "))")
        }
        lines.append(MergePlan.warning)
        return lines.joined(separator: "\n")
    }
}
