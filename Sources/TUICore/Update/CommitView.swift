import JSONValue
import PipedriveEngine

/// The commit view: every staged change field by field (old → new) with the exact calls it will make,
/// keys to unstage, hold or resolve, and the outcome of the last commit.
public struct CommitScreen: Sendable {
    /// Over `AppState.commitTargets`: the changes and the fields of updates.
    public var cursor = ListCursor()
    /// The calls of the staged changes, as last worked out; nil until the first plan arrives.
    public var plan: CommitPlan?
    public var planning: Int?
    public var planError: String?
    /// The commit being sent: while it is out, the view takes no key.
    public var committing: Int?
    /// What the last commit did (or, dry, would do), with the summaries of the changes it covered.
    public var report: CommitReport?
    public var reported: [Int: String] = [:]
    /// The group label of each reported change that was part of a bulk, so the report sums it up in a line.
    public var reportedGroups: [Int: String] = [:]
    /// Opened from the quit dialog: pdtui quits once everything is committed.
    public var quitAfter = false
    /// The groups (bulk changes) shown record by record; the others show as one line.
    public var expanded: Set<Int> = []
    /// How far the commit being sent is.
    public var progress: CommitProgress?

    public init() {}
}

/// What a line of the commit view stands for, for the keys that act on it.
public enum CommitTarget: Sendable, Equatable {
    case change(Int)
    case field(Int, String)
    /// A bulk change's one line (its group id).
    case group(Int)

    /// The change it stands for; nil for a group.
    public var change: Int? {
        switch self {
        case .change(let id), .field(let id, _): id
        case .group: nil
        }
    }
}

extension AppState {
    /// The lines the cursor visits: each change, and each field of an update; a group's line, and its
    /// records' lines when it is expanded.
    public func commitTargets(_ screen: CommitScreen) -> [CommitTarget] {
        commitEntries.flatMap { entry -> [CommitTarget] in
            if let group = entry.change.group {
                return [.group(group.id)] + (screen.expanded.contains(group.id) ? entry.members.flatMap(Self.targets) : [])
            }
            return Self.targets(entry.change)
        }
    }

    private static func targets(_ change: StagedChange) -> [CommitTarget] {
        guard case .update(_, let edits) = change.kind else { return [.change(change.id)] }
        return [.change(change.id)] + edits.map { .field(change.id, $0.key) }
    }

    var isCommitting: Bool {
        stack.contains { if case .commit(let c) = $0 { c.committing != nil } else { false } }
    }

    /// `c` and `:commit`: opens the commit view (read-only refuses).
    mutating func openCommitView() -> Step {
        guard !shared.refusedInReadOnly("committing") else { return Step() }
        if case .commit? = stack.last { return Step() }
        guard !staging.isEmpty else {
            setNotice("nothing staged: d stages a deletion (Space marks rows)")
            return Step()
        }
        var screen = CommitScreen()
        let effects = replan(&screen)
        return Step(.push(.commit(screen)), effects: effects)
    }

    /// Opens the commit view from a dialog's answer.
    mutating func openCommitEffects() -> [Effect] { apply(openCommitView()) }

    /// Asks for the calls of the staged changes again (after they changed).
    mutating func replan(_ screen: inout CommitScreen) -> [Effect] {
        var effects = screen.planning.map { [Effect.cancel($0)] } ?? []
        screen.planning = nil
        screen.planError = nil
        guard !staging.changes.allSatisfy(\.isHeld) else {
            screen.plan = nil
            return effects
        }
        let id = newRequestID()
        screen.planning = id
        effects.append(.write(id, .plan(staging)))
        return effects
    }

    /// Replans the commit view on top of the stack, if there is one.
    mutating func replanTop() -> [Effect] {
        guard case .commit(var screen)? = stack.last else { return [] }
        let effects = replan(&screen)
        stack[stack.count - 1] = .commit(screen)
        return effects
    }

