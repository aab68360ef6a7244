/// Type-to-find in the column chooser: every typed character goes to the search, the mark key (Space)
/// too once a search is being typed (titles such as "Deal source channel"; before, it ticks), and the
/// cursor jumps to the first column whose title contains it (ignoring case). So the list moves with the
/// keys that type nothing (arrows, Shift-↑/↓); Esc clears the search before it closes.
extension ColumnChooser {
    /// Takes a key for the search; false when the key is not one it takes.
    mutating func find(_ key: Key, _ action: KeyAction?, height: Int) -> Bool {
        switch key {
        case .char(let c) where action != .mark || !search.isEmpty: search.append(c)
        case .backspace where !search.isEmpty: search.removeLast()
        case _ where action == .back && !search.isEmpty: search = ""; return true
        default: return false
        }
        if let found = firstMatch { cursor.move(found - cursor.index, count: items.count, height: height) }
        return true
    }

    /// The first item whose title contains the search; nil when none does (or nothing is typed).
    var firstMatch: Int? {
        guard !search.isEmpty else { return nil }
        return items.firstIndex { $0.column.title.localizedCaseInsensitiveContains(search) }
    }

    /// The hints in the user's keys; moving and selecting by the keys that type nothing. While a search
    /// is typed the mark key types too, so it is offered once Esc has cleared the search.
    func hints(_ keyMap: KeyMap) -> [Hint] {
        func untyped(_ actions: [KeyAction]) -> String {
            actions.compactMap { keyMap.keys($0).first { if case .char = $0 { false } else { true } }?.label }.joined(separator: "/")
        }
        let searching = !search.isEmpty
        return [Hint(fixed: "type", "find")] + (searching ? [] : [Hint(.mark, "show/hide")]) + [
            Hint(fixed: untyped([.moveUp, .moveDown]), "move"), Hint(.open, "apply"),
            Hint(.back, searching ? "clear find" : "cancel"), Hint(fixed: untyped([.down, .up]), "select"),
        ]
    }
}
