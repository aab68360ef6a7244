import PipedriveEngine

/// `u` and `:undo`: reverts the last committed change (or, from the journal, a chosen one) by its
/// compensating call, after a dialog that shows what it will do.
extension AppState {
    mutating func prepareUndo(entry: String? = nil) -> Step {
        guard !shared.refusedInReadOnly("undo") else { return Step() }
        guard undoing == nil else { return Step() }
        let id = newRequestID()
        undoing = id
        undoEntry = entry
        setNotice("reading the journal")
        return Step(effects: [.write(id, .prepareUndo(entry: entry))])
    }

    mutating func startUndo() -> [Effect] {
        let id = newRequestID()
        undoing = id
        setNotice("undoing")
        return [.write(id, .undo(entry: undoEntry, dryRun: writeMode == .dryRun))]
    }

    /// The dialog naming the change to revert and the calls that revert it, starting on Cancel.
    mutating func receiveUndoPlan(_ report: UndoReport) {
        let target = report.target.listing
        var lines = ["\(target[2]) \(target[3]) (\(target[0]) UTC, \(target[4]))".trimmingCharacters(in: .whitespaces)]
        switch report.target.kind {
        case .update: lines.append("The old values are written back.")
        case .delete: lines.append("The records are created again; they get new ids.")
        case .create: lines.append("The record it created is deleted.")
        case .read: break
        }
        lines.append("Calls:")
        lines += report.requests.map { "  " + $0.line }
        if writeMode == .dryRun { lines.append("Dry run: nothing is sent.") }
        dialog = Dialog(
            title: undoEntry == nil ? "Undo the last change?" : "Undo this change?", lines: lines,
            buttons: [.init(label: "Cancel", key: nil, action: .close), .init(label: "Undo", key: nil, action: .undo)])
    }

    mutating func receiveUndone(_ report: UndoReport) -> [Effect] {
        let what = "\(report.target.kind.rawValue) \(report.target.resource)"
        if report.isDryRun {
            setNotice("dry run: nothing sent; undoing the \(what) would make \(report.requests.count) call(s)")
            return []
        }
        switch report.outcome {
        case .done?:
            let recreated = report.recreated.map { "\(report.target.resource) \($0.old) re-created as \($0.new)" }
            setNotice((["undone: \(what)"] + recreated).joined(separator: "; "))
        case .failed(let message, _)?, .unknown(let message)?:
            setError("not undone: \(message)")
        case .conflict?, nil:
            break
        }
        return reloadGrids(of: [report.target.resource])
    }
}
