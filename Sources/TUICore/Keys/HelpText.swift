/// The `?` help: every action in the user's keys, by section, from the `KeyAction` table; then the
/// commands and the keys of text entry (prompts and forms), which are never remapped.
public enum HelpText {
    public struct Line: Sendable, Equatable {
        /// Empty for a section title.
        public var key: String
        public var text: String
    }

    public static func lines(_ mode: WriteMode, keyMap: KeyMap = KeyMap()) -> [Line] {
        var lines: [Line] = [Line(key: "^C", text: "quit")]
        var sections: [String] = []
        var bySection: [String: [Line]] = [:]
        for action in KeyAction.allCases where mode != .readOnly || !action.writes {
            let keys = keyMap.keys(action).map(\.label).joined(separator: " ")
            guard !keys.isEmpty else { continue }
            if bySection[action.section] == nil { sections.append(action.section) }
            bySection[action.section, default: []].append(Line(key: keys, text: action.help))
        }
        lines = sections.flatMap { [Line(key: "", text: $0)] + (bySection[$0] ?? []) + ($0 == "Everywhere" ? lines : []) }
        return lines + fixed
    }

    /// Commands and the keys of text entry.
    static let fixed: [Line] = [
        Line(key: "", text: "Commands"),
        Line(key: ":deals", text: "open a resource's rows"),
        Line(key: ":deals search acme", text: "run an action with its parameter"),
        Line(key: ":activities deal 7", text: "Read deal of activities for deal 7"),
        Line(key: ":deals 7", text: "deal 7's detail; in a grid :7 moves to id 7 (else opens it)"),
        Line(key: ":s/OLD/NEW/gir", text: "find and replace in the column: marked, else shown rows"),
        Line(key: ":w FILE.csv", text: "write the grid as shown (.csv .json .ndjson); :w! raw, replaces"),
        Line(key: ":W FILE.csv", text: "load every page first, then write (Esc stops)"),
        Line(key: ":journal", text: "the journal of committed changes"),
        Line(key: ":resources", text: "back to the resource list"),
        Line(key: ":q", text: "quit"),
        Line(key: "", text: "Prompt"),
        Line(key: "Tab S-Tab", text: "next / previous field"),
        Line(key: "↑ ↓ Enter", text: "pick a match for an id"),
        Line(key: "← →", text: "change a choice (e.g. the mail folder)"),
        Line(key: "Enter", text: "run the action (values are checked first)"),
        Line(key: "", text: "Edit and new-record forms"),
        Line(key: "Tab S-Tab ↑ ↓", text: "next / previous field (PgDn PgUp by a page)"),
        Line(key: "Space", text: "toggle yes / no; open a pick list"),
        Line(key: "Enter", text: "next field; open a pick list or $EDITOR (long text)"),
        Line(key: "a-z (pick list)", text: "narrow the options; Space marks (set), Enter picks"),
        Line(key: "name (reference)", text: "search by name, ↑↓ Enter picks; or type the number"),
        Line(key: "Backspace", text: "clear a yes / no or a pick"),
        Line(key: "^S, Enter on Stage", text: "stage the changes, checked first (c reviews them)"),
        Line(key: "Esc", text: "cancel (asks when something was typed)"),
    ]
}
