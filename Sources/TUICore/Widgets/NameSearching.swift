/// A field that finds a record by name as the user types (a prompt's id parameter, a form's reference).
protocol NameSearching {
    /// The search in flight.
    var searching: Int? { get set }
    var choices: [Choice] { get set }
    var choiceIndex: Int { get set }
    var error: String? { get set }
    /// What the user typed, to name in "no match".
    var searchTerm: String { get }
}

extension NameSearching {
    /// Takes the names a search found, if this field asked for them.
    mutating func receive(_ found: [Choice], for id: Int) {
        guard searching == id else { return }
        searching = nil
        choices = found
        choiceIndex = 0
        if found.isEmpty { error = "no match for \"\(searchTerm)\"" }
    }
}

extension PromptField: NameSearching {
    var searchTerm: String { text }
}

extension FormField: NameSearching {
    var searchTerm: String { editor.text }
}
