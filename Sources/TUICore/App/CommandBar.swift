import PipedriveEngine

/// The `:` command line as the user types it: the line while it is open, Tab completion of resource and
/// action words, and Up/Down history. What a line does is the app's (`AppState.run`).
public struct CommandBar: Sendable {
    /// The line being typed; nil while closed.
    public var editor: LineEditor?
    /// The lines run, oldest first, without repeats in a row.
    public private(set) var history: [String] = []
    /// The history line shown by Up/Down; nil while typing a new one.
    private var historyIndex: Int?

    mutating func open() {
        editor = LineEditor()
        historyIndex = nil
    }

    /// A key while the line is open: the line to run on Enter, nil otherwise.
    mutating func handle(_ key: Key, catalog: [ResourceInfo]) -> String? {
        guard var line = editor else { return nil }
        switch key {
        case .escape:
            editor = nil
            return nil
        case .enter:
            editor = nil
            let text = line.text.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return nil }
            if history.last != text { history.append(text) }
            return text
        case .tab:
            line = LineEditor(Self.complete(line.text, catalog: catalog))
        case .up:
            guard !history.isEmpty else { return nil }
            let i = max(0, (historyIndex ?? history.count) - 1)
            historyIndex = i
            line = LineEditor(history[i])
        case .down:
            guard let i = historyIndex else { return nil }
            if i + 1 < history.count {
                historyIndex = i + 1
                line = LineEditor(history[i + 1])
            } else {
                historyIndex = nil
                line = LineEditor()
            }
        case .backspace where line.text.isEmpty:
            editor = nil
            return nil
        default:
            _ = line.handle(key)
        }
        editor = line
        return nil
    }

    /// Finds a resource by id (`deals`), singular (`deal`) or title, case-insensitively.
    static func resource(_ word: String, in catalog: [ResourceInfo]) -> ResourceInfo? {
        let w = word.lowercased()
        return catalog.first { $0.id.lowercased() == w }
            ?? catalog.first { PromptField.singular($0.id.lowercased()) == w || $0.title.lowercased() == w }
    }

    /// Completes the word being typed against resource ids, then the resource's action words.
    static func complete(_ text: String, catalog: [ResourceInfo]) -> String {
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard let last = words.last else { return text }
        let candidates: [String]
        if words.count == 1 {
            candidates = catalog.map(\.id) + ["quit", "help", "resources", "undo", "duplicates"]
                + KeyAction.allCases.filter { $0.opens != nil }.map(\.name)
        } else if words.count == 2, let info = resource(words[0], in: catalog) {
            candidates = info.actions.map { $0.name.lowercased().replacingOccurrences(of: "read ", with: "") }
                .map { $0.replacingOccurrences(of: " ", with: "_") }
        } else {
            return text
        }
        let matches = candidates.filter { $0.hasPrefix(last.lowercased()) }
        guard !matches.isEmpty else { return text }
        words[words.count - 1] = matches.count == 1 ? matches[0] + " " : commonPrefix(matches)
        return words.joined(separator: " ")
    }

    /// What Tab would offer for the word being typed, shown under the command line.
    static func completions(for text: String, catalog: [ResourceInfo]) -> [String] {
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard let last = words.last?.lowercased() else { return [] }
        if words.count == 1 { return catalog.map(\.id).filter { $0.hasPrefix(last) } }
        if words.count == 2, let info = resource(words[0], in: catalog) {
            return info.actions.map { $0.name.lowercased().replacingOccurrences(of: "read ", with: "") }
                .filter { $0.hasPrefix(last) }
        }
        return []
    }

    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for w in words.dropFirst() {
            while !w.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }
}
