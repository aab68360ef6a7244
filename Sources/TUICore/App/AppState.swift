import Foundation
import JSONValue
import PipedriveEngine

/// Everything the TUI shows, as a value: the screen stack, the overlay, the command line and what
/// every screen shares. `update` is the only way it changes, and it returns the effects (loads,
/// cancels, copies) for the runtime to perform; their results come back as events.
public struct AppState: Sendable {
    /// What every screen may read and change (see `Shared`).
    public var shared: Shared
    /// The screen stack; the last is on top. Never empty: the resource list is at the bottom.
    public var stack: [ComponentEntry]
    /// What is over the screen and takes its keys: one at a time.
    var overlay: (any OverlayComponent)?
    /// The `:` command line and its history (see `CommandBar`).
    public var commandBar = CommandBar()
    // The app's own, not any screen's: the frame (breadcrumb and status line) draws the first two around
    // whatever screen is shown, and the third ends the whole session.
    /// Advances while anything loads (a screen, the overlay or an undo), to animate the frame's spinner.
    public var tick = 0
    /// Shown at the left of the breadcrumb: the profile or `demo`; set once at start.
    public var accountName: String
    /// The session is over: the runtime's loop stops. Set by the quit flow (`Quitting.swift`), or by the
    /// runtime on a `.quit` effect.
    public var quitting = false
    /// `u`, `:undo` and the journal's undo, whichever screen is shown.
    var undo = UndoFlow()

    public init(catalog: [ResourceInfo], size: Size, now: Date = Date(), format: ValueFormat = ValueFormat(),
                accountName: String = "pdtui", writeMode: WriteMode = .normal, staging: Staging = Staging()) {
        shared = Shared(catalog: catalog, size: size, now: now, format: format, writeMode: writeMode, staging: staging)
        self.accountName = accountName
        stack = [ComponentEntry(id: shared.newScreenID(), screen: ResourcesScreen())]
    }

    public typealias Message = Shared.Message

    // Shorthands for the shared state.
    public var catalog: [ResourceInfo] { get { shared.catalog } _modify { yield &shared.catalog } }
    /// The command line being typed; nil while closed.
    public var command: LineEditor? { get { commandBar.editor } set { commandBar.editor = newValue } }
    public var size: Size { get { shared.size } set { shared.size = newValue } }
    public var now: Date { get { shared.now } set { shared.now = newValue } }
    public var format: ValueFormat { get { shared.format } set { shared.format = newValue } }
    public var writeMode: WriteMode { get { shared.writeMode } set { shared.writeMode = newValue } }
    public var staging: Staging { get { shared.staging } _modify { yield &shared.staging } }
    public var keyMap: KeyMap { get { shared.keyMap } set { shared.keyMap = newValue } }
    public var message: Message? { get { shared.message } set { shared.message = newValue } }
    public var columnLayouts: ColumnLayouts { get { shared.columnLayouts } set { shared.columnLayouts = newValue } }
    public var rateLimit: RateLimitBudget? { shared.rateLimit }
    public func resource(_ id: String) -> ResourceInfo? { shared.resource(id) }
    public var bodyHeight: Int { shared.bodyHeight }
    mutating func setError(_ text: String) { shared.setError(text) }
    mutating func setNotice(_ text: String) { shared.setNotice(text) }

    /// Applies one event; what to do outside comes back as effects.
    @discardableResult
    public mutating func update(_ event: Event) -> [Effect] {
        let effects: [Effect]
        switch event {
        case .key(let key): effects = handleKey(key)
        case .resize(let newSize):
            size = newSize
            for i in stack.indices { stack[i].screen.resize(shared) }
            effects = []
        case .mouse(let event): effects = mouse(event)
        case .tick(let date):
            now = date
            if isLoading { tick += 1 }
            effects = []
        case .completed(let id, let result): effects = deliver(id, result)
        case .schemaChanged(let resources): effects = dataChanged(resources)
        case .rateLimit(let budget):
            shared.rateLimit = budget
            effects = []
        case .commitProgress(let id, let progress):
            // The commit that asked goes on; only its commit view hears how far it is.
            if let s = stack.firstIndex(where: { $0.id == shared.requests[id] }), var screen = stack[s].screen as? CommitScreen, screen.committing == id {
                screen.progress = progress
                stack[s].screen = screen
            }
            effects = []
        }
        return effects + syncScreens()
    }

    /// The pure form: `update(state, event) -> (state, effects)`.
    public static func update(_ state: AppState, _ event: Event) -> (AppState, [Effect]) {
        var next = state
        let effects = next.update(event)
        return (next, effects)
    }

    /// A result, for whoever asked (see `Shared.newRequestID(for:)`): a screen, the overlay or the app.
    /// A left screen's or a closed overlay's results are dropped.
    private mutating func deliver(_ id: Int, _ result: Result<Output, UserError>) -> [Effect] {
        guard let owner = shared.finish(id) else {
            if case .failure(let error) = result { setError(error.message) }
            return []
        }
        if owner == .app { return apply(undo.receive(result, &shared)) }
        if overlay?.id == owner, var shown = overlay {
            let step = shown.receive(id, result, &shared)
            overlay = shown
            return apply(step)
        }
        guard let s = stack.firstIndex(where: { $0.id == owner }) else { return [] }
        return apply(stack[s].screen.receive(id, result, &shared))
    }

