import Foundation
import JSONValue
import PipedriveEngine

/// Everything the TUI shows, as a value. `update` is the only way it changes, and it returns the
/// effects (loads, cancels, copies) for the runtime to perform; their results come back as events.
public struct AppState: Sendable {
    /// What every screen may read and change (see `Shared`).
    public var shared: Shared
    /// The screen stack; the last is on top. Never empty: the resource list is at the bottom.
    public var stack: [Screen]
    /// What is over the screen and takes its keys: one at a time.
    public var overlay: Overlay?
    public var command: LineEditor?
    public var commandHistory: [String] = []
    var historyIndex: Int?
    /// Advances while something loads, to animate the spinner.
    public var tick = 0
    /// Shown at the left of the breadcrumb: the profile or `demo`.
    public var accountName: String
    public var quitting = false
    /// The undo request in flight.
    var undoing: Int?
    /// The journal entry the undo dialog is about; nil for the last change.
    var undoEntry: String?

    public init(catalog: [ResourceInfo], size: Size, now: Date = Date(), format: ValueFormat = ValueFormat(),
                accountName: String = "pdtui", writeMode: WriteMode = .normal, staging: Staging = Staging()) {
        shared = Shared(catalog: catalog, size: size, now: now, format: format, writeMode: writeMode, staging: staging)
        self.accountName = accountName
        stack = [.component(ComponentEntry(id: shared.newScreenID(), screen: ResourcesScreen()))]
    }

    public typealias Message = Shared.Message

    // The screens not yet made components read the shared state through these.
    public var catalog: [ResourceInfo] { get { shared.catalog } _modify { yield &shared.catalog } }
    public var size: Size { get { shared.size } set { shared.size = newValue } }
    public var now: Date { get { shared.now } set { shared.now = newValue } }
    public var format: ValueFormat { get { shared.format } set { shared.format = newValue } }
    public var writeMode: WriteMode { get { shared.writeMode } set { shared.writeMode = newValue } }
    public var staging: Staging { get { shared.staging } _modify { yield &shared.staging } }
    public var keyMap: KeyMap { get { shared.keyMap } set { shared.keyMap = newValue } }
    public var message: Message? { get { shared.message } set { shared.message = newValue } }
    public var columnLayouts: ColumnLayouts { get { shared.columnLayouts } set { shared.columnLayouts = newValue } }
    public var rateLimitRemaining: Int? { shared.rateLimitRemaining }

    public func resource(_ id: String) -> ResourceInfo? { shared.resource(id) }

    /// Rows of the body: the screen minus the breadcrumb, the status line and the key/command line.
    public var bodyHeight: Int { shared.bodyHeight }

    mutating func newRequestID() -> Int { shared.newRequestID() }

    /// Applies one event; what to do outside comes back as effects.
    @discardableResult
    public mutating func update(_ event: Event) -> [Effect] {
        let effects: [Effect]
        switch event {
        case .key(let key): effects = handleKey(key)
        case .resize(let newSize):
            size = newSize
            resizeAll()
            effects = []
        case .tick(let date):
            now = date
            if isLoading { tick += 1 }
            effects = []
        case .commitProgress(let id, let progress):
            if let s = stack.lastIndex(where: { if case .commit(let c) = $0 { c.committing == id } else { false } }),
                case .commit(var screen) = stack[s]
            {
                screen.progress = progress
                stack[s] = .commit(screen)
            }
            effects = []
        case .completed(let id, let result):
            if let owner = shared.finish(id) { effects = deliver(id, result, to: owner); break }
            switch result {
            case .success(.write(let result)): effects = receiveWrite(id, result)
            case .success(.transfer(let result)): effects = receiveTransfer(id, result)
            case .success: effects = []  // screens ask for the others, through the request table
            case .failure(let error): setError(error.message); effects = []
            }
        }
        return effects + syncScreens()
    }

    /// Lets every screen keep up with the shared state after an event (see `ScreenComponent.sync`).
    private mutating func syncScreens() -> [Effect] {
        var effects: [Effect] = []
        for i in stack.indices {
            guard case .component(var entry) = stack[i] else { continue }
            effects += entry.screen.sync(&shared, onTop: i == stack.count - 1)
            stack[i] = .component(entry)
        }
        return effects
    }

