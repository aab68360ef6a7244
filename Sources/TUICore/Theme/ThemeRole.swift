/// Every element a theme styles. The raw value is the key in a theme file's `styles`.
public enum ThemeRole: String, CaseIterable, Sendable {
    case base
    case title
    case border
    case header
    case headerSorted = "header.sorted"
    case rowAlt = "row.alt"
    case rowCursor = "row.cursor"
    case columnKey = "column.key"
    case cellNull = "cell.null"
    case cellNumber = "cell.number"
    case cellTrue = "cell.true"
    case cellFalse = "cell.false"
    case crumbs
    case crumbsActive = "crumbs.active"
    case status
    case statusOK = "status.ok"
    case statusWarn = "status.warn"
    case statusError = "status.error"
    case prompt
    case promptLabel = "prompt.label"
    case promptInput = "prompt.input"
    case promptHint = "prompt.hint"
    case promptError = "prompt.error"
    case promptSuggestion = "prompt.suggestion"
    case helpKey = "help.key"
    case helpSection = "help.section"
    case dialog
    case fieldName = "field.name"
    case fieldDrill = "field.drill"
    case filter
    /// Staged changes in a grid, by kind, and rows marked with Space.
    case rowMarked = "row.marked"
    case rowNew = "row.new"
    case rowEdited = "row.edited"
    case rowDeleted = "row.deleted"
}

/// Glyphs a theme may change; `ascii` is what a non-UTF-8 locale gets.
public struct Glyphs: Sendable, Equatable {
    public var sortAscending = "▲"
    public var sortDescending = "▼"
    public var ellipsis = "…"
    public var crumbSeparator = " › "
    public var moreLeft = "‹"
    public var moreRight = "›"
    public var columnSeparator = "│"
    public var boolTrue = "✓"
    public var boolFalse = "✗"
    public var drill = "▸"
    public var spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
    /// A row marked with Space (for `d`).
    public var mark = "●"

    public init() {}

    public static let ascii: Glyphs = {
        var g = Glyphs()
        g.sortAscending = "^"
        g.sortDescending = "v"
        g.ellipsis = "~"
        g.crumbSeparator = " > "
        g.moreLeft = "<"
        g.moreRight = ">"
        g.columnSeparator = "|"
        g.boolTrue = "x"
        g.boolFalse = "-"
        g.drill = ">"
        g.spinner = ["|", "/", "-", "\\"]
        g.mark = "*"
        return g
    }()

    /// Theme file keys, in the order `glyphs` documents them.
    static let keys = [
        "sortAscending", "sortDescending", "ellipsis", "crumbSeparator", "moreLeft", "moreRight",
        "columnSeparator", "boolTrue", "boolFalse", "drill", "spinner", "mark",
    ]

    mutating func set(_ key: String, _ value: String) {
        switch key {
        case "sortAscending": sortAscending = value
        case "sortDescending": sortDescending = value
        case "ellipsis": ellipsis = value
        case "crumbSeparator": crumbSeparator = value
        case "moreLeft": moreLeft = value
        case "moreRight": moreRight = value
        case "columnSeparator": columnSeparator = value
        case "boolTrue": boolTrue = value
        case "boolFalse": boolFalse = value
        case "drill": drill = value
        case "spinner": spinner = value.map(String.init)
        case "mark": mark = value
        default: break
        }
    }
}
