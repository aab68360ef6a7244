import Foundation
import JSONValue
import PipedriveEngine

/// What happens to the TUI: a key, a resize, a clock tick, or the result of a request.
public enum Event: Sendable {
    case key(Key)
    case resize(Size)
    case mouse(MouseEvent)
    case tick(Date)
    /// A request finished: what it produced, or why not. Its id routes it to the screen that asked.
    case completed(Int, Result<Output, UserError>)
    /// The account's schema changed when read again (a field added, a stage renamed): screens of these
    /// resources reload.
    case schemaChanged(Set<String>)
    /// What the engine's latest answer said of the rate limits, and the tokens spent so far.
    case rateLimit(RateLimitBudget)
    /// How far the commit with this request id is (it goes on; `completed` ends it).
    case commitProgress(Int, CommitProgress)

    public static func pageLoaded(_ id: Int, _ page: RowPage) -> Event { .completed(id, .success(.page(page))) }
    public static func recordLoaded(_ id: Int, _ record: JSON) -> Event { .completed(id, .success(.record(record))) }
    public static func choicesLoaded(_ id: Int, _ choices: [Choice]) -> Event { .completed(id, .success(.choices(choices))) }
    public static func schemaLoaded(_ id: Int, _ schema: Schema) -> Event { .completed(id, .success(.schema(schema))) }
    /// `$EDITOR` closed; the text is what the file held.
    public static func textEdited(_ id: Int, _ text: String) -> Event { .completed(id, .success(.text(text))) }
    public static func wrote(_ id: Int, _ result: WriteResult) -> Event { .completed(id, .success(.write(result))) }
    public static func fileTransferred(_ id: Int, _ result: FileTransferResult) -> Event { .completed(id, .success(.transfer(result))) }
    /// A request failed for a reason known only as text.
    public static func failed(_ id: Int, _ text: String) -> Event { .completed(id, .failure(UserError(.other, text))) }
}

/// What a request produced.
public enum Output: Sendable {
    case page(RowPage)
    case record(JSON)
    case choices([Choice])
    case schema(Schema)
    /// Text edited in `$EDITOR`.
    case text(String)
    /// What a write (plan, commit, undo) came back with.
    case write(WriteResult)
    case transfer(FileTransferResult)
    /// The journal's entries for the connection, oldest first.
    case journal([JournalEntry])
    /// Groups of likely duplicates, strongest first.
    case duplicates([DuplicateGroup])
    /// What a merge will do, read before anything is sent.
    case mergePlan(MergePlan)
    case merged(MergeReport)
    /// A record's web address: opened in a browser, or (no display here) to be shown and copied.
    case link(String, opened: Bool)
    /// A dialog the screen opened was answered (see `Dialog.request`).
    case answer(DialogAction)
    /// Rows named (see `Effect.nameRows`), in the order asked.
    case names(NamedRows)
}

/// What the TUI asks the runtime to do; each request carries an id that its result event repeats.
public enum Effect: Sendable, Equatable {
    case loadPage(Int, PageRequest)
    /// Name the references of rows a page gave with bare ids (the rows in view).
    case nameRows(Int, resource: String, rows: [JSON])
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
    /// Any other work on the engine session a screen asks for.
    case session(Int, SessionWork)
    /// Open a record's page in Pipedrive's web app with `$BROWSER`/`xdg-open` where there is a display.
    case openLink(Int, resource: String, id: RecordID)
    case quit
}

/// Work on the engine session, named so that effects compare and print.
public struct SessionWork: Sendable, Equatable, CustomStringConvertible {
    public let name: String
    let run: @Sendable (Session) async throws -> Output

    public init(name: String, run: @escaping @Sendable (Session) async throws -> Output) {
        self.name = name
        self.run = run
    }

    public static func == (a: SessionWork, b: SessionWork) -> Bool { a.name == b.name }
    public var description: String { name }
}