    mutating func commitKey(_ key: Key, _ screen: inout CommitScreen) -> Step {
        guard screen.committing == nil else {
            setNotice("sending: wait for the outcome")
            return Step()
        }
        let targets = commitTargets(screen)
        let action = action(key, .commit)
        if screen.cursor.navigate(action, count: targets.count, height: bodyHeight) { return Step() }
        let target = targets.indices.contains(screen.cursor.index) ? targets[screen.cursor.index] : nil
        let change = target?.change.flatMap { staging.change($0) }
        switch (action, target) {
        case (.open?, .group(let group)?):
            toggleGroup(group, &screen)
            return Step()
        case (.mark?, .group(let group)?):
            setNotice(holdGroup(group) ? "held: left out of commits until Space again" : "included in the next commit")
            return Step(effects: replan(&screen))
        default: break
        }
        switch action {
        case .commit?:
            return Step(effects: requestCommit(&screen))
        case .unstage?:
            guard let target else { return Step() }
            switch target {
            case .change(let id): staging.remove(id)
            case .field(let id, let key): staging.remove(id, field: key)
            case .group(let group): unstageGroup(group)
            }
            screen.cursor.clamp(count: commitTargets(screen).count, height: bodyHeight)
            setNotice(staging.isEmpty ? "nothing staged any more" : "unstaged")
            return Step(effects: replan(&screen))
        case .mark?:
            guard let change else { return Step() }
            staging.hold(change.id, !change.isHeld)
            setNotice(change.isHeld ? "included in the next commit" : "held: left out of commits until Space again")
            return Step(effects: replan(&screen))
        case .overwrite?, .takeTheirs?, .skip?, .open?:
            guard let change, change.conflict != nil else { return Step() }
            if action == .open {
                dialog = conflictDialog(change)
                return Step()
            }
            settle(change.id, action == .overwrite ? .overwrite : action == .takeTheirs ? .takeTheirs : .skip)
            screen.cursor.clamp(count: commitTargets(screen).count, height: bodyHeight)
            return Step(effects: replan(&screen))
        default:
            return commonKey(action) ?? Step()
        }
    }

    // MARK: committing

    /// `c` in the commit view: commits, after a dialog when anything is deleted.
    mutating func requestCommit(_ screen: inout CommitScreen) -> [Effect] {
        guard !shared.refusedInReadOnly("committing") else { return [] }
        guard staging.changes.contains(where: { !$0.isHeld }) else {
            setNotice(staging.isEmpty ? "nothing staged" : "every staged change is held: Space includes one")
            return []
        }
        guard staging.deleteCount > 0 else { return startCommit(&screen, confirmation: nil) }
        dialog = deleteDialog()
        return []
    }

    /// Names the records a commit deletes and starts on Cancel; above the threshold the count must be typed.
    func deleteDialog() -> Dialog {
        let count = staging.deleteCount
        let deletes = staging.changes.filter { !$0.isHeld && !$0.deletedIDs.isEmpty }
        var lines: [String] = []
        for change in deletes {
            guard case .delete(let records) = change.kind else { continue }
            for record in records {
                lines.append("  \(change.resource) \(record.id?.description ?? "?")  \(name(of: record.values, in: change.resource) ?? "")")
            }
        }
        if lines.count > 12 { lines = Array(lines.prefix(11)) + ["  and \(lines.count - 11) more"] }
        let others = staging.changes.filter { !$0.isHeld && $0.deletedIDs.isEmpty }.count
        if others > 0 { lines.append("The other \(others) staged change\(others == 1 ? " is" : "s are") committed too.") }
        if writeMode == .dryRun { lines.append("Dry run: the calls are shown, nothing is sent.") }
        let noun = count == 1 ? "record" : "records"
        var box = Dialog(
            title: "Delete \(count) \(noun)?", lines: lines,
            buttons: [.init(label: "Cancel", key: nil, action: .close),
                      .init(label: "Delete \(count) \(noun)", key: nil, action: .commit(confirmation: nil))])
        if count > Staging.confirmationThreshold {
            box.lines.append("Type \(count) and press Enter to delete them; Esc cancels.")
            box.input = LineEditor()
            box.expected = String(count)
        }
        return box
    }

