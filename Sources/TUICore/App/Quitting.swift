import PipedriveEngine

/// The app's own questions: before quitting with staged changes, and at start about the changes a
/// previous session left. Their answers (and the undo dialog's) come back here.
extension AppState {
    /// A dialog's answer that no screen asked for.
    mutating func answer(_ action: DialogAction) -> Step {
        switch action {
        case .close, .commit, .resolve: return Step()
        case .undo(let entry): return Step(effects: undo.start(entry, &shared))
        case .quit(let choice): return quit(choice)
        case .leftOver(let choice): return takeLeftOver(choice)
        }
    }

    /// The question to ask before quitting with staged changes, or nil to quit at once. A second
    /// Ctrl-C (or quit) while it is open keeps the changes for next time and quits.
    mutating func askBeforeQuitting() -> Step? {
        guard !staging.isEmpty else { return nil }
        if dialog?.buttons.contains(where: { $0.action == .quit(.keep) }) == true { dialog = nil; return nil }
        if stack.contains(where: \.screen.isSending) {
            setError("a commit is being sent: wait for its outcome before quitting")
            return Step()
        }
        let count = staging.changes.count
        var buttons: [Dialog.Button] = [Dialog.Button(label: "Cancel", key: nil, action: .close)]
        if writeMode != .readOnly { buttons.append(.init(label: "Commit", key: "c", action: .quit(.commit))) }
        buttons += [
            .init(label: "Keep for next time", key: "k", action: .quit(.keep)),
            .init(label: "Discard", key: nil, action: .quit(.discard)),
        ]
        return Step(showing: Dialog(
            title: "Quit with \(count) staged change\(count == 1 ? "" : "s")?",
            lines: ["\(count) change\(count == 1 ? " is" : "s are") staged and not committed.",
                    "Kept changes are saved on disk and offered back on the next start."],
            buttons: buttons))
    }

    private mutating func quit(_ choice: QuitChoice) -> Step {
        switch choice {
        case .commit:
            guard let step = CommitScreen.open(&shared, quitAfter: true) else { return Step() }
            setNotice("c commits, then pdtui quits; Esc stays")
            return step
        case .keep:
            quitting = true
            return Step(effects: [.quit])
        case .discard:
            staging.removeAll()
            quitting = true
            return Step(effects: [.quit])
        }
    }

    /// Asks at start what to do with staged changes a previous session left (crash, dropped ssh).
    public mutating func offerLeftOver() {
        guard !staging.isEmpty else { return }
        let count = staging.changes.count
        let held = staging.changes.filter(\.isHeld).count
        var lines = ["\(count) change\(count == 1 ? " was" : "s were") staged and not committed when pdtui last stopped."]
        lines += staging.changes.prefix(6).map { "  " + shared.summary(of: $0) }
        if count > 6 { lines.append("  and \(count - 6) more") }
        if held > 0 { lines.append("\(held) may have been sent already: check them in the commit view.") }
        var buttons: [Dialog.Button] = [.init(label: "Keep", key: "k", action: .leftOver(.keep))]
        if writeMode != .readOnly { buttons.append(.init(label: "Review", key: "r", action: .leftOver(.review))) }
        buttons.append(.init(label: "Discard", key: nil, action: .leftOver(.discard)))
        dialog = Dialog(title: "Staged changes from the last session", lines: lines, buttons: buttons,
                        cancel: .leftOver(.keep))
    }

    private mutating func takeLeftOver(_ choice: LeftOverChoice) -> Step {
        switch choice {
        case .keep:
            setNotice("\(staging.changes.count) staged change(s) kept: c reviews and commits them")
            return Step()
        case .review: return CommitScreen.open(&shared) ?? Step()
        case .discard:
            staging.removeAll()
            setNotice("the staged changes were discarded")
            return Step()
        }
    }
}
