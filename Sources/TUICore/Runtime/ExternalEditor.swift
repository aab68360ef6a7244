import Foundation

/// Long text edited in the user's editor: `$EDITOR` (else `vi`) on a file readable by the user only,
/// in a private directory, read back and deleted whatever happens.
struct ExternalEditor {
    var environment = ProcessInfo.processInfo.environment

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The editor's command line: may hold arguments (`code --wait`), run by the shell.
    var command: String {
        let editor = environment["EDITOR"]?.trimmingCharacters(in: .whitespaces) ?? ""
        return editor.isEmpty ? "vi" : editor
    }

    /// Runs the editor on `text` and returns what the file holds when it exits.
    func edit(_ text: String) throws -> String {
        let base = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/pdtui-edit-XXXXXX").utf8CString)
        guard let dir = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }).map({ String(cString: $0) }) else {
            throw Failure(description: "cannot make a private directory in \(base): \(String(cString: strerror(errno)))")
        }
        let path = dir + "/text.txt"
        defer {
            unlink(path)
            rmdir(dir)
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))") }
        let written = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        try written.write(contentsOf: Data(text.utf8))
        try written.close()

        let status = try run(["/bin/sh", "-c", command + " \"$1\"", "pdtui-editor", path])
        guard status != 127 else {
            throw Failure(description: "cannot run \(command): not found (set EDITOR to your editor); the text is unchanged")
        }
        guard status == 0 else {
            throw Failure(description: "\(command) exited with status \(status); the text is unchanged")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "\(command) left no file to read back; the text is unchanged")
        }
        guard let edited = String(data: data, encoding: .utf8) else {
            throw Failure(description: "the edited text is not UTF-8; the text is unchanged")
        }
        return edited
    }

    /// Runs a program on the terminal and waits for it; the signals pdtui ignores are its own again.
    private func run(_ arguments: [String]) throws -> Int32 {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] { sigaddset(&defaults, sig) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let env = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { env.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], nil, &attributes, argv, env)
        guard spawned == 0 else {
            throw Failure(description: "cannot run \(command): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS, which Swift does not import.
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }
}