    /// A delete dialog's answer: commits from the commit view under it.
    mutating func startCommit(confirmation: String?) -> [Effect] {
        guard case .commit(var screen)? = stack.last else { return [] }
        let effects = startCommit(&screen, confirmation: confirmation)
        stack[stack.count - 1] = .commit(screen)
        return effects
    }

    /// Sends the staged changes (a dry run only works out the calls).
    mutating func startCommit(_ screen: inout CommitScreen, confirmation: String?) -> [Effect] {
        var effects = screen.planning.map { [Effect.cancel($0)] } ?? []
        screen.planning = nil
        let id = newRequestID()
        screen.committing = id
        setNotice(writeMode == .dryRun ? "dry run: working out the calls" : "sending")
        effects.append(.write(id, .commit(staging, confirmation: confirmation, dryRun: writeMode == .dryRun)))
        return effects
    }

    mutating func receiveCommit(_ id: Int, _ after: Staging, _ report: CommitReport?, _ error: String?) -> [Effect] {
        guard let s = stack.lastIndex(where: { if case .commit(let c) = $0 { c.committing == id } else { false } }),
              case .commit(var screen) = stack[s] else { return [] }
        let before = staging
        staging = after
        screen.committing = nil
        var effects: [Effect] = []
        if let report {
            screen.report = report
            let covered = report.isDryRun ? report.plan.changes.map(\.changeID) : report.outcomes.map(\.changeID)
            screen.reported = Dictionary(uniqueKeysWithValues: covered.compactMap { id in before.change(id).map { (id, summary(of: $0)) } })
            screen.reportedGroups = Dictionary(uniqueKeysWithValues: covered.compactMap { id in before.change(id)?.group.map { (id, $0.label) } })
            if report.isDryRun {
                setNotice("dry run: nothing was sent; the calls a commit would make are listed")
            } else {
                let done = report.outcomes.filter { if case .done = $0.result { true } else { false } }.count
                var parts = ["\(done) of \(report.outcomes.count) done"]
                if !report.failures.isEmpty { parts.append("\(report.failures.count) failed (still staged)") }
                if !report.conflicts.isEmpty { parts.append("\(report.conflicts.count) changed on Pipedrive") }
                if report.failures.isEmpty && report.conflicts.isEmpty { setNotice(parts.joined(separator: ", ")) } else { setError(parts.joined(separator: ", ")) }
                let touched = Set(report.outcomes.filter(\.mayHaveChangedRecords).compactMap { before.change($0.changeID)?.resource })
                effects += reloadGrids(of: touched)
            }
        }
        if let error { setError(error) }
        screen.progress = nil
        screen.cursor.clamp(count: commitTargets(screen).count, height: bodyHeight)
        effects += replan(&screen)
        stack[s] = .commit(screen)
        if report?.conflicts.isEmpty == false { openNextConflict() }
        if screen.quitAfter, staging.isEmpty, report?.isDryRun == false {
            quitting = true
            effects.append(.quit)
        }
        return effects
    }

    /// Reloads the grids of these resources from their first page, keeping the cursor's place.
    mutating func reloadGrids(of resources: Set<String>) -> [Effect] {
        var effects: [Effect] = []
        for i in stack.indices {
            guard case .component(var entry) = stack[i] else { continue }
            effects += entry.screen.dataChanged(resources, &shared)
            stack[i] = .component(entry)
        }
        return effects
    }

    // MARK: conflicts

    /// Shows theirs and yours for a change Pipedrive changed since it was loaded, starting on Skip.
    func conflictDialog(_ change: StagedChange) -> Dialog {
        var lines = ["\(summary(of: change)) changed on Pipedrive since it was loaded."]
        if let conflict = change.conflict {
            if conflict.fields.isEmpty { lines.append("Other fields changed there; the ones you edited did not.") }
            for key in conflict.yours.keys.sorted() {
                let title = fieldTitle(key, of: change)
                let mark = conflict.fields.contains(key) ? "≠ " : "  "
                lines.append("\(mark)\(title): theirs \(display(conflict.theirs[key], key: key, in: change.resource))"
                             + " · yours \(display(conflict.yours[key], key: key, in: change.resource))")
            }
        }
        lines.append("Overwrite writes yours; take theirs drops yours; skip keeps yours staged, left out of commits.")
        return Dialog(
            title: "Conflict", lines: lines,
            buttons: [.init(label: "Skip", key: "s", action: .resolve(change: change.id, .skip)),
                      .init(label: "Take theirs", key: "t", action: .resolve(change: change.id, .takeTheirs)),
                      .init(label: "Overwrite", key: "o", action: .resolve(change: change.id, .overwrite))])
    }

