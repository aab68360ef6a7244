import Foundation
import JSONValue
import PipedriveEngine

/// Everything the TUI shows, as a value. `update` is the only way it changes, and it returns the
/// effects (loads, cancels, copies) for the runtime to perform; their results come back as events.
public struct AppState: Sendable {
    public var catalog: [ResourceInfo]
    public var size: Size
    /// The screen stack; the last is on top. Never empty: the resource list is at the bottom.
    public var stack: [Screen]
    public var help: ListCursor?
    public var command: LineEditor?
    public var commandHistory: [String] = []
    var historyIndex: Int?
    /// The last error or notice, shown in the status line until the next key.
    public var message: Message?
    public var rateLimitRemaining: Int?
    /// Advances while something loads, to animate the spinner.
    public var tick = 0
    /// The current time, given by the runtime, so that defaults like "24 hours ago" are testable.
    public var now: Date
    public var format: ValueFormat
    /// Shown at the left of the breadcrumb: the profile or `demo`.
    public var accountName: String
    public var quitting = false
    /// Whether writes are allowed, refused, or only shown (dry run).
    public var writeMode: WriteMode
    /// Edits, new records and deletions made and not yet committed; saved to disk as they change.
    public var staging: Staging
    /// The dialog over the screen (delete confirmation, conflict, undo, quit); it takes every key.
    public var dialog: Dialog?
    /// The undo request in flight.
    var undoing: Int?
    /// The upload or download dialog, when open.
    public var transfer: FileTransfer?
    /// The user's column choices per resource, applied to every grid of the resource; saved as they change.
    public var columnLayouts = ColumnLayouts()
    /// The `C` dialog, over the grid while open.
    public var columnChooser: ColumnChooser?
    /// The user's keys for each action: screens dispatch through it; help and hints show its keys.
    public var keyMap = KeyMap()
    var nextRequestID = 1

    public init(catalog: [ResourceInfo], size: Size, now: Date = Date(), format: ValueFormat = ValueFormat(),
                accountName: String = "pdtui", writeMode: WriteMode = .normal, staging: Staging = Staging()) {
        self.catalog = catalog
        self.writeMode = writeMode
        self.staging = staging
        self.size = size
        self.now = now
        self.format = format
        self.accountName = accountName
        stack = [.resources(ListCursor())]
    }

    public struct Message: Sendable, Equatable {
        public var text: String
        public var isError: Bool

        public init(text: String, isError: Bool) {
            self.text = text
            self.isError = isError
        }
    }

    public func resource(_ id: String) -> ResourceInfo? { catalog.first { $0.id == id } }

    /// Rows of the body: the screen minus the breadcrumb, the status line and the key/command line.
    public var bodyHeight: Int { max(1, size.height - 3) }

    mutating func newRequestID() -> Int {
        defer { nextRequestID += 1 }
        return nextRequestID
    }

    /// Applies one event; what to do outside comes back as effects.
    @discardableResult
    public mutating func update(_ event: Event) -> [Effect] {
        defer { showStagedRows() }
        switch event {
        case .key(let key): return handleKey(key)
        case .resize(let newSize):
            size = newSize
            clampAll()
            return prefetch()
        case .tick(let date):
            now = date
            if isLoading { tick += 1 }
            return []
        case .pageLoaded(let id, let page): return receivePage(id, page)
        case .recordLoaded(let id, let record): receiveRecord(id, record); return []
        case .choicesLoaded(let id, let choices): receiveChoices(id, choices); receiveFormChoices(id, choices); return []
        case .schemaLoaded(let id, let schema): receiveSchema(id, schema); return []
        case .textEdited(let id, let text): receiveEditedText(id, text); return []
        case .failed(let id, let text): receiveFailure(id, text); return []
        case .wrote(let id, let result): return receiveWrite(id, result)
        case .fileTransferred(let id, let result): return receiveTransfer(id, result)
        }
    }

    /// The pure form: `update(state, event) -> (state, effects)`.
    public static func update(_ state: AppState, _ event: Event) -> (AppState, [Effect]) {
        var next = state
        let effects = next.update(event)
        return (next, effects)
    }

    public var isLoading: Bool {
        transfer?.pending != nil || undoing != nil || isCommitting || stack.contains { !$0.pendingRequests.isEmpty }
    }

    private mutating func handleKey(_ key: Key) -> [Effect] {
        message = nil
        if key == .ctrl("c") { return apply(.quit) }
        if dialog != nil { return dialogKey(key) }
        if command != nil { return apply(commandKey(key)) }
        if help != nil { helpKey(key); return [] }
        if transfer != nil { return transferKey(key) }
        if columnChooser != nil { columnChooserKey(key); return [] }
        if let effects = startFileTransfer(key) { return effects }
        guard let last = stack.indices.last else { return [] }
        let step: Step
        switch stack[last] {
        case .resources(var cursor):
            step = resourcesKey(key, &cursor)
            stack[last] = .resources(cursor)
        case .actions(var screen):
            step = actionsKey(key, &screen)
            stack[last] = .actions(screen)
        case .prompt(var screen):
            step = promptKey(key, &screen)
            stack[last] = .prompt(screen)
        case .grid(var grid):
            step = gridKey(key, &grid)
            stack[last] = .grid(grid)
        case .detail(var detail):
            step = detailKey(key, &detail)
            stack[last] = .detail(detail)
        case .form(var form):
            step = formKey(key, &form)
            stack[last] = .form(form)
        case .commit(var screen):
            step = commitKey(key, &screen)
            stack[last] = .commit(screen)
        }
        return apply(step) + prefetch()
    }

