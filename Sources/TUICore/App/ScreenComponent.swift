import JSONValue

/// A screen as a component: it owns its state, reads its keys as actions, receives the results of
/// the requests it made, and draws itself. Adding a screen is a folder with one of these and a line in
/// the `KeyAction` table (see `docs/architecture.md`); no central switch changes.
protocol ScreenComponent: Sendable {
    /// The breadcrumb's title; nil leaves it out (`onTop`: whether it is the screen shown).
    func title(_ shared: Shared, onTop: Bool) -> String?
    /// Where its keys are read as actions; nil while it takes keys as typed.
    var keyContext: KeyContext? { get }
    /// A key, with the action it is in the user's keys (nil when none, or while typing). nil when the
    /// screen leaves it to the app (help, command line, back, quit, commit, undo, opening screens).
    mutating func handle(_ key: Key, _ action: KeyAction?, _ shared: inout Shared) -> Step?
    /// The result of a request this screen made (see `Shared.newRequestID(for:)`).
    mutating func receive(_ id: Int, _ result: Result<Output, UserError>, _ shared: inout Shared) -> Step
    /// Changes to these resources were committed or undone: reload what shows them.
    mutating func dataChanged(_ resources: Set<String>, _ shared: inout Shared) -> [Effect]
    /// Requests it waits for: cancelled when the screen is left.
    var pendingRequests: [Int] { get }
    /// Whether a write it sent is out: the spinner turns and the app does not quit before the outcome.
    var isSending: Bool { get }
    /// The left of the status line.
    func status(_ shared: Shared) -> ScreenStatus
    /// The hint bar, likeliest first (the bar keeps what fits; `?` lists every key).
    func hints(_ shared: Shared) -> [Hint]
    /// Draws the body into `area`.
    func draw(_ area: Rect, _ ctx: inout Context)
    /// The body's size changed.
    mutating func resize(_ shared: Shared)
    /// After every event, for each screen on the stack (`onTop`: the one shown): keep up with what
    /// changed in `shared` (layouts, staged rows); the effects to start (the grid's next page).
    mutating func sync(_ shared: inout Shared, onTop: Bool) -> [Effect]
    /// A line of typed text shown in place of the hints (the grid's filter); nil when none.
    var inputLine: InputLine? { get }
    /// The resource and record under its cursor, for uploads and downloads; nil when none.
    var currentRecord: (String, JSON)? { get }
    /// A click (or double-click) on `row` of its body (0: the first line under the breadcrumb) at column
    /// `x`; nil when it takes no clicks.
    mutating func click(row: Int, x: Int, double: Bool, _ shared: inout Shared) -> Step?
}

extension ScreenComponent {
    mutating func receive(_ id: Int, _ result: Result<Output, UserError>, _ shared: inout Shared) -> Step { Step() }
    var isSending: Bool { false }
    mutating func dataChanged(_ resources: Set<String>, _ shared: inout Shared) -> [Effect] { [] }
    mutating func resize(_ shared: Shared) {}
    mutating func sync(_ shared: inout Shared, onTop: Bool) -> [Effect] { [] }
    var inputLine: InputLine? { nil }
    var currentRecord: (String, JSON)? { nil }
    mutating func click(row: Int, x: Int, double: Bool, _ shared: inout Shared) -> Step? { nil }
}

/// Typed text at the bottom line: `/` and the grid's filter, `:` and the command line.
struct InputLine {
    var prefix: String
    var editor: LineEditor
    var role: ThemeRole
}

/// A screen that an action opens (`J` and `:journal` open the journal).
protocol OpenedByAction: ScreenComponent {
    /// The step that pushes the screen, with what it asks for as it opens; nil when it cannot open.
    static func open(_ shared: inout Shared) -> Step?
}

/// What a screen puts at the left of the status line.
public struct ScreenStatus: Sendable, Equatable {
    public var parts: [String]
    public var loading: Bool
    public var error: String?

    public init(_ parts: [String] = [], loading: Bool = false, error: String? = nil) {
        self.parts = parts
        self.loading = loading
        self.error = error
    }
}

/// A component on the screen stack, with the id its requests are routed by.
public struct ComponentEntry: Sendable {
    public let id: ScreenID
    var screen: any ScreenComponent
}
