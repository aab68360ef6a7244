import JSONValue
import PipedriveEngine

/// The bulk form: one form for the rows marked in a grid. A field the records agree on shows their
/// common value; one they differ on starts empty as `(various)`. Only the fields the user changes are
/// staged, on every record, as one group (`Staging.bulkEdit`).
extension FormScreen {
    /// The fields with each one's common value, or marked various.
    func bulkFields(_ writable: [RecordField], records: [Record], staging: Staging, format: ValueFormat) -> [FormField] {
        let values = records.map { record -> [String: JSON] in
            guard let id = record.id, case .update(let base, let edits)? = staging.update(of: resource, id: id)?.kind else { return record.values }
            var values = base.values
            for edit in edits { values[edit.key] = edit.new }
            return values
        }
        return writable.compactMap { recordField in
            guard let blank = FormField(recordField), !values.contains(where: { Self.isStructuredText($0[recordField.key], recordField) })
            else { return nil }
            // Values agree when they read the same in the form (a reference by id, money with its currency).
            var common: FormField?
            for record in values {
                var field = blank
                field.load(record[recordField.key], record: record, format: format)
                if let first = common, first.value != field.value {
                    var various = blank
                    various.isVarious = true
                    return various
                }
                if common == nil { common = field }
            }
            return common ?? blank
        }
    }
}

extension Shared {
    /// `e` with rows marked: one form for all of them.
    mutating func openBulkForm(_ rows: [JSON], resource id: String) -> Step {
        guard let info = resource(id) else {
            setError("these rows are part of a record: open the record itself to edit it")
            return Step()
        }
        if let refusal = writeRefusal(info, .update, what: "edited") { setError(refusal); return Step() }
        let records = rows.compactMap { row in RecordID(row["id"]).map { Record(id: $0, values: row.objectValue ?? [:]) } }
        guard !records.isEmpty else { setError("the marked rows have no ids: they cannot be edited"); return Step() }
        let deleted = records.filter { record in staging.changes.contains { $0.resource == id && record.id.map($0.deletedIDs.contains) == true } }
        guard deleted.isEmpty else {
            setError("\(deleted.count) marked record\(deleted.count == 1 ? " is" : "s are") staged for deletion: unstage that (c) or unmark \(deleted.count == 1 ? "it" : "them") to edit the rest")
            return Step()
        }
        let form = FormScreen(id: newScreenID(), resource: id, title: "Edit \(records.count) \(info.title.lowercased())", purpose: .bulk(records))
        return pushForm(form)
    }
}
