/// What a key asks for, independent of which key it is. Each action has its config name (the raw
/// value, as the config's `"keys"` object writes it), its default keys, its help text, and the
/// contexts where it applies. Screens dispatch on actions; the help and the hint bar show the keys
/// the user's `KeyMap` gives them. Text entry (filter, command line, prompts, forms, paths) takes
/// keys as they are and never goes through this table.
public enum KeyAction: String, CaseIterable, Sendable {
    case down, up, left, right
    case pageDown = "page-down", pageUp = "page-up", halfPageDown = "half-page-down", halfPageUp = "half-page-up"
    case top, bottom
    case firstColumn = "first-column", lastColumn = "last-column"
    case open, back, quit, help, command
    case filter, sort, reload, copy
    case nextField = "next-field", previousField = "previous-field"
    case edit, new, delete, mark, commit, undo, journal, upload, download
    case markAll = "mark-all"
    case columns, search
    case hideColumn = "hide-column", moveColumnLeft = "move-column-left", moveColumnRight = "move-column-right"
    case moveUp = "move-up", moveDown = "move-down"
    case unstage, overwrite, takeTheirs = "take-theirs", skip
    case serverFilter = "server-filter", savedFilter = "saved-filter", merge, openLink = "open-link"
    case hideEmpty = "hide-empty"

    /// The config name.
    public var name: String { rawValue }

    public var defaultKeys: [Key] {
        switch self {
        case .down: [.char("j"), .down]
        case .up: [.char("k"), .up]
        case .left: [.char("h"), .left]
        case .right: [.char("l"), .right]
        case .pageDown: [.pageDown, .ctrl("f")]
        case .pageUp: [.pageUp, .ctrl("b")]
        case .halfPageDown: [.ctrl("d")]
        case .halfPageUp: [.ctrl("u")]
        case .top: [.char("g"), .home]
        case .bottom: [.char("G"), .end]
        case .firstColumn: [.char("0")]
        case .lastColumn: [.char("$")]
        case .open: [.enter]
        case .back: [.escape]
        case .quit: [.char("q")]
        case .help: [.char("?")]
        case .command: [.char(":")]
        case .filter: [.char("/")]
        case .sort: [.char("s")]
        case .reload: [.char("r")]
        case .copy: [.char("y")]
        case .nextField: [.tab]
        case .previousField: [.backTab]
        case .edit: [.char("e")]
        case .new: [.char("n")]
        case .delete: [.char("d")]
        case .mark: [.char(" ")]
        case .markAll: [.char("*")]
        case .commit: [.char("c")]
        case .undo: [.char("u")]
        case .journal: [.char("J")]
        case .upload: [.char("U")]
        case .download: [.char("D")]
        case .columns: [.char("C")]
        case .search: [.char("S")]
        case .hideColumn: [.char("-")]
        case .moveColumnLeft: [.char("<")]
        case .moveColumnRight: [.char(">")]
        case .moveUp: [.shiftUp]  // (letters type to find in the chooser)
        case .moveDown: [.shiftDown]
        case .unstage: [.char("x"), .delete, .backspace]
        case .overwrite: [.char("o")]
        case .takeTheirs: [.char("t")]
        case .skip: [.char("s")]
        case .serverFilter: [.char("f")]
        case .savedFilter: [.char("F")]
        case .merge: [.char("M")]
        case .openLink: [.char("o")]
        case .hideEmpty: [.char("z")]
        }
    }