    /// Asks about the next conflict not yet settled.
    mutating func openNextConflict() {
        guard let next = staging.changes.first(where: { $0.conflict != nil && !$0.isHeld }) else { return }
        dialog = conflictDialog(next)
    }

    /// A conflict dialog's answer: settles it, then asks about the next one.
    mutating func resolveConflict(_ change: Int, _ resolution: ConflictResolution) -> [Effect] {
        settle(change, resolution)
        openNextConflict()
        return replanTop()
    }

    mutating func settle(_ change: Int, _ resolution: ConflictResolution) {
        guard let summary = staging.change(change).map({ summary(of: $0) }) else { return }
        staging.resolve(change, resolution)
        switch resolution {
        case .overwrite: setNotice("\(summary): yours will overwrite theirs; c commits again")
        case .takeTheirs: setNotice("\(summary): theirs kept, yours dropped")
        case .skip: setNotice("\(summary): skipped, held out of commits (Space includes it)")
        }
    }

    // MARK: how changes read

    /// `Update deals 5 “Acme renewal”`, `Delete persons 1, 2, 3`, `Create persons “Ada”`.
    func summary(of change: StagedChange) -> String {
        switch change.kind {
        case .update(let base, _):
            return "Update \(change.resource) \(base.id?.description ?? "")" + quoted(name(of: base.values, in: change.resource))
        case .create(let values):
            return "Create \(change.resource)" + quoted(name(of: values, in: change.resource))
        case .delete(let records):
            let ids = records.compactMap(\.id).map(\.description)
            let shown = ids.count > 8 ? ids.prefix(8).joined(separator: ", ") + " and \(ids.count - 8) more" : ids.joined(separator: ", ")
            let one = records.count == 1 ? quoted(name(of: records[0].values, in: change.resource)) : ""
            return "Delete \(change.resource) \(shown)" + one
        }
    }

    private func quoted(_ text: String?) -> String { text.map { " “\($0)”" } ?? "" }

    /// A record's name (its title, name or subject), made inert for the screen.
    func name(of values: [String: JSON], in resource: String, width: Int = 40) -> String? {
        let text = self.resource(resource)?.nameKey.flatMap { values[$0]?.stringValue } ?? ValueFormat.name(of: values.filter { $0.key != "id" })
        return text.map { Sanitizer.inert(TextWidth.truncate($0, to: width)) }
    }

    /// A field's title as the user knows it: as staged with the edit, else the grid's column title.
    func fieldTitle(_ key: String, of change: StagedChange) -> String {
        if case .update(_, let edits) = change.kind, let edit = edits.first(where: { $0.key == key }) { return edit.title }
        return resource(change.resource)?.columns.first { $0.key == key }?.title ?? key
    }

    /// A value as the grid shows it (options by label, money, times), `(empty)` for none.
    func display(_ value: JSON?, key: String, in resource: String) -> String {
        guard let value, value != .null else { return "(empty)" }
        let text: String
        if let column = self.resource(resource)?.columns.first(where: { $0.key == key }) {
            text = format.format(value, as: column.kind, options: column.options)
        } else {
            text = format.plain(value)
        }
        if case .string = value { return "“\(text)”" }
        return text.isEmpty ? "(empty)" : text
    }
}

extension ChangeOutcome {
    /// Whether records may differ after it (so their grids are reloaded): all but a refusal with nothing done.
    var mayHaveChangedRecords: Bool {
        switch result {
        case .done, .unknown: true
        case .failed(_, let done): !done.isEmpty
        case .conflict: false
        }
    }
}
