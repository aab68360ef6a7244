import JSONValue
import PipedriveEngine

/// A find and replace waiting for the resource's fields (`:s`), with the rows it works on.
struct PendingReplace: Sendable {
    var request: Int
    var substitution: Substitution
    var field: String
    var rows: [JSON]
}

/// An export waiting for every page (`:W`, `request` nil) or for its file to be written.
struct PendingExport: Sendable {
    var path: String
    var raw: Bool
    var request: Int?
    var rows = 0
}

extension GridScreen {
    /// Runs a grid command typed on the command line.
    mutating func run(_ command: GridCommand, _ shared: inout Shared) -> Step {
        switch command {
        case .goTo(let id): return goTo(id, &shared)
        case .substitute(let substitution): return Step(effects: replace(substitution, &shared))
        case .export(let path, let raw, let allPages):
            guard exporting == nil else { shared.setError("an export is under way: Esc stops it"); return Step() }
            exporting = PendingExport(path: path, raw: raw)
            return Step(effects: allPages ? loadEveryPage(&shared) : writeExport(&shared))
        }
    }

    /// `:7`: moves to the row with id 7 when it is loaded (clearing a filter that hides it), else opens
    /// the record's detail.
    private mutating func goTo(_ id: Int, _ shared: inout Shared) -> Step {
        let wanted = RecordID.int(id)
        if rows.contains(where: { RecordID($0["id"]) == wanted }) {
            if !(newRows.count..<visibleCount).contains(where: { RecordID(row(at: $0)?["id"]) == wanted }) {
                setFilter(LineEditor(), format: shared.format)
            }
            if let position = (newRows.count..<visibleCount).first(where: { RecordID(row(at: $0)?["id"]) == wanted }) {
                cursor = position
                clampCursor(height: shared.gridRows)
                return Step()
            }
        }
        guard request != nil, let info = shared.resource(resource) else {
            shared.setError("no row has id \(id) here")
            return Step()
        }
        return DetailScreen.open(id: id, of: info, &shared)
    }

    /// `:s/OLD/NEW/`: in the selected column, over the marked rows, else those the filter shows, else
    /// every loaded row; staged (old → new per record) once the resource's fields are known.
    private mutating func replace(_ substitution: Substitution, _ shared: inout Shared) -> [Effect] {
        guard !shared.refusedInReadOnly("find and replace") else { return [] }
        guard request != nil, let info = shared.resource(resource), columns.indices.contains(column) else {
            shared.setError("these rows belong to a record: open a resource's grid to replace in it")
            return []
        }
        if let refusal = shared.writeRefusal(info, .update, what: "edited") { shared.setError(refusal); return [] }
        let rows = substitutionRows
        guard !rows.isEmpty else { shared.setError("no rows to replace in"); return [] }
        let id = shared.newRequestID(for: self.id)
        replacing = PendingReplace(request: id, substitution: substitution, field: columns[column].key, rows: rows)
        return [.loadSchema(id, resource: resource)]
    }

    /// The fields arrived: stages the replacement as one group of per-record edits.
    mutating func finishReplace(_ schema: Schema, _ shared: inout Shared) {
        guard let pending = replacing else { return }
        replacing = nil
        let records = pending.rows.compactMap { row in RecordID(row["id"]).map { Record(id: $0, values: row.objectValue ?? [:]) } }
        switch shared.staging.replace(pending.substitution, field: pending.field, in: records, of: schema, parser: shared.parser) {
        case .success(let group?):
            shared.setNotice("staged: \(group.label): c shows old → new for each record; nothing is sent before")
        case .success(nil):
            let title = schema.field(pending.field)?.title ?? pending.field
            shared.setNotice("\(Sanitizer.inert(pending.substitution.text)) changes no \(title) in \(records.count) rows: nothing staged")
        case .failure(let refusal):
            shared.setError("nothing staged: " + refusal.description.replacingOccurrences(of: "\n", with: "; "))
        }
    }

    /// `:W`: pages on until the last, then writes.
    private mutating func loadEveryPage(_ shared: inout Shared) -> [Effect] {
        guard request != nil, !exhausted else { return writeExport(&shared) }
        shared.setNotice("loading every page before writing: \(rows.count) rows so far (Esc stops)")
        return nextPage(&shared)  // a page in flight continues it
    }

    /// A page arrived while `:W` waits for every page: the next one, or the file once the last is in.
    mutating func continueExport(_ shared: inout Shared) -> [Effect] {
        guard exporting?.request == nil, exporting != nil else { return [] }
        return loadEveryPage(&shared)
    }

    /// Esc while `:W` loads pages: stops, writing nothing.
    mutating func stopExport(_ shared: inout Shared) -> [Effect] {
        guard let pending = exporting, pending.request == nil else { return [] }
        exporting = nil
        let cancel = dropPageInFlight(&shared)
        shared.setNotice("stopped after \(rows.count) rows: nothing was written to \(Sanitizer.inert(pending.path))")
        return cancel
    }

    /// Writes what the grid shows to the file (by the runtime: the state machine does no I/O).
    private mutating func writeExport(_ shared: inout Shared) -> [Effect] {
        guard var pending = exporting else { return [] }
        let table = exportTable(raw: pending.raw, format: shared.format)
        let id = shared.newRequestID(for: self.id)
        pending.request = id
        pending.rows = table.rows.count
        exporting = pending
        let (path, overwrite) = (pending.path, pending.raw)
        return [.session(id, SessionWork(name: "write \(path)") { _ in .text(try Export.write(table, to: path, overwrite: overwrite)) })]
    }

    /// The export's file was written, or why not.
    mutating func finishExport(_ result: Result<Output, UserError>, _ shared: inout Shared) {
        guard let pending = exporting else { return }
        exporting = nil
        switch result {
        case .success(.text(let path)):
            shared.setNotice("wrote \(pending.rows) row\(pending.rows == 1 ? "" : "s") to \(Sanitizer.inert(path))\(pending.raw ? " (raw values)" : "")")
        case .success: break
        case .failure(let error): shared.setError(error.message)
        }
    }

    /// Routes a result that a grid command asked for; false when it is not one of them.
    mutating func receiveCommandResult(_ id: Int, _ result: Result<Output, UserError>, _ shared: inout Shared) -> Bool {
        if let pending = replacing, pending.request == id {
            switch result {
            case .success(.schema(let schema)): finishReplace(schema, &shared)
            case .success: replacing = nil
            case .failure(let error):
                replacing = nil
                shared.setError("nothing staged: the fields could not be read: \(error.message)")
            }
            return true
        }
        if let request = exporting?.request, request == id {
            finishExport(result, &shared)
            return true
        }
        return false
    }

    /// Requests the commands wait for.
    var commandRequests: [Int] { [replacing?.request, exporting?.request].compactMap { $0 } }
}

extension AppState {
    /// A grid command from the command line, on the grid on top.
    mutating func runGridCommand(_ command: GridCommand) -> Step {
        guard let last = stack.indices.last, var grid = stack[last].screen as? GridScreen else {
            setError("that command works in a grid: open one first (:deals)")
            return Step()
        }
        let step = grid.run(command, &shared)
        stack[last].screen = grid
        return step
    }
}
