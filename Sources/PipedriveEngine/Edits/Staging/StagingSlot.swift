import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One staging file per running session, so that two sessions on one account never overwrite each other's
/// changes: `staged/<account>/<slot>.json`, each beside a lock file (`<slot>.lock`) that the session holds
/// with `flock` for as long as it runs (the kernel lets go when the process ends, even by `kill -9`).
///
/// A starting session takes a slot whose lock is free (its session is gone), preferring one that holds
/// changes: those are what it offers back. It never takes a slot another running session holds. The
/// single file of earlier versions (`staged/<account>.json`) is moved into the new slot.
public final class StagingSlot: Sendable {
    public let file: StagingFile
    private let lock: Int32

    private init(file: StagingFile, lock: Int32) {
        self.file = file
        self.lock = lock
    }

    deinit { close(lock) }

    /// The slot of this session in `directory`, with the changes a gone session left in it (to offer back),
    /// or a sentence when they could not be read. `legacyFile` is the earlier single file, if any.
    public static func claim(in directory: String, legacyFile: String? = nil) throws(PipedriveError)
        -> (slot: StagingSlot, leftOver: Staging?, notice: String?)
    {
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw PipedriveError(.configuration, "Cannot create \(directory): \(error.localizedDescription).")
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let locks = names.filter { $0.hasSuffix(".lock") }.map { directory + "/" + $0 }
        // Slots holding changes first, the newest first; then empty ones to reuse.
        func modified(_ path: String) -> Date {
            (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? .distantPast
        }
        let withChanges = locks.map { ($0, jsonPath(ofLock: $0)) }.filter { FileManager.default.fileExists(atPath: $0.1) }
            .sorted { modified($0.1) > modified($1.1) }.map(\.0)
        var slot: StagingSlot?
        for path in withChanges + locks.filter({ !withChanges.contains($0) }) {
            if let taken = take(lockPath: path) { slot = taken; break }
        }
        if slot == nil {
            let name = "\(getpid())-\(Int(Date().timeIntervalSince1970))-\(UInt32.random(in: 0...UInt32.max))"
            guard let taken = take(lockPath: directory + "/" + name + ".lock") else {
                throw PipedriveError(.configuration, "Cannot lock a staging file in \(directory): \(String(cString: strerror(errno))).")
            }
            slot = taken
        }
        let claimed = slot!
        // The earlier single file: moved (one rename, so only one session gets it) into an empty slot.
        if let legacyFile, !FileManager.default.fileExists(atPath: claimed.file.path) {
            _ = rename(legacyFile, claimed.file.path)
        }
        let (leftOver, notice) = claimed.file.loadOrSetAside()
        return (claimed, leftOver, notice)
    }

    /// The slot of this lock file when no running session holds it.
    private static func take(lockPath: String) -> StagingSlot? {
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
        return StagingSlot(file: StagingFile(path: jsonPath(ofLock: lockPath)), lock: fd)
    }

    private static func jsonPath(ofLock path: String) -> String { String(path.dropLast(".lock".count)) + ".json" }
}
