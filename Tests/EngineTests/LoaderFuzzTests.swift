import Foundation
import JSONValue
import Testing

@testable import PipedriveEngine

/// The config, staging and journal loaders fed truncated and mutated copies of good files (seeded, so a
/// failure replays): each either loads or refuses with a sentence, never crashes or hangs; a staging file
/// pdtui cannot read is moved aside and pdtui starts with nothing staged.
@Suite struct LoaderFuzzTests {
    static let config = Array("""
        {"default_profile": "acme", "theme": "dracula", "keys": {"edit": "E", "down": ["j", "down"]},
         "profiles": {"acme": {"company_domain": "acme", "api_token": "t0k3n", "read_only": true},
                      "agency": {"base_url": "https://agency.pipedrive.com", "api_version": "v1",
                                 "oauth": {"client_id": "c", "client_secret": "s", "access_token": "a",
                                           "refresh_token": "r", "expires_at": 1790000000}}}}
        """.utf8)

    static func staging() -> [UInt8] {
        var staging = Staging()
        let record = Record(id: .int(5), values: ["id": 5, "title": "Old", "value": 10])
        let base = StagedChange(id: 1, resource: "deals", kind: .update(base: record, edits: [FieldEdit(key: "title", title: "Title", old: "Old", new: "New")]))
        staging = Staging(changes: [base, StagedChange(id: 2, resource: "persons", kind: .create(values: ["name": "Ann"])),
                                    StagedChange(id: 3, resource: "persons", kind: .delete(records: [Record(id: .int(9), values: ["name": "Bo"])]))], nextID: 4)
        return staging.json.serialized()
    }

    /// Truncations at every length, then `count` seeded mutations of `good`.
    static func variants(of good: [UInt8], count: Int, seed: UInt64) -> [[UInt8]] {
        var state = seed
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var out = (0..<good.count).map { Array(good.prefix($0)) }
        for _ in 0..<count {
            var bytes = good
            for _ in 0..<(1 + next() % 3) {
                let at = next() % bytes.count
                switch next() % 4 {
                case 0: bytes[at] = UInt8(truncatingIfNeeded: next())
                case 1: bytes.insert(Array("{}[]\",:0ax\u{1B}".utf8)[next() % 11], at: at)
                case 2: bytes.remove(at: at)
                default: bytes.replaceSubrange(at..<min(bytes.count, at + 1 + next() % 8), with: [])
                }
                if bytes.isEmpty { bytes = [0x7B] }
            }
            out.append(bytes)
        }
        return out
    }

    @Test func configLoaderRefusesDamageWithASentence() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/config.json"
        var loaded = 0
        for bytes in Self.variants(of: Self.config, count: 1500, seed: 1) {
            FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o600])
            do {
                if try ConfigFile.load(path) != nil { loaded += 1 }
            } catch {
                #expect(error.message.contains(path), "the refusal names the file: \(error.message)")
            }
        }
        #expect(loaded > 0)
    }

    @Test func aDamagedStagingFileIsMovedAsideAndNothingIsLost() throws {
        let folder = try TemporaryFolder()
        let file = StagingFile(path: folder.path + "/staged/acme.json")
        for (number, bytes) in Self.variants(of: Self.staging(), count: 1000, seed: 2).enumerated() {
            try FileManager.default.createDirectory(atPath: folder.path + "/staged", withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: file.path, contents: Data(bytes), attributes: [.posixPermissions: 0o600])
            let (staging, notice) = file.loadOrSetAside()
            if let notice {
                #expect(staging == nil && notice.contains("moved to"), "case \(number): \(notice)")
                #expect(!FileManager.default.fileExists(atPath: file.path), "case \(number): not moved aside")
                let aside = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/staged").filter { $0.contains(".bad-") }
                #expect(aside.count == 1, "case \(number): the damaged file is kept aside")
                for name in aside { try FileManager.default.removeItem(atPath: folder.path + "/staged/" + name) }
            }
        }
        // The good file loads as it was saved.
        FileManager.default.createFile(atPath: file.path, contents: Data(Self.staging()), attributes: [.posixPermissions: 0o600])
        #expect(file.loadOrSetAside().staging?.changes.count == 3)
    }

    @Test func aDamagedJournalIsSetAsideAndReadsAfter() throws {
        let folder = try TemporaryFolder()
        let journal = Journal(path: folder.path + "/journal.jsonl")
        let entry = JournalEntry(
            id: "e1", time: 1_800_000_000, profile: "p", account: "https://acme.pipedrive.com", resource: "deals", kind: .update,
            records: [JournaledRecord(id: .int(5), before: ["title": "Old"], after: ["title": "New"])], requests: ["PATCH /api/v2/deals/5"])
        let good = entry.intentJSON.serialized() + [0x0A] + JournalOutcome(time: 1_800_000_001, status: .done).json(id: "e1").serialized() + [0x0A]
        for bytes in Self.variants(of: good, count: 1000, seed: 3) {
            FileManager.default.createFile(atPath: journal.path, contents: Data(bytes), attributes: [.posixPermissions: 0o600])
            let notice = journal.setAsideIfDamaged()
            let entries = try journal.entries()
            #expect(entries.count <= 1)
            _ = entries.map(\.listing)
            let aside = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".bad-") }
            // Whatever was taken out of the journal is kept beside it, and only then.
            #expect((notice != nil) == !aside.isEmpty)
            for name in aside { try FileManager.default.removeItem(atPath: folder.path + "/" + name) }
        }
    }
}