    /// Lets every screen keep up with the shared state after an event (see `ScreenComponent.sync`).
    private mutating func syncScreens() -> [Effect] {
        var effects: [Effect] = []
        for i in stack.indices { effects += stack[i].screen.sync(&shared, onTop: i == stack.count - 1) }
        return effects
    }

    public var isLoading: Bool {
        !(overlay?.pendingRequests.isEmpty ?? true) || shared.requests.values.contains(.app)
            || stack.contains { !$0.screen.pendingRequests.isEmpty || $0.screen.isSending }
    }

    private mutating func handleKey(_ key: Key) -> [Effect] {
        message = nil
        if key == .ctrl("c") { return apply(.quit) }
        // The overlay takes every key (a dialog may come with a result while the command line is open).
        if var shown = overlay {
            let step = shown.handle(key, shown.keyContext.flatMap { action(key, $0) }, &shared)
            overlay = shown
            return apply(step)
        }
        if command != nil { return apply(commandKey(key)) }
        guard let last = stack.indices.last else { return [] }
        let context = stack[last].screen.keyContext
        let keyAction = context.flatMap { action(key, $0) }
        if let step = FileTransfer.start(keyAction, on: stack[last].screen.currentRecord, &shared) { return apply(step) }
        let step = stack[last].screen.handle(key, keyAction, &shared) ?? commonKey(keyAction) ?? Step()
        return apply(step)
    }

    /// Actions every screen shares (help, command line, back, quit at the root, undo, the screens an
    /// action opens); nil when not one of them.
    mutating func commonKey(_ action: KeyAction?) -> Step? {
        switch action {
        case .help?: return Step(showing: HelpOverlay())
        case .command?:
            commandBar.open()
            return Step()
        case .back?: return stack.count > 1 ? Step(.pop) : Step()
        case .quit?: return stack.count > 1 ? Step(.pop) : .quit
        case .undo?: return undo.prepare(&shared)
        default: return action.flatMap { open($0) }
        }
    }

    /// The screen an action opens (`J`, `c`), unless it is already on top.
    mutating func open(_ action: KeyAction) -> Step? {
        guard let screen = action.opens else { return nil }
        if let top = stack.last?.screen, type(of: top) == screen { return Step() }
        return screen.open(&shared) ?? Step()
    }

    /// The action a key triggers in `context`, in the user's keys.
    func action(_ key: Key, _ context: KeyContext) -> KeyAction? { keyMap.action(for: key, in: context) }

    /// Performs a step: the overlay, the move on the stack, then the app command; returns the effects
    /// (with cancels for the requests of left screens).
    mutating func apply(_ step: Step) -> [Effect] {
        switch step.overlay {
        case .show(let shown)?: overlay = shown
        case .close?: overlay = nil
        case nil: break
        }
        var effects = move(step.move) + step.effects
        switch step.command {
        case .undo(let entry)?: effects += apply(undo.prepare(entry: entry, &shared))
        case .dataChanged(let resources)?: effects += dataChanged(resources)
        case .answer(let request, let answer)?:
            if let request, shared.requests[request] != nil {
                effects += deliver(request, .success(.answer(answer)))
            } else {
                effects += apply(self.answer(answer))
            }
        case nil: break
        }
        if case .quit = step.move, quitting { effects.append(.quit) }
        return effects
    }

    private mutating func move(_ move: Step.Move) -> [Effect] {
        switch move {
        case .stay: return []
        case .push(let screen):
            stack.append(screen)
            return []
        case .pop:
            guard stack.count > 1, let screen = stack.popLast() else { return [] }
            return cancel(screen.screen.pendingRequests)
        case .reset(let screens):
            let cancels = cancel(stack.dropFirst().flatMap(\.screen.pendingRequests))
            stack = [stack[0]] + screens
            return cancels
        case .quit:
            // Staged changes are on disk either way; the user still chooses what becomes of them.
            if let ask = askBeforeQuitting() { return apply(ask) }
            quitting = true
            return []
        }
    }

    /// Cancels requests of screens being left; their results would have nowhere to go.
    private mutating func cancel(_ requests: [Int]) -> [Effect] {
        for id in requests { _ = shared.finish(id) }
        return requests.map(Effect.cancel)
    }

    /// Changes to these resources were committed or undone: every screen reloads what shows them.
    mutating func dataChanged(_ resources: Set<String>) -> [Effect] {
        var effects: [Effect] = []
        for i in stack.indices { effects += stack[i].screen.dataChanged(resources, &shared) }
        return effects
    }
}

extension AppState {
    /// The breadcrumb: each screen's title, left to right (`Deals › Acme renewal › participants`).
    public var crumbs: [String] {
        stack.indices.compactMap { stack[$0].screen.title(shared, onTop: $0 == stack.count - 1) }
    }

    /// The hint bar: the overlay's hints, else the top screen's, `c commit` first while changes are staged.
    func hints(_ shared: Shared) -> [Hint] {
        var hints = overlay?.hints(shared) ?? stack.last?.screen.hints(shared) ?? []
        let commit = Hint(.commit, "commit")
        if dialog == nil, writeMode != .readOnly, !staging.isEmpty, hints.first?.keys != commit.keys {
            hints.insert(commit, at: 0)
        }
        return hints
    }

    /// The screen on top when it is of this type (for tests and benchmarks).
    public func top<S>(_ type: S.Type) -> S? { stack.last?.screen as? S }
}
