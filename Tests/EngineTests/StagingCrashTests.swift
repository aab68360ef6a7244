import Foundation
import Testing
import JSONValue
@testable import PipedriveEngine

/// Staged changes survive the process being killed: a child process (this test binary, running only
/// `childStagesUntilKilled`) stages and saves edit after edit until it gets SIGKILL; then they load.
@Suite struct StagingCrashTests {
    static let childVariable = "PDTUI_STAGING_CHILD_FILE"
    static let schema = Schema(resource: Catalog.pipedrive.resource(named: "deals")!, customFields: [
        CustomField(key: "title", name: "Title", type: .varchar, isCustom: false),
    ])

    @Test(.enabled(if: ProcessInfo.processInfo.environment[childVariable] != nil))
    func childStagesUntilKilled() throws {
        let file = StagingFile(path: ProcessInfo.processInfo.environment[Self.childVariable]!)
        var staging = Staging()
        for id in 1...5_000 {
            staging.edit(Record(id: .int(id), values: ["id": .int(id), "title": "Old"]), of: Self.schema, text: ["title": "New \(id)"])
            try file.save(staging)
            FileHandle.standardOutput.write(Data("staged \(id)\n".utf8))
        }
    }

    @Test func stagedChangesSurviveSIGKILL() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/staged/p@h.json"
        let child = try ChildTest("childStagesUntilKilled", environment: [Self.childVariable: path])

        // Kill it in the middle of its work, once it has said it saved 30 changes.
        let saved = { (written: String) in
            written.split(separator: "\n").compactMap { $0.hasPrefix("staged ") ? Int($0.dropFirst(7)) : nil }.max() ?? 0
        }
        child.read { saved($0) >= 30 }
        child.kill()
        #expect(child.process.terminationReason == .uncaughtSignal && child.process.terminationStatus == SIGKILL)
        let count = saved(child.written)
        try #require(count >= 30, "the child did not stage: \(child.written.suffix(500))")

        let loaded = try #require(try StagingFile(path: path).load())
        #expect(loaded.changes.count >= count)
        for (index, change) in loaded.changes.enumerated() {
            #expect(change.kind == .update(
                base: Record(id: .int(index + 1), values: ["id": .int(index + 1), "title": "Old"]),
                edits: [FieldEdit(key: "title", title: "Title", old: "Old", new: .string("New \(index + 1)"))]))
        }
    }
}
