import PipedriveEngine

/// A modal question over the screen: what will happen, and buttons to choose. It takes every key
/// until answered; Esc gives its `cancel` answer. A dialog whose answer sends or loses something
/// starts on its harmless button. The answer goes to whoever asked, by `request` (see
/// `Shared.newRequestID(for:)`); without one, to the app (quit, changes left over, undo).
public struct Dialog: OverlayComponent, Equatable {
    public var title: String
    public var lines: [String]
    public var buttons: [Button]
    public var selected: Int
    /// For a typed confirmation: the text typed so far, and what must be typed to go ahead.
    public var input: LineEditor?
    public var expected: String?
    public var error: String?
    public var cancel: DialogAction
    /// The request its answer is routed by; nil for the app's own questions.
    var request: Int?

    public struct Button: Sendable, Equatable {
        public var label: String
        /// A letter that answers at once (none on a button that sends or deletes).
        public var key: Character?
        public var action: DialogAction
    }

    public init(title: String, lines: [String], buttons: [Button], selected: Int = 0, cancel: DialogAction = .close) {
        self.title = title
        self.lines = lines
        self.buttons = buttons
        self.selected = selected
        self.cancel = cancel
    }

    init(title: String, lines: [String], buttons: [Button], cancel: DialogAction = .close, request: Int?) {
        self.init(title: title, lines: lines, buttons: buttons, cancel: cancel)
        self.request = request
    }
}

public enum DialogAction: Sendable, Equatable {
    case close
    /// Commit the staged changes (after a delete's confirmation).
    case commit(confirmation: String?)
    case resolve(change: Int, ConflictResolution)
    /// Undo a journal entry (nil: the last change).
    case undo(entry: String?)
    case quit(QuitChoice)
    case leftOver(LeftOverChoice)
}

/// What to do with staged changes when leaving.
public enum QuitChoice: Sendable, Equatable {
    /// Open the commit view; pdtui quits once everything is committed.
    case commit
    /// Quit; the staged changes stay on disk and are offered back on the next start.
    case keep
    case discard
}

/// What to do with the staged changes a previous session left.
public enum LeftOverChoice: Sendable, Equatable {
    case keep, review, discard
}
