import Foundation

/// A running row count on stderr, only when stderr is a terminal.
struct Progress {
    let enabled = isatty(STDERR_FILENO) == 1

    func show(_ count: Int) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\(count) rows…".utf8))
    }

    /// `12/40 changes…`, and the wait for the rate limit when there is one.
    func show(_ done: Int, of total: Int, waiting: Double?) {
        guard enabled else { return }
        let wait = waiting.map { String(format: ", waiting %.1f s for the rate limit", $0) } ?? ""
        FileHandle.standardError.write(Data("\r\u{1B}[K\(done)/\(total) changes\(wait)…".utf8))
    }

    func clear() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
