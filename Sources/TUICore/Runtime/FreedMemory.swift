import Foundation
import Synchronization

/// Gives the heap that answers freed back to the system. A page's answer (a megabyte or two) is freed once
/// its rows are in the row store, but glibc keeps freed memory in each thread's arena for reuse, spread
/// between the rows kept: the resident size then grows with the pages read, not with the rows held (about
/// 50–100 MB over 100,000 rows). `malloc_trim` returns the free pages (a few milliseconds), one trim at a time,
/// off the main actor. Where the C library has no `malloc_trim`, nothing is done.
public enum FreedMemory {
    private static let trimming = Atomic<Bool>(false)
    private static let trim: (@convention(c) (Int) -> Int32)? = dlsym(dlopen(nil, RTLD_NOW), "malloc_trim")
        .map { unsafeBitCast($0, to: (@convention(c) (Int) -> Int32).self) }

    /// Returns the free heap to the system, unless a trim is already under way.
    public static func release() {
        guard let trim, !trimming.exchange(true, ordering: .acquiring) else { return }
        _ = trim(0)
        trimming.store(false, ordering: .releasing)
    }
}
