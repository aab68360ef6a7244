import PipedriveEngine

/// `u` and `:undo`: reverts the last committed change (or, from the journal, a chosen one) by its
/// compensating call, after a dialog that shows what it will do. The app asks for these itself
/// (`ScreenID.app`), so the undo goes on whichever screen is shown.
struct UndoFlow: Sendable {
    /// The journal entry the undo being prepared is about (nil: the last change), for its dialog.
    private var entry: String?

    mutating func prepare(entry: String? = nil, _ shared: inout Shared) -> Step {
        guard !shared.refusedInReadOnly("undo") else { return Step() }
        // One undo (or the reading before its dialog) at a time.
        guard !shared.requests.values.contains(.app) else { return Step() }
        self.entry = entry
        shared.setNotice("reading the journal")
        return Step(effects: [.write(shared.newRequestID(for: .app), .prepareUndo(entry: entry))])
    }

    func start(_ entry: String?, _ shared: inout Shared) -> [Effect] {
        shared.setNotice("undoing")
        return [.write(shared.newRequestID(for: .app), .undo(entry: entry, dryRun: shared.writeMode == .dryRun))]
    }

    /// The result of an undo the app asked for.
    func receive(_ result: Result<Output, UserError>, _ shared: inout Shared) -> Step {
        switch result {
        case .success(.write(.undoPrepared(let report))):
            shared.message = nil
            return Step(showing: dialog(report, writeMode: shared.writeMode))
        case .success(.write(.undone(let report))): return receiveUndone(report, &shared)
        case .success(.write(.failed(let text))): shared.setError(text)
        case .failure(let error): shared.setError(error.message)
        case .success: break
        }
        return Step()
    }

    /// The dialog naming the change to revert and the calls that revert it, starting on Cancel.
    private func dialog(_ report: UndoReport, writeMode: WriteMode) -> Dialog {
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
        return Dialog(
            title: entry == nil ? "Undo the last change?" : "Undo this change?", lines: lines,
            buttons: [.init(label: "Cancel", key: nil, action: .close), .init(label: "Undo", key: nil, action: .undo(entry: entry))])
    }

    private func receiveUndone(_ report: UndoReport, _ shared: inout Shared) -> Step {
        let what = "\(report.target.kind.rawValue) \(report.target.resource)"
        if report.isDryRun {
            shared.setNotice("dry run: nothing sent; undoing the \(what) would make \(report.requests.count) call(s)")
            return Step()
        }
        switch report.outcome {
        case .done?:
            let recreated = report.recreated.map { "\(report.target.resource) \($0.old) re-created as \($0.new)" }
            shared.setNotice((["undone: \(what)"] + recreated).joined(separator: "; "))
        case .failed(let message, _)?, .unknown(let message)?:
            shared.setError("not undone: \(message)")
        case .conflict?, nil:
            break
        }
        return Step(command: .dataChanged([report.target.resource]))
    }
}
