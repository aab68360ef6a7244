import PipedriveEngine

extension PromptScreen: ScreenComponent {
    func title(_ shared: Shared, onTop: Bool) -> String? { title }

    /// Keys go into the fields as typed.
    var keyContext: KeyContext? { nil }

    var pendingRequests: [Int] { fields.compactMap(\.searching) }

    mutating func handle(_ key: Key, _ action: KeyAction?, _ shared: inout Shared) -> Step? {
        var prompt = self
        defer { self = prompt }
        guard prompt.fields.indices.contains(prompt.focus) else { return Step(.pop) }
        var field = prompt.fields[prompt.focus]
        defer { prompt.fields[prompt.focus] = field }
        if let move = shared.fieldMove(key) {
            let delta = move == .nextField ? 1 : -1
            prompt.fields[prompt.focus] = field
            prompt.focus = (prompt.focus + delta + prompt.fields.count) % prompt.fields.count
            field = prompt.fields[prompt.focus]
            return Step()
        }
        switch key {
        case .escape: return Step(.pop)
        case .down where !field.choices.isEmpty:
            field.choiceIndex = min(field.choiceIndex + 1, field.choices.count - 1)
            return Step()
        case .up where !field.choices.isEmpty:
            field.choiceIndex = max(field.choiceIndex - 1, 0)
            return Step()
        case .left, .right:
            if case .options(let options)? = field.filter?.input {
                let i = options.firstIndex(of: field.text) ?? (key == .right ? options.count - 1 : 0)
                field.text = options[(i + (key == .right ? 1 : options.count - 1)) % options.count]
                field.error = nil
                return Step()
            }
            if field.parameter.kind == .folder {
                let options = PromptField.folders
                let i = options.firstIndex(of: field.text) ?? 0
                field.text = options[(i + (key == .right ? 1 : options.count - 1)) % options.count]
                field.error = nil
                return Step()
            }
        case .enter:
            if !field.choices.isEmpty, field.choices.indices.contains(field.choiceIndex) {
                let choice = field.choices[field.choiceIndex]
                field.text = choice.label
                field.picked = choice
                field.choices = []
                field.error = nil
                var effects: [Effect] = []
                if let s = field.searching { effects.append(.cancel(s)); field.searching = nil }
                if prompt.focus < prompt.fields.count - 1 {
                    prompt.fields[prompt.focus] = field
                    prompt.focus += 1
                    field = prompt.fields[prompt.focus]
                }
                return Step(effects: effects)
            }
            prompt.fields[prompt.focus] = field
            guard let values = prompt.validate() else {
                field = prompt.fields[prompt.focus]
                return Step()
            }
            field = prompt.fields[prompt.focus]
            guard let info = shared.resource(prompt.resource) else { return Step() }
            var step = shared.openGrid(info, prompt.action, values, filters: prompt.filterItems)
            // The prompt stays below the grid, so Esc from the grid comes back to the filled form.
            if case .push = step.move { step.effects.append(contentsOf: prompt.fields.compactMap(\.searching).map(Effect.cancel)) }
            for i in prompt.fields.indices { prompt.fields[i].searching = nil }
            field.searching = nil
            return step
        default: break
        }
        guard field.editor.handle(key) else { return Step() }
        // The text changed: the old pick and error no longer apply; id fields search as you type.
        field.picked = nil
        field.error = nil
        guard case .id(let target) = field.parameter.kind else { return Step() }
        var effects: [Effect] = []
        if let s = field.searching { effects.append(.cancel(s)); field.searching = nil }
        let term = field.text.trimmingCharacters(in: .whitespaces)
        let savedFilter = field.filter?.input == .pick("filters")
        if term.count >= (savedFilter ? 1 : 2), Int(term) == nil, !(target == "users" && term.lowercased() == "me") {
            let request = shared.newRequestID(for: id)
            field.searching = request
            effects.append(savedFilter
                ? ListFilterField.savedFilters(request, resource: prompt.resource, term: term)
                : .search(request, resource: target, term: term))
        } else {
            field.choices = []
        }
        return Step(effects: effects)
    }

    mutating func receive(_ id: Int, _ result: Result<Output, UserError>, _ shared: inout Shared) -> Step {
        switch result {
        case .success(.choices(let found)):
            for f in fields.indices { fields[f].receive(found, for: id) }
        case .success: break
        case .failure(let failure):
            for f in fields.indices where fields[f].searching == id {
                fields[f].searching = nil
                fields[f].error = failure.message
            }
            shared.setError(failure.message)
        }
        return Step()
    }
}
