import PipedriveEngine
/// One level of the screen stack.
public enum Screen: Sendable {
    case resources(ListCursor)
    case actions(ActionsScreen)
    case prompt(PromptScreen)
    case grid(GridScreen)
    case detail(DetailScreen)
    case form(FormScreen)
    case commit(CommitScreen)
    /// A screen made as a component (see `ScreenComponent`); the others are moving to this form.
    case component(ComponentEntry)

    var component: ComponentEntry? {
        if case .component(let entry) = self { entry } else { nil }
    }

    /// Where its keys are read, for `KeyMap.action(for:in:)`; nil while it takes keys as typed.
    var keyContext: KeyContext? {
        switch self {
        case .resources: .resources
        case .actions: .actions
        case .grid(let g): g.filtering ? nil : .grid
        case .detail: .detail
        case .commit: .commit
        case .component(let entry): entry.screen.keyContext
        case .prompt, .form: nil
        }
    }

    /// Requests this screen is waiting for: cancelled when the screen is left.
    var pendingRequests: [Int] {
        switch self {
        case .grid(let g): return g.loading.map { [$0] } ?? []
        case .detail(let d): return d.loading.map { [$0] } ?? []
        case .prompt(let p): return p.fields.compactMap(\.searching)
        case .form(let f): return f.pendingRequests
        case .commit(let c): return c.planning.map { [$0] } ?? []  // never a commit being sent
        case .component(let entry): return entry.screen.pendingRequests
        default: return []
        }
    }
}

/// A resource's actions, to pick one to run.
public struct ActionsScreen: Sendable {
    public var resource: String
    public var cursor = ListCursor()

    public init(resource: String) { self.resource = resource }
}

extension AppState {
    /// The breadcrumb: each screen's title, left to right (`Deals › Acme renewal › participants`).
    public var crumbs: [String] {
        var titles: [String] = []
        for (i, screen) in stack.enumerated() {
            let isTop = i == stack.count - 1
            switch screen {
            case .resources: titles.append("Resources")
            case .actions(let a) where isTop: titles.append(resource(a.resource)?.title ?? a.resource)
            case .actions: break  // the grid it leads to names the resource
            case .prompt(let p): titles.append(p.title)
            case .grid(let g): titles.append(g.title)
            case .detail(let d): titles.append(d.title)
            case .form(let f): titles.append(f.title)
            case .commit: titles.append("Commit")
            case .component(let entry): titles.append(entry.screen.title(shared))
            }
        }
        return titles
    }

    mutating func resourcesKey(_ key: Key, _ cursor: inout ListCursor) -> Step {
        let action = action(key, .resources)
        if cursor.navigate(action, count: catalog.count, height: bodyHeight - 1) { return Step() }
        switch action {
        case .open?, .right?:
            guard catalog.indices.contains(cursor.index) else { return Step() }
            return Step(.push(.actions(ActionsScreen(resource: catalog[cursor.index].id))))
        default: return commonKey(action) ?? Step()
        }
    }

    mutating func actionsKey(_ key: Key, _ screen: inout ActionsScreen) -> Step {
        guard let info = resource(screen.resource) else { return Step(.pop) }
        let action = action(key, .actions)
        if screen.cursor.navigate(action, count: info.actions.count, height: bodyHeight - 1) { return Step() }
        switch action {
        case .open?, .right?:
            guard info.actions.indices.contains(screen.cursor.index) else { return Step() }
            return open(info, info.actions[screen.cursor.index], values: [:])
        case .left?: return Step(.pop)
        default: return commonKey(action) ?? Step()
        }
    }

    /// Runs an action: straight to the grid when its parameters are all given and valid, else the prompt.
    mutating func open(_ info: ResourceInfo, _ action: Action, values: [String: String], reset: Bool = false) -> Step {
        var prompt = PromptScreen(resource: info, action: action, now: now)
        for i in prompt.fields.indices {
            if let v = values[prompt.fields[i].parameter.name] { prompt.fields[i].text = v }
        }
        let given = action.parameters.allSatisfy { !$0.isRequired || values[$0.name] != nil }
        if given, let parameters = prompt.validate() { return openGrid(info, action, parameters, reset: reset) }
        if !values.isEmpty { _ = prompt.validate() }  // show what is wrong with the given values in place
        return Step(reset ? .reset([.prompt(prompt)]) : .push(.prompt(prompt)))
    }

    mutating func openGrid(_ info: ResourceInfo, _ action: Action, _ parameters: [String: String], reset: Bool = false) -> Step {
        let request = PageRequest(resource: info.id, action: action.name, parameters: parameters)
        let id = newRequestID()
        var title = info.title
        if action.name != "Read" {
            let args = action.parameters.compactMap { p in parameters[p.name].map { "\(p.name)=\($0)" } }
            title += " (\(([action.name] + args).joined(separator: " ")))"
        }
        var grid = GridScreen(title: title, resource: info.id, request: request, columns: info.columns)
        grid.loading = id
        let screen = Screen.grid(grid)
        return Step(reset ? .reset([screen]) : .push(screen), effects: [.loadPage(id, request)])
    }
}
