import Foundation
import PipedriveEngine

/// What every screen may read and change: the catalog, the staged changes, the write mode, formats,
/// keys, the message line and the table of requests in flight. Everything else belongs to a screen.
public struct Shared: Sendable {
    public var catalog: [ResourceInfo]
    public var size: Size
    /// The current time, given by the runtime, so that defaults like "24 hours ago" are testable.
    public var now: Date
    public var format: ValueFormat
    /// Whether writes are allowed, refused, or only shown (dry run).
    public var writeMode: WriteMode
    /// Edits, new records and deletions made and not yet committed; saved to disk as they change.
    public var staging: Staging
    /// The user's keys for each action: screens dispatch through it; help and hints show its keys.
    public var keyMap = KeyMap()
    /// The last error or notice, shown in the status line until the next key.
    public var message: Message?
    /// The user's column choices per resource, followed by every grid of the resource; saved as they change.
    public var columnLayouts = ColumnLayouts()
    /// `z` in a detail: its empty fields are left out, in every detail, for the rest of the session.
    public var hidesEmptyFields = false
    /// The rate limits and the tokens this session spent, as of the latest answer (for the status line and prefetch).
    public var rateLimit: RateLimitBudget?
    /// Requests in flight → the screen that asked; its result goes to that screen and no other.
    public private(set) var requests: [Int: ScreenID] = [:]
    private var nextRequestID = 1
    private var nextScreenID = 1

    public init(catalog: [ResourceInfo], size: Size, now: Date, format: ValueFormat, writeMode: WriteMode, staging: Staging) {
        self.catalog = catalog
        self.size = size
        self.now = now
        self.format = format
        self.writeMode = writeMode
        self.staging = staging
    }

    public struct Message: Sendable, Equatable {
        public var text: String
        public var isError: Bool

        public init(text: String, isError: Bool) {
            self.text = text
            self.isError = isError
        }
    }

    /// Rows of the body: the screen minus the breadcrumb, the status line and the key/command line.
    public var bodyHeight: Int { max(1, size.height - 3) }

    public func resource(_ id: String) -> ResourceInfo? { catalog.first { $0.id == id } }

    /// The resource's columns as the account's fields give them, for every screen that names its fields.
    mutating func setColumns(_ columns: [ColumnInfo], of resource: String) {
        if let r = catalog.firstIndex(where: { $0.id == resource }) { catalog[r].columns = columns }
    }

    /// A new request id; with an owner, its result is routed to that screen.
    mutating func newRequestID(for owner: ScreenID? = nil) -> Int {
        defer { nextRequestID += 1 }
        if let owner { requests[nextRequestID] = owner }
        return nextRequestID
    }

    /// An id for a screen about to be pushed, so that it can route its first requests to itself.
    mutating func newScreenID() -> ScreenID {
        defer { nextScreenID += 1 }
        return ScreenID(value: nextScreenID)
    }

    /// Takes a finished (or cancelled) request out of the table, returning who asked.
    mutating func finish(_ id: Int) -> ScreenID? { requests.removeValue(forKey: id) }

    mutating func setError(_ text: String) { message = Message(text: text, isError: true) }
    mutating func setNotice(_ text: String) { message = Message(text: text, isError: false) }

    /// In prompts and forms, which take keys as typed: a key that is not a character moving between fields.
    func fieldMove(_ key: Key) -> KeyAction? {
        if case .char = key { return nil }
        let move = keyMap.action(for: key, in: .form)
        return move == .nextField || move == .previousField ? move : nil
    }

    /// Refuses a write in read-only mode, saying so; true when refused.
    mutating func refusedInReadOnly(_ what: String) -> Bool {
        guard writeMode == .readOnly else { return false }
        setError("read-only: \(what) is off (started with --read-only, or the profile has read_only)")
        return true
    }
}

/// Which screen on the stack: given when the screen is pushed, never reused.
public struct ScreenID: Hashable, Sendable {
    let value: Int

    /// The app itself, for what it asks outside any screen (undo).
    static let app = ScreenID(value: 0)
}
