import JSONValue
import PipedriveEngine

/// The dialogs the commit view opens: the delete confirmation and the conflicts. Each is asked with a
/// request id of the view's, so its answer comes back to `receive` like any result.
extension CommitScreen {
    /// Names the records a commit deletes and starts on Cancel; above the threshold the count must be typed.
    func deleteDialog(_ shared: inout Shared) -> Dialog {
        let staging = shared.staging
        let count = staging.deleteCount
        let deletes = staging.changes.filter { !$0.isHeld && !$0.deletedIDs.isEmpty }
        var lines: [String] = []
        for change in deletes {
            guard case .delete(let records) = change.kind else { continue }
            for record in records {
                lines.append("  \(change.resource) \(record.id?.description ?? "?")  \(shared.name(of: record.values, in: change.resource) ?? "")")
            }
        }
        if lines.count > 12 { lines = Array(lines.prefix(11)) + ["  and \(lines.count - 11) more"] }
        let others = staging.changes.filter { !$0.isHeld && $0.deletedIDs.isEmpty }.count
        if others > 0 { lines.append("The other \(others) staged change\(others == 1 ? " is" : "s are") committed too.") }
        if shared.writeMode == .dryRun { lines.append("Dry run: the calls are shown, nothing is sent.") }
        let noun = count == 1 ? "record" : "records"
        var box = Dialog(
            title: "Delete \(count) \(noun)?", lines: lines,
            buttons: [.init(label: "Cancel", key: nil, action: .close),
                      .init(label: "Delete \(count) \(noun)", key: nil, action: .commit(confirmation: nil))],
            request: shared.newRequestID(for: id))
        if count > Staging.confirmationThreshold {
            box.lines.append("Type \(count) and press Enter to delete them; Esc cancels.")
            box.input = LineEditor()
            box.expected = String(count)
        }
        return box
    }

    /// Names each field written with its value on Pipedrive now (theirs), the one staged (yours) and the
    /// one it was loaded with (was), then the other fields changed there; starts on Skip.
    func conflictDialog(_ change: StagedChange, _ shared: inout Shared) -> Dialog {
        var lines = ["\(shared.summary(of: change)) changed on Pipedrive since it was loaded."]
        if let conflict = change.conflict {
            let (base, edits): (Record?, [FieldEdit]) = if case .update(let base, let edits) = change.kind { (base, edits) } else { (nil, []) }
            func shown(_ value: JSON?, _ key: String) -> String { self.shown(value, key, change, shared) }
            if conflict.fields.isEmpty { lines.append("The fields you edited did not change there.") }
            for key in conflict.yours.keys.sorted() {
                let mark = conflict.fields.contains(key) ? "≠ " : "  "
                let was = edits.first { $0.key == key }.map { " · was \(shown($0.old, key))" } ?? ""
                lines.append("\(mark)\(shared.fieldTitle(key, of: change)): theirs \(shown(conflict.theirs[key], key))"
                             + " · yours \(shown(conflict.yours[key], key))\(was)")
            }
            if !conflict.others.isEmpty { lines.append("Also changed there:") }
            for key in conflict.others {
                lines.append("  \(shared.fieldTitle(key, of: change)): theirs \(shown(conflict.theirs[key], key)) · was \(shown(base?[key], key))")
            }
        }
        lines.append("Overwrite writes yours; take theirs drops yours; skip keeps yours staged, left out of commits.")
        return Dialog(
            title: "Conflict", lines: lines,
            buttons: [.init(label: "Skip", key: "s", action: .resolve(change: change.id, .skip)),
                      .init(label: "Take theirs", key: "t", action: .resolve(change: change.id, .takeTheirs)),
                      .init(label: "Overwrite", key: "o", action: .resolve(change: change.id, .overwrite))],
            request: shared.newRequestID(for: id))
    }

    /// The dialog about the next conflict not yet settled; nil when none is left.
    func nextConflict(_ shared: inout Shared) -> Step.OverlayChange? {
        guard let next = shared.staging.changes.first(where: { $0.conflict != nil && !$0.isHeld }) else { return nil }
        return .show(conflictDialog(next, &shared))
    }

    /// A dialog's answer: commit after the delete confirmation, or settle a conflict and ask about the next.
    mutating func answer(_ answer: DialogAction, _ shared: inout Shared) -> Step {
        switch answer {
        case .commit(let confirmation): return Step(effects: startCommit(confirmation: confirmation, &shared))
        case .resolve(let change, let resolution):
            let reload = settle(change, resolution, &shared)
            var step = Step(effects: replan(&shared), overlay: nextConflict(&shared))
            if let reload { step.command = .dataChanged([reload]) }
            return step
        default: return Step()
        }
    }

    /// Settles a conflict; returns the resource to reload when theirs is taken, since its grids still show
    /// the record as it was loaded before Pipedrive's change.
    mutating func settle(_ change: Int, _ resolution: ConflictResolution, _ shared: inout Shared) -> String? {
        guard let staged = shared.staging.change(change) else { return nil }
        let summary = shared.summary(of: staged)
        shared.staging.resolve(change, resolution)
        switch resolution {
        case .overwrite: shared.setNotice("\(summary): yours will overwrite theirs; c commits again")
        case .takeTheirs:
            shared.setNotice("\(summary): theirs kept, yours dropped")
            return staged.resource
        case .skip: shared.setNotice("\(summary): skipped, held out of commits (Space includes it)")
        }
        return nil
    }
}
