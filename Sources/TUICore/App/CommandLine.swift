import PipedriveEngine

/// What a `:` command line does: `:deals`, `:deals search acme`, `:activities deal 7`, `:q`. The line
/// itself, its completion and history, are `CommandBar`'s.
extension AppState {
    /// A key while the command line is open; Enter runs the line.
    mutating func commandKey(_ key: Key) -> Step {
        commandBar.handle(key, catalog: catalog).map { run($0) } ?? Step()
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
        case "undo": return undo.prepare(&shared)
        case "duplicates", "dups": return DuplicatesScreen.open(Array(words.dropFirst()), &shared) ?? Step()
        default: if let action = KeyAction(rawValue: head), let step = open(action) { return step }
        }
        do {
            if let command = try GridCommand.parse(line) { return runGridCommand(command) }
        } catch {
            setError(error.message)
            return Step()
        }
        guard let info = CommandBar.resource(head, in: catalog) else {
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

    /// What Tab would offer for the word being typed, shown under the command line.
    public func completions(for text: String) -> [String] { CommandBar.completions(for: text, catalog: catalog) }
}
