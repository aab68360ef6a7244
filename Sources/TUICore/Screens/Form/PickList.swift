import PipedriveEngine

/// The list opened over an option field: its options narrowed by what is typed, a cursor, and the
/// options marked so far (one for an enum, any for a set).
public struct PickList: Sendable, Equatable {
    public let multiple: Bool
    public var filter = LineEditor()
    /// Index into the visible options.
    public var cursor = 0
    /// Option ids marked in a set's list (applied on Enter).
    public var marked: [Int]

    init(multiple: Bool, selected: [Int], options: [FieldOption], filter: String = "") {
        self.multiple = multiple
        marked = selected
        self.filter = LineEditor(filter)
        // Start on the current option, if it is shown.
        cursor = visible(options).firstIndex { selected.first == $0.id } ?? 0
    }

    /// The options whose label contains the typed text, ignoring case.
    public func visible(_ options: [FieldOption]) -> [FieldOption] {
        let needle = filter.text.lowercased()
        guard !needle.isEmpty else { return options }
        return options.filter { $0.label.lowercased().contains(needle) }
    }

    mutating func toggle(_ id: Int) {
        if let index = marked.firstIndex(of: id) { marked.remove(at: index) } else { marked.append(id) }
    }
}
