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

    mutating func openGrid(_ info: ResourceInfo, _ action: Action, _ parameters: [String: String], reset: Bool = false) -> Step {
        let request = PageRequest(resource: info.id, action: action.name, parameters: parameters)
        var title = info.title
        if action.name != "Read" {
            let args = action.parameters.compactMap { p in parameters[p.name].map { "\(p.name)=\($0)" } }
            title += " (\(([action.name] + args).joined(separator: " ")))"
        }
        let (grid, effects) = GridScreen.open(title, resource: info, request: request, &self)
        let screen = ComponentEntry(id: grid.id, screen: grid)
        return Step(reset ? .reset([screen]) : .push(screen), effects: effects)
    }
}
