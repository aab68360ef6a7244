import PipedriveEngine
/// One level of the screen stack.
public enum Screen: Sendable {
    case commit(CommitScreen)
    /// A screen made as a component (see `ScreenComponent`); the others are moving to this form.
    case component(ComponentEntry)

    var component: ComponentEntry? {
        if case .component(let entry) = self { entry } else { nil }
    }

    /// Where its keys are read, for `KeyMap.action(for:in:)`; nil while it takes keys as typed.
    var keyContext: KeyContext? {
        switch self {
        case .commit: .commit
        case .component(let entry): entry.screen.keyContext
        }
    }

    /// Requests this screen is waiting for: cancelled when the screen is left.
    var pendingRequests: [Int] {
        switch self {
        case .commit(let c): return c.planning.map { [$0] } ?? []  // never a commit being sent
        case .component(let entry): return entry.screen.pendingRequests
        }
    }
}

extension AppState {
    /// The screen on top when it is of this type (for tests and benchmarks).
    public func top<S>(_ type: S.Type) -> S? { stack.last?.component?.screen as? S }

    /// The breadcrumb: each screen's title, left to right (`Deals › Acme renewal › participants`).
    public var crumbs: [String] {
        var titles: [String] = []
        for (i, screen) in stack.enumerated() {
            let isTop = i == stack.count - 1
            switch screen {
            case .commit: titles.append("Commit")
            case .component(let entry): if let title = entry.screen.title(shared, onTop: isTop) { titles.append(title) }
            }
        }
        return titles
    }
}
