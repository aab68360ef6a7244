import PipedriveEngine

/// A modal question over the screen: what will happen, and buttons to choose. It takes every key
/// until answered; Esc gives its `cancel` answer. A dialog whose answer sends or loses something
/// starts on its harmless button.
public struct Dialog: Sendable, Equatable {
    public var title: String
    public var lines: [String]
    public var buttons: [Button]
    public var selected: Int
    /// For a typed confirmation: the text typed so far, and what must be typed to go ahead.
    public var input: LineEditor?
    public var expected: String?
    public var error: String?
    public var cancel: DialogAction

    public struct Button: Sendable, Equatable {
        public var label: String
        /// A letter that answers at once (none on a button that sends or deletes).
        public var key: Character?
        public var action: DialogAction
    }

    public init(title: String, lines: [String], buttons: [Button], selected: Int = 0, cancel: DialogAction = .close) {
        self.title = title
        self.lines = lines
        self.buttons = buttons
        self.selected = selected
        self.cancel = cancel
    }
}

public enum DialogAction: Sendable, Equatable {
    case close
    /// Commit the staged changes (after a delete's confirmation).
    case commit(confirmation: String?)
    case resolve(change: Int, ConflictResolution)
    case undo
    case quit(QuitChoice)
    case leftOver(LeftOverChoice)
}

/// What to do with staged changes when leaving.
public enum QuitChoice: Sendable, Equatable {
    /// Open the commit view; pdtui quits once everything is committed.
    case commit
    /// Quit; the staged changes stay on disk and are offered back on the next start.
    case keep
    case discard
}

/// What to do with the staged changes a previous session left.
public enum LeftOverChoice: Sendable, Equatable {
    case keep, review, discard
}

extension AppState {
    mutating func dialogKey(_ key: Key) -> [Effect] {
        guard var box = dialog else { return [] }
        if var input = box.input {
            switch key {
            case .escape: return answer(box.cancel)
            case .enter:
                // The last button is the one that goes ahead; the typed text is its confirmation.
                let typed = input.text.trimmingCharacters(in: .whitespaces)
                guard typed == box.expected, let go = box.buttons.last?.action else {
                    box.error = "type \(box.expected ?? "") exactly to go ahead, or Esc to cancel"
                    dialog = box
                    return []
                }
                if case .commit = go { return answer(.commit(confirmation: typed)) }
                return answer(go)
            default:
                _ = input.handle(key)
                box.input = input
                box.error = nil
                dialog = box
                return []
            }
        }
        switch key {
        case .escape: return answer(box.cancel)
        case .left, .char("h"), .backTab: box.selected = max(0, box.selected - 1)
        case .right, .char("l"), .tab: box.selected = min(box.buttons.count - 1, box.selected + 1)
        case .enter:
            guard box.buttons.indices.contains(box.selected) else { return answer(box.cancel) }
            return answer(box.buttons[box.selected].action)
        case .char(let c):
            if let button = box.buttons.first(where: { $0.key == c }) { return answer(button.action) }
        default: break
        }
        dialog = box
        return []
    }

    /// Closes the dialog and does what its answer says.
    mutating func answer(_ action: DialogAction) -> [Effect] {
        dialog = nil
        switch action {
        case .close: return []
        case .commit(let confirmation): return startCommit(confirmation: confirmation)
        case .resolve(let change, let resolution): return resolveConflict(change, resolution)
        case .undo: return startUndo()
        case .quit(let choice): return quit(choice)
        case .leftOver(let choice): return takeLeftOver(choice)
        }
    }

    // MARK: leaving with staged changes

    /// The question to ask before quitting with staged changes, or nil to quit at once. A second
    /// Ctrl-C (or quit) while it is open keeps the changes for next time and quits.
    mutating func askBeforeQuitting() -> [Effect]? {
        guard !staging.isEmpty else { return nil }
        if dialog?.buttons.contains(where: { $0.action == .quit(.keep) }) == true { dialog = nil; return nil }
        if isCommitting {
            setError("a commit is being sent: wait for its outcome before quitting")
            return []
        }
        let count = staging.changes.count
        var buttons: [Dialog.Button] = [Dialog.Button(label: "Cancel", key: nil, action: .close)]
        if writeMode != .readOnly { buttons.append(.init(label: "Commit", key: "c", action: .quit(.commit))) }
        buttons += [
            .init(label: "Keep for next time", key: "k", action: .quit(.keep)),
            .init(label: "Discard", key: nil, action: .quit(.discard)),
        ]
        dialog = Dialog(
            title: "Quit with \(count) staged change\(count == 1 ? "" : "s")?",
            lines: ["\(count) change\(count == 1 ? " is" : "s are") staged and not committed.",
                    "Kept changes are saved on disk and offered back on the next start."],
            buttons: buttons)
        return []
    }

    private mutating func quit(_ choice: QuitChoice) -> [Effect] {
        switch choice {
        case .commit:
            var effects = openCommitEffects()
            if case .commit(var screen)? = stack.last {
                screen.quitAfter = true
                stack[stack.count - 1] = .commit(screen)
                setNotice("c commits, then pdtui quits; Esc stays")
            } else {
                effects = []
            }
            return effects
        case .keep:
            quitting = true
            return [.quit]
        case .discard:
            staging.removeAll()
            quitting = true
            return [.quit]
        }
    }

    // MARK: changes left by the last session

    /// Asks at start what to do with staged changes a previous session left (crash, dropped ssh).
    public mutating func offerLeftOver() {
        guard !staging.isEmpty else { return }
        let count = staging.changes.count
        let held = staging.changes.filter(\.isHeld).count
        var lines = ["\(count) change\(count == 1 ? " was" : "s were") staged and not committed when pdtui last stopped."]
        lines += staging.changes.prefix(6).map { "  " + summary(of: $0) }
        if count > 6 { lines.append("  and \(count - 6) more") }
        if held > 0 { lines.append("\(held) may have been sent already: check them in the commit view.") }
        var buttons: [Dialog.Button] = [.init(label: "Keep", key: "k", action: .leftOver(.keep))]
        if writeMode != .readOnly { buttons.append(.init(label: "Review", key: "r", action: .leftOver(.review))) }
        buttons.append(.init(label: "Discard", key: nil, action: .leftOver(.discard)))
        dialog = Dialog(title: "Staged changes from the last session", lines: lines, buttons: buttons,
                        cancel: .leftOver(.keep))
    }

    private mutating func takeLeftOver(_ choice: LeftOverChoice) -> [Effect] {
        switch choice {
        case .keep:
            setNotice("\(staging.changes.count) staged change(s) kept: c reviews and commits them")
            return []
        case .review: return openCommitEffects()
        case .discard:
            staging.removeAll()
            setNotice("the staged changes were discarded")
            return []
        }
    }
}