    /// A result for the component that asked for it (a left screen's results are dropped).
    private mutating func deliver(_ id: Int, _ result: Result<Output, UserError>, to owner: ScreenID) -> [Effect] {
        guard let s = stack.firstIndex(where: { $0.component?.id == owner }), case .component(var entry) = stack[s] else { return [] }
        let effects = entry.screen.receive(id, result, &shared)
        stack[s] = .component(entry)
        return effects
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
        // A dialog (which may come with a result while the command line is open) answers first.
        if dialog != nil { return dialogKey(key) }
        if command != nil { return apply(commandKey(key)) }
        switch overlay {
        case .help?: helpKey(key); return []
        case .transfer?: return transferKey(key)
        case .columns?: columnChooserKey(key); return []
        case .dialog?, nil: break
        }
        if let effects = startFileTransfer(key) { return effects }
        guard let last = stack.indices.last else { return [] }
        let step: Step
        switch stack[last] {
        case .commit(var screen):
            step = commitKey(key, &screen)
            stack[last] = .commit(screen)
        case .component(var entry):
            var keyAction: KeyAction?
            if let context = entry.screen.keyContext { keyAction = action(key, context) }
            let handled = entry.screen.handle(key, keyAction, &shared)
            stack[last] = .component(entry)
            step = handled ?? commonKey(keyAction) ?? Step()
        }
        return apply(step)
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
        default: return action?.opens?.open(&shared)
        }
    }

    /// Where the top screen reads keys as actions; nil while it takes them as typed.
    var topContext: KeyContext? { stack.last?.keyContext }

    /// The action a key triggers in `context`, in the user's keys.
    func action(_ key: Key, _ context: KeyContext) -> KeyAction? { keyMap.action(for: key, in: context) }

    /// Performs a step's move on the stack and returns its effects (plus cancels for left screens).
    mutating func apply(_ step: Step) -> [Effect] {
        if case .undo(let entry)? = step.command { return apply(Step(step.move, effects: step.effects)) + apply(prepareUndo(entry: entry)) }
        if let shown = step.overlay { overlay = shown }
        switch step.move {
        case .stay: return step.effects
        case .push(let screen):
            stack.append(screen)
            return step.effects
        case .pop:
            guard stack.count > 1, let screen = stack.popLast() else { return step.effects }
            return cancel(screen.pendingRequests) + step.effects
        case .reset(let screens):
            let cancels = cancel(stack.dropFirst().flatMap(\.pendingRequests))
            stack = [stack[0]] + screens
            return cancels + step.effects
        case .quit:
            // Staged changes are on disk either way; the user still chooses what becomes of them.
            if let ask = askBeforeQuitting() { return step.effects + ask }
            quitting = true
            return step.effects + [.quit]
        }
    }

    /// Cancels requests of screens being left; their results would have nowhere to go.
    private mutating func cancel(_ requests: [Int]) -> [Effect] {
        for id in requests { _ = shared.finish(id) }
        return requests.map(Effect.cancel)
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

    mutating func setError(_ text: String) { shared.setError(text) }
    mutating func setNotice(_ text: String) { shared.setNotice(text) }

    private mutating func resizeAll() {
        for i in stack.indices {
            guard case .component(var entry) = stack[i] else { continue }
            entry.screen.resize(shared)
            stack[i] = .component(entry)
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

    /// What the app does beyond the screen that asked.
    public enum Command: Sendable, Equatable {
        /// Undo a journal entry, after the dialog that shows its calls.
        case undo(entry: String)
    }

    public var move: Move
    public var effects: [Effect]
    public var command: Command?
    /// An overlay to show over the screen (the grid's column chooser).
    public var overlay: Overlay?

    public init(_ move: Move = .stay, effects: [Effect] = [], command: Command? = nil, overlay: Overlay? = nil) {
        self.move = move
        self.effects = effects
        self.command = command
        self.overlay = overlay
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
