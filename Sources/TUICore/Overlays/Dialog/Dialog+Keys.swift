extension Dialog {
    /// Keys are taken as they are (a typed confirmation is text).
    var keyContext: KeyContext? { nil }

    mutating func handle(_ key: Key, _ action: KeyAction?, _ shared: inout Shared) -> Step {
        if var typed = input {
            switch key {
            case .escape: return answer(cancel)
            case .enter:
                // The last button is the one that goes ahead; the typed text is its confirmation.
                let text = typed.text.trimmingCharacters(in: .whitespaces)
                guard text == expected, let go = buttons.last?.action else {
                    error = "type \(expected ?? "") exactly to go ahead, or Esc to cancel"
                    return Step()
                }
                if case .commit = go { return answer(.commit(confirmation: text)) }
                return answer(go)
            default:
                _ = typed.handle(key)
                input = typed
                error = nil
                return Step()
            }
        }
        switch key {
        case .escape: return answer(cancel)
        case .left, .char("h"), .backTab: selected = max(0, selected - 1)
        case .right, .char("l"), .tab: selected = min(buttons.count - 1, selected + 1)
        case .enter:
            guard buttons.indices.contains(selected) else { return answer(cancel) }
            return answer(buttons[selected].action)
        case .char(let c):
            if let button = buttons.first(where: { $0.key == c }) { return answer(button.action) }
        default: break
        }
        return Step()
    }

    /// Closes the dialog and hands its answer to whoever asked.
    private func answer(_ action: DialogAction) -> Step {
        Step(command: .answer(request: request, action), overlay: .close)
    }
}
