import PipedriveEngine

/// `:duplicates persons|organizations|deals`: groups of likely duplicates, strongest first, each with why
/// its records matched (the engine's `DuplicateMatcher`, over every record read in pages). Enter opens a
/// group's records in a grid, where marked rows merge with `M`; `M` here merges the group into the record
/// under the cursor's first member.
struct DuplicatesScreen: ScreenComponent {
    let id: ScreenID
    let resource: String
    private(set) var groups: [DuplicateGroup] = []
    var cursor = ListCursor()
    var loading: Int?
    var error: String?

    static let kinds = DuplicateMatcher.Kind.allCases.map(\.rawValue)

    /// The step that opens it for the words after `:duplicates`; nil with an error when they name no kind.
    static func open(_ words: [String], _ shared: inout Shared) -> Step? {
        let word = words.first?.lowercased() ?? ""
        guard let kind = kinds.first(where: { $0 == word || PromptField.singular($0) == word || ($0 == "organizations" && word == "orgs") }) else {
            shared.setError("duplicates of what? :duplicates \(kinds.joined(separator: "|"))")
            return nil
        }
        var screen = DuplicatesScreen(id: shared.newScreenID(), resource: kind)
        let effects = screen.load(&shared)
        return Step(.reset([ComponentEntry(id: screen.id, screen: screen)]), effects: effects)
    }

    /// Reads every record and groups them (again).
    mutating func load(_ shared: inout Shared) -> [Effect] {
        var effects = loading.map { [Effect.cancel($0)] } ?? []
        let request = shared.newRequestID(for: id)
        loading = request
        let resource = self.resource
        effects.append(.session(request, SessionWork(name: "duplicates of \(resource)") { .duplicates(try await $0.duplicates(of: resource)) }))
        return effects
    }

    var selected: DuplicateGroup? { groups.indices.contains(cursor.index) ? groups[cursor.index] : nil }

    func title(_ shared: Shared, onTop: Bool) -> String? { "Duplicates of \(resource)" }

    var keyContext: KeyContext? { .grid }

    var pendingRequests: [Int] { loading.map { [$0] } ?? [] }

    mutating func receive(_ id: Int, _ result: Result<Output, UserError>, _ shared: inout Shared) -> Step {
        guard id == loading else { return Step() }
        loading = nil
        switch result {
        case .success(.duplicates(let found)):
            groups = found
            error = nil
            cursor.clamp(count: groups.count, height: listHeight(shared))
        case .success: break
        case .failure(let failure):
            error = failure.message
            shared.setError(failure.message)
        }
        return Step()
    }

    mutating func dataChanged(_ resources: Set<String>, _ shared: inout Shared) -> [Effect] {
        resources.contains(resource) ? load(&shared) : []
    }

    mutating func resize(_ shared: Shared) { cursor.clamp(count: groups.count, height: listHeight(shared)) }

    /// Groups shown: each takes two lines (its records, then why they matched) under a header line.
    func listHeight(_ shared: Shared) -> Int { max(1, (shared.bodyHeight - 1) / 2) }

    mutating func handle(_ key: Key, _ action: KeyAction?, _ shared: inout Shared) -> Step? {
        if cursor.navigate(action, count: groups.count, height: listHeight(shared)) { return Step() }
        switch action {
        case .open?, .right?:
            guard let group = selected, let info = shared.resource(resource), let read = info.actions.first(where: { $0.name == "Read" }) else { return Step() }
            let ids = group.members.map { String($0.id) }.joined(separator: ",")
            return shared.openGrid(info, read, [:], filters: [QueryItem("ids", ids)])
        case .merge?:
            guard let group = selected, let first = group.members.first else { return Step() }
            return MergeScreen.open(resource: resource, ids: group.members.dropFirst().map(\.id), into: first.id, &shared)
        case .reload?: return Step(effects: load(&shared))
        default: return nil
        }
    }
}

extension DuplicatesScreen {
    func status(_ shared: Shared) -> ScreenStatus {
        let position = groups.isEmpty ? (loading == nil ? "no duplicates" : "reading every record") : "group \(cursor.index + 1) of \(groups.count)"
        return ScreenStatus([position], loading: loading != nil, error: error)
    }

    /// A group's keys only when there is one; moving only between two or more.
    func hints(_ shared: Shared) -> [Hint] {
        (groups.isEmpty ? [] : [Hint(.open, "records"), Hint(.merge, "merge into the first")]) + [Hint(.reload, "again")]
            + (groups.count > 1 ? [Hint([.down, .up], "move")] : []) + [Hint(.back, "back")]
    }

    func draw(_ r: Rect, _ ctx: inout Context) {
        let theme = ctx.theme
        let count = groups.count == 1 ? "1 group" : "\(groups.count) groups"
        let header = loading != nil && groups.isEmpty ? "reading every record of \(resource)…" : "\(count) of likely duplicate \(resource), strongest first"
        ctx.line(r.y, " " + header, theme[.header], fillWidth: r.width)
        if groups.isEmpty, loading == nil {
            ctx.line(r.y + 2, error == nil ? "  No likely duplicates among the \(resource)." : "  " + (error ?? ""), theme[.promptHint])
            return
        }
        let height = (r.height - 1) / 2
        for i in 0..<max(0, height) {
            let index = cursor.top + i
            guard groups.indices.contains(index) else { break }
            let group = groups[index]
            let y = r.y + 1 + 2 * i
            let records = group.members.map { "\($0.label.isEmpty ? "(no name)" : $0.label) #\($0.id)" }.joined(separator: " · ")
            let style = index == cursor.index ? theme[.rowCursor] : theme[.base]
            ctx.line(y, " " + TextWidth.fit("\(group.members.count) \(resource): \(records)", to: r.width - 1, ellipsis: ctx.glyphs.ellipsis), style, fillWidth: r.width)
            ctx.line(y + 1, "   " + TextWidth.fit(Self.why(group), to: r.width - 3, ellipsis: ctx.glyphs.ellipsis), theme[.promptHint], fillWidth: r.width)
        }
    }

    /// `same email: ana@example.com; same name: ana lopez`, each reason once with its keys.
    static func why(_ group: DuplicateGroup) -> String {
        let reasons = group.matches.map(\.reason).reduce(into: [MatchReason]()) { if !$0.contains($1) { $0.append($1) } }
        return reasons.map { reason in
            "same \(reason.rawValue): " + group.matches.filter { $0.reason == reason }.map(\.key).joined(separator: " | ")
        }.joined(separator: "; ")
    }
}
