/// What a key or a result did: a move of the screen stack, effects to start, and what the app does
/// beyond the screen that asked (an overlay to show or close, an app command).
struct Step: Sendable {
    public enum Move: Sendable {
        case stay
        case push(ComponentEntry)
        case pop
        /// Replace everything above the resource list (a `:` command).
        case reset([ComponentEntry])
        case quit
    }

    /// What the app does beyond the screen that asked.
    public enum Command: Sendable, Equatable {
        /// Undo a journal entry (nil: the last change), after the dialog that shows its calls.
        case undo(entry: String?)
        /// Changes to these resources were committed or undone: every screen that shows them reloads.
        case dataChanged(Set<String>)
        /// A dialog was answered: the answer goes to whoever asked (`request`), else to the app.
        case answer(request: Int?, DialogAction)
    }

    public enum OverlayChange: Sendable {
        /// Shows this over the screen in place of any other overlay.
        case show(any OverlayComponent)
        case close
    }

    public var move: Move
    public var effects: [Effect]
    public var command: Command?
    public var overlay: OverlayChange?

    public init(_ move: Move = .stay, effects: [Effect] = [], command: Command? = nil, overlay: OverlayChange? = nil) {
        self.move = move
        self.effects = effects
        self.command = command
        self.overlay = overlay
    }

    /// A step that shows an overlay.
    init(showing overlay: any OverlayComponent, effects: [Effect] = []) {
        self.init(effects: effects, overlay: .show(overlay))
    }

    public static let quit = Step(.quit)
}
