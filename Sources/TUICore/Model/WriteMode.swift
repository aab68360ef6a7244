/// Whether the TUI may write: chosen at start (`--read-only`, a profile's `read_only`, `--dry-run`)
/// and shown in the status line at all times.
public enum WriteMode: Sendable, Equatable {
    /// Edits are staged and committed for real.
    case normal
    /// Every write is hidden and refused.
    case readOnly
    /// Edits go through staging and the commit view, but committing only shows the calls.
    case dryRun

    /// The status line's tag; nil in normal mode.
    public var tag: String? {
        switch self {
        case .normal: nil
        case .readOnly: "READ-ONLY"
        case .dryRun: "DRY-RUN"
        }
    }
}
