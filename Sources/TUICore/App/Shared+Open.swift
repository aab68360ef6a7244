import PipedriveEngine

extension Shared {
    /// Runs an action: straight to the grid when its parameters are all given and valid, else the prompt.
    mutating func open(_ info: ResourceInfo, _ action: Action, values: [String: String], reset: Bool = false) -> Step {
        var prompt = PromptScreen(resource: info, action: action, now: now, id: newScreenID())
        for i in prompt.fields.indices {
            if let v = values[prompt.fields[i].parameter.name] { prompt.fields[i].text = v }
        }
        let given = action.parameters.allSatisfy { !$0.isRequired || values[$0.name] != nil }
        if given, let parameters = prompt.validate() { return openGrid(info, action, parameters, reset: reset) }
        if !values.isEmpty { _ = prompt.validate() }  // show what is wrong with the given values in place
        let screen = ComponentEntry(id: prompt.id, screen: prompt)
        return Step(reset ? .reset([screen]) : .push(screen))
    }

    mutating func openGrid(_ info: ResourceInfo, _ action: Action, _ parameters: [String: String], reset: Bool = false,
                           filters: [QueryItem] = []) -> Step {
        let request = PageRequest(resource: info.id, action: action.name, parameters: parameters, filters: filters)
        var title = info.title
        let args = action.parameters.compactMap { p in parameters[p.name].map { "\(p.name)=\($0)" } }
            + filters.map { "\(ListFilterField.shortNames[$0.name] ?? $0.name)=\($0.value)" }
        if action.name != "Read" || !args.isEmpty {
            title += " (\(((action.name == "Read" ? [] : [action.name]) + args).joined(separator: " ")))"
        }
        let (grid, effects) = GridScreen.open(title, resource: info, request: request, &self)
        let screen = ComponentEntry(id: grid.id, screen: grid)
        return Step(reset ? .reset([screen]) : .push(screen), effects: effects)
    }
}

extension Shared {
    /// The list's filter prompt over a grid (`f`), filled with the grid's filters; with `savedFilter` (`F`) it
    /// starts on the saved filter field with the account's saved filters listed.
    mutating func openFilterPrompt(_ request: PageRequest, savedFilter: Bool) -> Step {
        guard let info = resource(request.resource), let action = info.actions.first(where: { $0.name == request.action }) else { return Step() }
        guard !ListFilterField.fields(of: info.id).isEmpty, action.name == "Read" else {
            setError("\(info.title): this list takes no server-side filters")
            return Step()
        }
        var prompt = PromptScreen(resource: info, action: action, now: now, id: newScreenID(), filters: request.filters)
        prompt.title = "\(info.title): filters on the server"
        var effects: [Effect] = []
        if let f = prompt.fields.firstIndex(where: { $0.filter?.name == "filter_id" }) {
            if savedFilter {
                prompt.focus = f
                let id = newRequestID(for: prompt.id)
                prompt.fields[f].searching = id
                effects.append(ListFilterField.savedFilters(id, resource: info.id, term: ""))
            }
        } else if savedFilter {
            setError("\(info.title) has no saved filters")
            return Step()
        }
        return Step(.push(ComponentEntry(id: prompt.id, screen: prompt)), effects: effects)
    }
}