    /// One line of `?` help.
    public var help: String {
        switch self {
        case .down: "move down"
        case .up: "move up"
        case .left: "previous column; back from a list or a detail"
        case .right: "next column; open in a list or a detail"
        case .pageDown: "page down"
        case .pageUp: "page up"
        case .halfPageDown: "half a page down"
        case .halfPageUp: "half a page up"
        case .top: "first row"
        case .bottom: "last row"
        case .firstColumn: "first column"
        case .lastColumn: "last column"
        case .open: "open (a grid's row opens its detail; a detail drills in)"
        case .back: "back (restores the cursor and scroll)"
        case .quit: "back; quits at the resource list"
        case .help: "this help"
        case .command: "command line (Tab completes, ↑/↓ history)"
        case .filter: "filter loaded rows as you type (Enter keeps, Esc clears)"
        case .sort: "sort by the column: ascending, descending, off"
        case .reload: "reload from the first page"
        case .copy: "copy the cell or value (OSC 52)"
        case .nextField: "next field"
        case .previousField: "previous field"
        case .edit: "edit the record (in a grid or its detail) in a form"
        case .new: "a new record of the resource in a form"
        case .delete: "stage deletion of the marked rows, else of the row"
        case .mark: "mark / unmark the row; hold a change out of commits"
        case .markAll: "mark every row the filter shows; again unmarks"
        case .commit: "review the staged changes and commit them (:commit)"
        case .undo: "undo the last committed change (:undo); in the journal, the chosen one"
        case .journal: "the journal of committed changes: open one, undo any of them (:journal)"
        case .upload: "upload a file to the deal, person, org or product"
        case .download: "download the file (in a files grid) to a path"
        case .columns: "choose columns: type to find, Space shows/hides, move them, Enter applies"
        case .search: "the resource's search action, with the filter's text"
        case .hideColumn: "hide the column (columns shows it again)"
        case .moveColumnLeft: "move the column left"
        case .moveColumnRight: "move the column right"
        case .moveUp: "move the column up (column chooser)"
        case .moveDown: "move the column down (column chooser)"
        case .unstage: "unstage the change or field under the cursor"
        case .overwrite: "conflict: overwrite their change"
        case .takeTheirs: "conflict: take theirs"
        case .skip: "conflict: skip the change"
        case .serverFilter: "narrow the list on the server: owner, stage, status, dates, saved filter…"
        case .savedFilter: "pick one of the account's saved filters for the list"
        case .merge: "merge the marked rows into the row under the cursor (persons, organizations, deals)"
        case .openLink: "open the record in Pipedrive ($BROWSER; over ssh shows and copies the address)"
        case .hideEmpty: "hide / show the empty fields (a detail; holds for the session)"
        }
    }

    /// Where the action applies; two actions may share a key only where their contexts never meet.
    public var contexts: Set<KeyContext> {
        switch self {
        case .down, .up, .pageDown, .pageUp, .halfPageDown, .halfPageUp, .top, .bottom, .open, .back, .quit: [.everywhere]
        case .left, .right, .command, .commit, .undo, .journal: [.screens]
        case .help: [.screens, .help]
        case .reload: [.grid, .journal]
        case .firstColumn, .lastColumn, .filter, .sort, .new, .delete, .search, .hideColumn,
             .moveColumnLeft, .moveColumnRight, .markAll, .serverFilter, .savedFilter, .merge: [.grid]
        case .copy, .edit, .upload, .download, .openLink: [.grid, .detail]
        case .hideEmpty: [.detail]
        case .columns: [.grid, .chooser]
        case .mark: [.grid, .commit, .chooser]
        case .moveUp, .moveDown: [.chooser]
        case .nextField, .previousField: [.form]
        case .unstage, .overwrite, .takeTheirs, .skip: [.commit]
        }
    }

    /// The screen it opens (with `:` and its name too).
    var opens: (any OpenedByAction.Type)? {
        switch self {
        case .journal: JournalScreen.self
        case .commit: CommitScreen.self
        default: nil
        }
    }

    /// Whether it applies where keys are read in `context`.
    func applies(in context: KeyContext) -> Bool { contexts.contains { $0.covers(context) } }

    /// The section of `?` help it is listed in.
    var section: String {
        let c = contexts
        if c.contains(.everywhere) || c.contains(.screens) { return "Everywhere" }
        if c.contains(.detail) { return "Grid and detail" }
        if c.contains(.grid) { return "Grid" }
        if c.contains(.chooser) { return "Column chooser" }
        if c.contains(.form) { return "Prompts and forms" }
        return "Commit view"
    }

    /// Whether it changes data (left out of help in read-only mode, where it is refused).
    var writes: Bool {
        switch self {
        case .edit, .new, .delete, .commit, .undo, .upload, .unstage, .overwrite, .takeTheirs, .skip, .merge: true
        default: false
        }
    }
}

/// Where keys are read: a screen, or an overlay over it.
public enum KeyContext: Hashable, Sendable {
    /// Every screen and overlay that reads keys as actions.
    case everywhere
    /// Every screen on the stack (not the column chooser over a grid).
    case screens
    case resources, actions, grid, detail, commit, journal, chooser, help, form

    /// Whether an action listed for `self` applies in `context`.
    func covers(_ context: KeyContext) -> Bool {
        switch self {
        case .everywhere: true
        case .screens: context != .chooser && context != .help
        default: self == context
        }
    }

    /// Whether the two can both be where a key is read.
    func meets(_ other: KeyContext) -> Bool { covers(other) || other.covers(self) }
}
