import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A local file to upload, checked before anything is sent: it exists, is a regular file, can be read.
public struct LocalFile: Sendable, Equatable {
    /// The path with `~` expanded.
    public let path: String
    /// The last path component: the name Pipedrive shows.
    public let name: String
    public let size: Int

    public init(path: String, name: String, size: Int) {
        self.path = path
        self.name = name
        self.size = size
    }

    /// Checks `path` (`~` expanded) and describes the file there.
    public static func inspect(_ path: String, home: String? = ProcessInfo.processInfo.environment["HOME"])
        throws(PipedriveError) -> LocalFile
    {
        let full = expand(path, home: home)
        let shown = Sanitize.inline(path)
        guard !path.trimmingCharacters(in: .whitespaces).isEmpty else { throw PipedriveError(.invalidInput, "Give the path of a file.") }
        var info = stat()
        guard stat(full, &info) == 0 else {
            let reason = errno == ENOENT || errno == ENOTDIR ? "there is no file at \(shown)" : "\(shown) cannot be read: \(String(cString: strerror(errno)))"
            throw PipedriveError(.invalidInput, "Nothing was uploaded: \(reason).")
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            throw PipedriveError(.invalidInput, "Nothing was uploaded: \(shown) is a folder; give a file.")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw PipedriveError(.invalidInput, "Nothing was uploaded: \(shown) is not a regular file.")
        }
        guard access(full, R_OK) == 0 else {
            throw PipedriveError(.invalidInput, "Nothing was uploaded: \(shown) cannot be read (permission denied).")
        }
        return LocalFile(path: full, name: (full as NSString).lastPathComponent, size: Int(info.st_size))
    }

    /// The file's bytes.
    public func read() throws(PipedriveError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipedriveError(.invalidInput, "Nothing was uploaded: \(Sanitize.inline(path)) could not be read.")
        }
        return [UInt8](data)
    }

    /// `~` and `~/…` become the home folder; other paths are kept as given.
    public static func expand(_ path: String, home: String? = ProcessInfo.processInfo.environment["HOME"]) -> String {
        guard let home, !home.isEmpty, path == "~" || path.hasPrefix("~/") else { return path }
        return home + path.dropFirst()
    }

    /// A name from Pipedrive made safe as one path component: no separators, no control characters, not `.`/`..`.
    public static func safeName(_ name: String) -> String {
        let cleaned = String(name.unicodeScalars.map { scalar -> Character in
            scalar == "/" || scalar == "\\" || scalar.properties.generalCategory == .control ? "_" : Character(scalar)
        })
        let trimmed = cleaned.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty || trimmed == "." || trimmed == ".." ? "file" : trimmed
    }

    /// True when anything is at `path`, a dangling symbolic link included.
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// Refuses a destination whose folder is missing, that is a folder, or that exists (unless `overwrite`).
    public static func checkDestination(_ path: String, overwrite: Bool) throws(PipedriveError) {
        let shown = Sanitize.inline(path)
        let folder = (path as NSString).deletingLastPathComponent
        guard isDirectory(folder.isEmpty ? "." : folder) else {
            throw PipedriveError(.invalidInput, "Nothing was downloaded: the folder \(Sanitize.inline(folder)) does not exist.")
        }
        guard !isDirectory(path) else { throw PipedriveError(.invalidInput, "Nothing was downloaded: \(shown) is a folder.") }
        if !overwrite, exists(path) {
            throw PipedriveError(.invalidInput, "Nothing was downloaded: \(shown) already exists and was kept; give --force to replace it.")
        }
    }

    /// Copies `source` (a download's temporary file) to a temporary file beside `path` in 1 MiB chunks, synced,
    /// then gives it `path`'s name: renamed over an existing file when `overwrite`, else linked, which fails if
    /// a file appeared there meanwhile. Returns the bytes written; `source` is removed.
    static func place(_ source: URL, at path: String, overwrite: Bool) throws(PipedriveError) -> Int {
        defer { try? FileManager.default.removeItem(at: source) }
        let input = open(source.path, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw failure("the downloaded data could not be read back") }
        defer { close(input) }
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = (folder.isEmpty ? "." : folder) + "/.pdtui-download-\(UUID().uuidString).part"
        let output = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard output >= 0 else { throw failure("cannot create a file in \(folder.isEmpty ? "." : folder)") }
        defer { unlink(temporary) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var total = 0
        while true {
            let count = Glibc.read(input, &buffer, buffer.count)
            if count < 0, errno == EINTR { continue }
            if count == 0 { break }
            var written = 0
            while count > 0, written < count {
                let n = buffer.withUnsafeBytes { Glibc.write(output, $0.baseAddress! + written, count - written) }
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { break }
                written += n
            }
            guard count > 0, written == count else {
                let reason = String(cString: strerror(errno))
                close(output)
                throw failure("writing failed: \(reason)")
            }
            total += count
        }
        let synced = fsync(output) == 0
        guard close(output) == 0, synced else { throw failure("the file could not be synced to disk") }
        if overwrite {
            guard rename(temporary, path) == 0 else { throw failure("cannot replace \(path): \(String(cString: strerror(errno)))") }
        } else {
            guard link(temporary, path) == 0 else {
                throw failure(errno == EEXIST ? "\(path) appeared meanwhile" : String(cString: strerror(errno)))
            }
        }
        return total
    }

    private static func failure(_ reason: String) -> PipedriveError {
        PipedriveError(.invalidInput, "Nothing was written: \(Sanitize.inline(reason)).")
    }
}