    /// Actions every screen shares (help, command line, back, quit at the root); nil when not one of them.
    mutating func commonKey(_ action: KeyAction?) -> Step? {
        switch action {
        case .help?: help = ListCursor(); return Step()
        case .command?:
            command = LineEditor()
            historyIndex = nil
            return Step()
        case .back?: return stack.count > 1 ? Step(.pop) : Step()
        case .quit?: return stack.count > 1 ? Step(.pop) : .quit
        case .commit?: return openCommitView()
        case .undo?: return prepareUndo()
        default: return nil
        }
    }

    /// Where the top screen reads keys as actions; nil while it takes them as typed.
    var topContext: KeyContext? { stack.last?.keyContext }

    /// In prompts and forms, which take keys as typed: a key that is not a character moving between fields.
    func fieldMove(_ key: Key) -> KeyAction? {
        if case .char = key { return nil }
        let move = action(key, .form)
        return move == .nextField || move == .previousField ? move : nil
    }

    /// The action a key triggers in `context`, in the user's keys.
    func action(_ key: Key, _ context: KeyContext) -> KeyAction? { keyMap.action(for: key, in: context) }

    /// Performs a step's move on the stack and returns its effects (plus cancels for left screens).
    mutating func apply(_ step: Step) -> [Effect] {
        switch step.move {
        case .stay: return step.effects
        case .push(let screen):
            stack.append(screen.laidOut(columnLayouts))
            return step.effects
        case .pop:
            guard stack.count > 1, let screen = stack.popLast() else { return step.effects }
            return screen.pendingRequests.map(Effect.cancel) + step.effects
        case .reset(let screens):
            let cancels = stack.dropFirst().flatMap(\.pendingRequests).map(Effect.cancel)
            stack = [stack[0]] + screens.map { $0.laidOut(columnLayouts) }
            return cancels + step.effects
        case .quit:
            // Staged changes are on disk either way; the user still chooses what becomes of them.
            if let ask = askBeforeQuitting() { return step.effects + ask }
            quitting = true
            return step.effects + [.quit]
        }
    }

    mutating func helpKey(_ key: Key) {
        guard var cursor = help else { return }
        // The help scrolls: its cursor is the first line shown, up to the one that shows the last line.
        let scrollPositions = max(0, HelpText.lines(writeMode, keyMap: keyMap).count - (bodyHeight - 2)) + 1
        if key == .char(" ") { cursor.move(bodyHeight, count: scrollPositions, height: bodyHeight); help = cursor; return }
        switch action(key, .help) {
        case .back?, .help?, .quit?, .open?: help = nil; return
        case let a: _ = cursor.navigate(a, count: scrollPositions, height: bodyHeight)
        }
        help = cursor
    }

    mutating func setError(_ text: String) { message = Message(text: text, isError: true) }
    mutating func setNotice(_ text: String) { message = Message(text: text, isError: false) }

    private mutating func clampAll() {
        for i in stack.indices {
            switch stack[i] {
            case .resources(var c): c.clamp(count: catalog.count, height: bodyHeight); stack[i] = .resources(c)
            case .actions(var a):
                a.cursor.clamp(count: resource(a.resource)?.actions.count ?? 0, height: bodyHeight)
                stack[i] = .actions(a)
            case .grid(var g): g.clampCursor(height: gridRows); stack[i] = .grid(g)
            case .detail(var d): d.cursor.clamp(count: d.lines.count, height: bodyHeight); stack[i] = .detail(d)
            case .form(var f): f.scroll(height: formRows); stack[i] = .form(f)
            case .prompt, .commit: break
            }
        }
    }
}

/// What a key did to the screen stack, and what to do outside.
public struct Step: Sendable {
    public enum Move: Sendable {
        case stay
        case push(Screen)
        case pop
        /// Replace everything above the resource list (a `:` command).
        case reset([Screen])
        case quit
    }

    public var move: Move
    public var effects: [Effect]

    public init(_ move: Move = .stay, effects: [Effect] = []) {
        self.move = move
        self.effects = effects
    }

    public static let quit = Step(.quit)
}

/// A cursor over a list with the first visible row kept so that the cursor stays in view.
public struct ListCursor: Sendable, Equatable {
    public var index = 0
    public var top = 0

    public init(index: Int = 0, top: Int = 0) {
        self.index = index
        self.top = top
    }

    /// Moves by `delta` (clamped) and scrolls so that the cursor is visible in `height` rows.
    public mutating func move(_ delta: Int, count: Int, height: Int) {
        index = index + delta
        clamp(count: count, height: height)
    }

    public mutating func clamp(count: Int, height: Int) {
        index = max(0, min(index, count - 1))
        let h = max(1, height)
        if index < top { top = index }
        if index >= top + h { top = index - h + 1 }
        top = max(0, min(top, max(0, count - h)))
    }

    /// The list actions shared by every list: returns true when the action moved the cursor.
    mutating func navigate(_ action: KeyAction?, count: Int, height: Int) -> Bool {
        switch action {
        case .down?: move(1, count: count, height: height)
        case .up?: move(-1, count: count, height: height)
        case .pageDown?: move(height, count: count, height: height)
        case .pageUp?: move(-height, count: count, height: height)
        case .halfPageDown?: move(height / 2, count: count, height: height)
        case .halfPageUp?: move(-height / 2, count: count, height: height)
        case .top?: move(-index, count: count, height: height)
        case .bottom?: move(count, count: count, height: height)
        default: return false
        }
        return true
    }
}
