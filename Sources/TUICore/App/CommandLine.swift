import PipedriveEngine
/// The `:` command line: `:deals`, `:deals search acme`, `:activities deal 7`, `:q`, with Tab
/// completion of resource and action words and Up/Down history.
extension AppState {
    mutating func commandKey(_ key: Key) -> Step {
        guard var editor = command else { return Step() }
        switch key {
        case .escape:
            command = nil
            return Step()
        case .enter:
            command = nil
            let line = editor.text.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { return Step() }
            if commandHistory.last != line { commandHistory.append(line) }
            return run(line)
        case .tab:
            editor = LineEditor(complete(editor.text))
        case .up:
            guard !commandHistory.isEmpty else { return Step() }
            let i = max(0, (historyIndex ?? commandHistory.count) - 1)
            historyIndex = i
            editor = LineEditor(commandHistory[i])
        case .down:
            guard let i = historyIndex else { return Step() }
            if i + 1 < commandHistory.count {
                historyIndex = i + 1
                editor = LineEditor(commandHistory[i + 1])
            } else {
                historyIndex = nil
                editor = LineEditor()
            }
        case .backspace where editor.text.isEmpty:
            command = nil
            return Step()
        default:
            _ = editor.handle(key)
        }
        command = editor
        return Step()
    }

    /// Finds a resource by id (`deals`), singular (`deal`) or title, case-insensitively.
    func findResource(_ word: String) -> ResourceInfo? {
        let w = word.lowercased()
        return catalog.first { $0.id.lowercased() == w }
            ?? catalog.first { PromptField.singular($0.id.lowercased()) == w || $0.title.lowercased() == w }
    }

    /// The action a command word names: `search` → `Search`, `deal` → `Read deal`.
    static func findAction(_ word: String, in info: ResourceInfo) -> Action? {
        let w = word.lowercased()
        return info.actions.first { $0.name.lowercased() == w }
            ?? info.actions.first { $0.name.lowercased() == "read \(w)" }
            ?? info.actions.first { $0.name.lowercased().hasSuffix(" \(w)") }
    }

    mutating func run(_ line: String) -> Step {
        let words = line.split(separator: " ").map(String.init)
        guard let head = words.first else { return Step() }
        switch head {
        case "q", "q!", "quit", "qa": return .quit
        case "help", "h": return Step(showing: HelpOverlay())
        case "resources", "home": return Step(.reset([]))
        case "undo": return prepareUndo()
        case "duplicates", "dups": return DuplicatesScreen.open(Array(words.dropFirst()), &shared) ?? Step()
        default: if let action = KeyAction(rawValue: head), let step = open(action) { return step }
        }
        do {
            if let command = try GridCommand.parse(line) { return runGridCommand(command) }
        } catch {
            setError(error.message)
            return Step()
        }
        guard let info = findResource(head) else {
            setError("unknown command \"\(head)\": try :deals, :deals 7, :deals search acme, :s/OLD/NEW/, :w FILE.csv, :q")
            return Step()
        }
        guard words.count > 1 else {
            guard let read = info.actions.first(where: { $0.name == "Read" }) ?? info.actions.first else {
                setError("\(info.title) has no read action")
                return Step()
            }
            return shared.open(info, read, values: [:])
        }
        if words.count == 2, let id = Int(words[1]) { return DetailScreen.open(id: id, of: info, &shared) }
        switch ListFilterSyntax.filters(ListFilterSyntax.words(line).dropFirst().map { $0 }) {
        case .success(let filters)?:
            guard let read = info.actions.first(where: { $0.name == "Read" }), !ListFilterField.fields(of: info.id).isEmpty else {
                setError("\(info.title) takes no server-side filters")
                return Step()
            }
            return shared.openGrid(info, read, [:], reset: true, filters: filters)
        case .failure(let error)?:
            setError(error.message)
            return Step()
        case nil: break
        }
        guard let action = Self.findAction(words[1], in: info) else {
            let names = info.actions.map { $0.name.lowercased().replacingOccurrences(of: "read ", with: "") }
            setError("\(info.title) has no action \"\(words[1])\" (try: \(names.joined(separator: ", ")))")
            return Step()
        }
        let rest = words.dropFirst(2).joined(separator: " ")
        var values: [String: String] = [:]
        if !rest.isEmpty, let first = action.parameters.first { values[first.name] = rest }
        return shared.open(info, action, values: values)
    }

    /// Completes the word being typed against resource ids, then the resource's action words.
    func complete(_ text: String) -> String {
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard let last = words.last else { return text }
        let candidates: [String]
        if words.count == 1 {
            candidates = catalog.map(\.id) + ["quit", "help", "resources", "undo", "duplicates"]
                + KeyAction.allCases.filter { $0.opens != nil }.map(\.name)
        } else if words.count == 2, let info = findResource(words[0]) {
            candidates = info.actions.map { $0.name.lowercased().replacingOccurrences(of: "read ", with: "") }
                .map { $0.replacingOccurrences(of: " ", with: "_") }
        } else {
            return text
        }
        let matches = candidates.filter { $0.hasPrefix(last.lowercased()) }
        guard !matches.isEmpty else { return text }
        words[words.count - 1] = matches.count == 1 ? matches[0] + " " : Self.commonPrefix(matches)
        return words.joined(separator: " ")
    }

    /// What Tab would offer for the word being typed, shown under the command line.
    public func completions(for text: String) -> [String] {
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard let last = words.last?.lowercased() else { return [] }
        if words.count == 1 { return catalog.map(\.id).filter { $0.hasPrefix(last) } }
        if words.count == 2, let info = findResource(words[0]) {
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
