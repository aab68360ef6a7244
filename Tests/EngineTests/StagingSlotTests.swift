import Foundation
import JSONValue
import Testing

@testable import PipedriveEngine

/// Two sessions on one account each stage into a file of their own; a session killed with SIGKILL leaves
/// its changes to the next start, which never offers (nor discards) what a running session staged.
@Suite struct StagingSlotTests {
    static let childVariable = "PDTUI_STAGING_SLOT_CHILD"

    static func staged(_ id: Int) -> Staging {
        var staging = Staging()
        staging.edit(Record(id: .int(id), values: ["id": .int(id), "title": "Old"]), of: StagingCrashTests.schema, text: ["title": "Deal \(id)"])
        return staging
    }

    /// The ids of the records whose edits are staged.
    static func ids(_ staging: Staging?) -> [RecordID?] {
        (staging?.changes ?? []).map { change in
            if case .update(let base, _) = change.kind { return base.id }
            return nil
        }
    }

    /// The other session: claims a slot, stages deal 12, says so, and runs until killed.
    @Test(.enabled(if: ProcessInfo.processInfo.environment[childVariable] != nil))
    func childStagesAndWaits() throws {
        let (slot, _, _) = try StagingSlot.claim(in: ProcessInfo.processInfo.environment[Self.childVariable]!)
        try slot.file.save(Self.staged(12))
        FileHandle.standardOutput.write(Data("staged\n".utf8))
        Thread.sleep(forTimeInterval: 120)
    }

    @Test func aKilledSessionsChangesComeBackAndALiveOnesStay() throws {
        let folder = try TemporaryFolder()
        let directory = folder.path + "/staged/p@h"
        let child = try ChildTest("childStagesAndWaits", environment: [Self.childVariable: directory])
        child.read { $0.contains("staged") }
        try #require(child.written.contains("staged"), "the child did not stage")

        // This session starts while the other runs: nothing to offer, a file of its own.
        let (mine, offered, _) = try StagingSlot.claim(in: directory)
        #expect(offered == nil)
        try mine.file.save(Self.staged(13))
        // A third start while both run offers neither.
        let (third, offeredToThird, _) = try StagingSlot.claim(in: directory)
        #expect(offeredToThird == nil && third.file.path != mine.file.path)

        child.kill()
        // Now the killed session's change comes back, and only it; this session's stays in its own file.
        let (next, leftOver, _) = try StagingSlot.claim(in: directory)
        #expect(Self.ids(leftOver) == [.int(12)])
        #expect(Self.ids(try mine.file.load()) == [.int(13)])
        // Discarding what was offered touches only that file.
        try next.file.save(Staging())
        #expect(Self.ids(try mine.file.load()) == [.int(13)])
    }

    @Test func theEarlierSingleFileMovesIntoASlot() throws {
        let folder = try TemporaryFolder()
        let legacy = StagingFile(path: folder.path + "/staged/p@h.json")
        try legacy.save(Self.staged(7))
        let (slot, leftOver, _) = try StagingSlot.claim(in: folder.path + "/staged/p@h", legacyFile: legacy.path)
        #expect(Self.ids(leftOver) == [.int(7)])
        #expect(!FileManager.default.fileExists(atPath: legacy.path))
        #expect(Self.ids(try slot.file.load()) == [.int(7)])
    }
}
