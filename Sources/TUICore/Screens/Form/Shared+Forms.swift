import JSONValue
import PipedriveEngine

/// Opening edit and new-record forms, from any screen.
extension Shared {
    /// `e` on a grid row or a detail: a form of the record's writable fields.
    /// `partial`: the row is a search result's, which lacks fields (a deal's pipeline, custom fields): the
    /// form first reads the whole record by id.
    mutating func openEditForm(_ row: JSON, resource id: String, partial: Bool = false) -> Step {
        guard let info = resource(id) else {
            setError("these rows are part of a record: open the record itself to edit it")
            return Step()
        }
        if let refusal = writeRefusal(info, .update, what: "edited") { setError(refusal); return Step() }
        guard let members = row.objectValue, let recordID = RecordID(row["id"]) else {
            setError("this row has no id: it cannot be edited")
            return Step()
        }
        if staging.changes.contains(where: { $0.resource == id && $0.deletedIDs.contains(recordID) }) {
            setError("this record is staged for deletion: unstage that in the commit view (c) to edit it")
            return Step()
        }
        let name = (info.nameKey.flatMap { members[$0]?.stringValue } ?? ValueFormat.name(of: members)).map(ValueFormatter.clean) ?? "#\(recordID)"
        var form = FormScreen(id: newScreenID(), resource: id, title: "Edit \(PromptField.singular(info.title.lowercased())): \(name)",
                              purpose: .edit(Record(id: recordID, values: members)))
        guard partial else { return pushForm(form) }
        let request = newRequestID(for: form.id)
        form.rereading = request
        let read = SessionWork(name: "read \(id) \(recordID)") { session in
            let resource = try session.resource(named: id)
            let full = try await session.reread(Record(id: recordID, values: members), schema: try await session.schema(of: resource))
            let shown = await session.shownRecords([.object(full.values)], of: resource, names: ReferenceNames(session: session))
            return .record(.object(shown.records.first?.values ?? full.values))
        }
        var step = pushForm(form)
        step.effects.append(.session(request, read))
        return step
    }

    /// `n` in a grid: a form for a new record of the grid's resource.
    mutating func openCreateForm(resource id: String) -> Step {
        guard let info = resource(id) else {
            setError("these rows are part of a record: open a resource to add one")
            return Step()
        }
        if let refusal = writeRefusal(info, .create, what: "created") { setError(refusal); return Step() }
        return pushForm(FormScreen(id: newScreenID(), resource: id, title: "New \(PromptField.singular(info.title.lowercased()))", purpose: .create))
    }

    /// `e` on a new row: its staged create in a form again (to fix what the server refused), saved in its place.
    mutating func openRestageForm(change: Int, resource id: String) -> Step {
        guard let info = resource(id), let staged = staging.change(change), case .create(let values) = staged.kind else {
            setError("this new record is no longer staged")
            return Step()
        }
        var form = FormScreen(id: newScreenID(), resource: id, title: "New \(PromptField.singular(info.title.lowercased())) (staged)",
                              purpose: .restage(change: change, values: values))
        form.error = staged.failure.map { "refused: \($0)" }
        return pushForm(form)
    }

    mutating func pushForm(_ form: FormScreen) -> Step {
        var form = form
        let request = newRequestID(for: form.id)
        form.loading = request
        return Step(.push(ComponentEntry(id: form.id, screen: form)), effects: [.loadSchema(request, resource: form.resource)])
    }

    /// Why records of `info` cannot be written that way, or nil when they can.
    func writeRefusal(_ info: ResourceInfo, _ kind: ActionKind, what: String) -> String? {
        if writeMode == .readOnly { return "read-only: nothing can be \(what) (started with --read-only or a read_only profile)" }
        guard info.writeActions.contains(kind) else {
            return "\(info.title) cannot be \(what): Pipedrive has no \(kind.rawValue.capitalized) for \(info.id)"
        }
        return nil
    }
}
