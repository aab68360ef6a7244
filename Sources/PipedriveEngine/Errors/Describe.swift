import Foundation

/// An error as the sentence a person reads: the one place errors become text, for the CLI and the
/// TUI alike. Engine errors carry their sentence; anything else says what it is without internals.
public func describe(_ error: any Error) -> String {
    switch error {
    case let error as PipedriveError: return error.message
    case is CancellationError: return "Cancelled."
    case let error as CocoaError: return error.localizedDescription
    case let error as POSIXError: return error.localizedDescription
    default:
        let text = "\(error)"
        return text.isEmpty ? error.localizedDescription : text
    }
}
