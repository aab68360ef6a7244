import PipedriveEngine

/// `u` and `:undo`: reverts the last committed change (or, from the journal, a chosen one) by its
/// compensating call, after a dialog that shows what it will do. The app asks for these itself
/// (`ScreenID.app`), so the undo goes on whichever screen is shown.
extension AppState {
    /// Whether an undo (or the reading before its dialog) is out.
    private var undoing: Bool { shared.requests.values.contains(.app) }

    mutating func prepareUndo(entry: String? = nil) -> Step {
        guard !shared.refusedInReadOnly("undo") else { return Step() }
        guard !undoing else { return Step() }
        undoEntry = entry
        setNotice("reading the journal")
        return Step(effects: [.write(shared.newRequestID(for: .app), .prepareUndo(entry: entry))])
    }

    mutating func startUndo(_ entry: String?) -> [Effect] {
        setNotice("undoing")
        return [.write(shared.newRequestID(for: .app), .undo(entry: entry, dryRun: writeMode == .dryRun))]
    }

    /// The result of an undo the app asked for.
    mutating func receive(_ id: Int, _ result: Result<Output, UserError>) -> Step {
        switch result {
        case .success(.write(.undoPrepared(let report))):
            message = nil
            return Step(showing: undoDialog(report))
        case .success(.write(.undone(let report))): return receiveUndone(report)
        case .success(.write(.failed(let text))): setError(text)
        case .failure(let error): setError(error.message)
        case .success: break
        }
        return Step()
    }

    /// The dialog naming the change to revert and the calls that revert it, starting on Cancel.
    private func undoDialog(_ report: UndoReport) -> Dialog {
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
        let entry = undoEntry
        return Dialog(
            title: entry == nil ? "Undo the last change?" : "Undo this change?", lines: lines,
            buttons: [.init(label: "Cancel", key: nil, action: .close), .init(label: "Undo", key: nil, action: .undo(entry: entry))])
    }

    private mutating func receiveUndone(_ report: UndoReport) -> Step {
        let what = "\(report.target.kind.rawValue) \(report.target.resource)"
        if report.isDryRun {
            setNotice("dry run: nothing sent; undoing the \(what) would make \(report.requests.count) call(s)")
            return Step()
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
        return Step(command: .dataChanged([report.target.resource]))
    }
}
