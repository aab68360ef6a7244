import JSONValue
import PipedriveEngine

/// Opening edit and new-record forms, from any screen.
extension Shared {
    /// `e` on a grid row or a detail: a form of the record's writable fields.
    mutating func openEditForm(_ row: JSON, resource id: String) -> Step {
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
        let form = FormScreen(id: newScreenID(), resource: id, title: "Edit \(PromptField.singular(info.title.lowercased())): \(name)",
                              purpose: .edit(Record(id: recordID, values: members)))
        return pushForm(form)
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
