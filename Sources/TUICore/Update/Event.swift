import Foundation
import JSONValue
import PipedriveEngine

/// What happens to the TUI: a key, a resize, a clock tick, or the result of an effect.
public enum Event: Sendable {
    case key(Key)
    case resize(Size)
    case tick(Date)
    case pageLoaded(Int, RowPage)
    case recordLoaded(Int, JSON)
    case choicesLoaded(Int, [Choice])
    case schemaLoaded(Int, Schema)
    /// `$EDITOR` closed; the text is what the file held.
    case textEdited(Int, String)
    /// A request failed; the text is what the user sees.
    case failed(Int, String)
    /// What a write effect (plan, commit, undo) came back with.
    case wrote(Int, WriteResult)
    case fileTransferred(Int, FileTransferResult)
}

/// What the TUI asks the runtime to do; each request carries an id that its result event repeats.
public enum Effect: Sendable, Equatable {
    case loadPage(Int, PageRequest)
    case loadRecord(Int, resource: String, row: JSON)
    case search(Int, resource: String, term: String)
    /// The resource's fields (with the account's custom fields), for a form.
    case loadSchema(Int, resource: String)
    /// Edit long text in `$EDITOR` (the terminal is handed over until it exits).
    case editText(Int, text: String)
    case cancel(Int)
    /// Put text on the clipboard (OSC 52).
    case copy(String)
    /// Work out, commit or undo staged changes through the engine session.
    case write(Int, WriteRequest)
    /// A step of an upload or download (see `FileTransfer`).
    case fileTransfer(Int, FileTransferRequest)
    case quit
}
