import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files that hold credentials: refused when others can read them, written atomically with mode 0600.
public enum SecureFile {
    /// The file's bytes, nil when it does not exist. Refuses a file readable or writable by group or others.
    public static func read(_ path: String) throws(PipedriveError) -> [UInt8]? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw PipedriveError(.configuration, "Cannot read \(path): \(String(cString: strerror(errno))).")
        }
        let mode = info.st_mode & 0o777
        if mode & 0o077 != 0 {
            throw PipedriveError(
                .configuration,
                "\(path) holds credentials but other users can access it (mode \(String(mode, radix: 8))). Run: chmod 600 '\(path)'")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipedriveError(.configuration, "Cannot read \(path).")
        }
        return [UInt8](data)
    }

    /// Replaces the file in one step (a temporary file in the same folder, then rename), mode 0600.
    /// Creates the folder with mode 0700 when missing. A symlink is written through: its target is
    /// replaced and the link stays (a config kept in a dotfiles repository).
    public static func write(_ bytes: [UInt8], to path: String) throws(PipedriveError) {
        let path = target(of: path)
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw PipedriveError(.configuration, "Cannot create \(folder): \(error.localizedDescription).")
            }
        }
        var template = Array((folder.isEmpty ? "." : folder).utf8CString.dropLast()) + Array("/.pdtui-XXXXXX".utf8CString)
        let fd = mkstemp(&template)  // mode 0600
        guard fd >= 0 else { throw failure("create a temporary file in", folder) }
        let temporary = String(decoding: template.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var ok = fchmod(fd, 0o600) == 0
        ok = ok && bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { return false }
                offset += written
            }
            return true
        }
        ok = ok && fsync(fd) == 0
        close(fd)
        guard ok, rename(temporary, path) == 0 else {
            let error = failure("write", path)
            unlink(temporary)
            throw error
        }
    }

    /// Moves a file pdtui cannot read out of the way, keeping it for the user: to `asidePath(for:)`, returned.
    public static func setAside(_ path: String) throws(PipedriveError) -> String {
        let aside = asidePath(for: path)
        guard rename(path, aside) == 0 else { throw failure("move aside", path) }
        return aside
    }

    /// `….bad-TIME` (`….bad-TIME-2`, … when taken): where a damaged file, or its damaged part, is kept.
    static func asidePath(for path: String) -> String {
        let base = path + ".bad-\(Int(Date().timeIntervalSince1970))"
        var aside = base, number = 1
        while FileManager.default.fileExists(atPath: aside) {
            number += 1
            aside = base + "-\(number)"
        }
        return aside
    }

    /// Where `path` leads when it is a symlink (followed to the end), else `path`.
    static func target(of path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK, let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func failure(_ action: String, _ path: String) -> PipedriveError {
        PipedriveError(.configuration, "Cannot \(action) \(path): \(String(cString: strerror(errno))).")
    }
}
