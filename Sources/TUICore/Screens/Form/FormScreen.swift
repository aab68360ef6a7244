import Foundation
import JSONValue
import PipedriveEngine

/// A form to edit a record's writable fields (`e`) or to fill a new record (`n`). Its fields come
/// with the resource's schema, loaded by an effect; staging it hands the changed values to `Staging`.
public struct FormScreen: Sendable {
    public enum Purpose: Sendable {
        /// The record as loaded (a grid row or a detail).
        case edit(Record)
        case create
        /// One form for many records (rows marked in a grid): changed fields are staged on each.
        case bulk([Record])
        /// A staged create opened again (the server refused it, or it needs a fix): saving replaces it.
        case restage(change: Int, values: [String: JSON])
    }

    public let id: ScreenID
    public let resource: String
    public let title: String
    public internal(set) var purpose: Purpose
    /// The whole record being read by id (the row was a search result's, which lacks fields); the form
    /// is built when it and the schema have come.
    var rereading: Int?
    /// Nil until the schema request (`loading`) comes back.
    public var schema: Schema?
    public var loading: Int?
    /// Why the form cannot be filled (the schema failed) or was not staged; shown above the fields.
    public var error: String?
    public var fields: [FormField] = []
    /// The focused line: a field's index, or `fields.count` for the Stage line.
    public var focus = 0
    /// The first field line shown.
    public var top = 0
    /// The pick list open over the focused field.
    public var pickList: PickList?
    /// The `$EDITOR` request in flight and the field it edits.
    public var editing: (request: Int, field: Int)?
    /// Esc was pressed with changes: the form asks before discarding them.
    public var confirmingDiscard = false
    /// Keys typed before the fields came (the form opens at once, its schema a moment later): they are
    /// played into the fields when they come, so a quick typist loses nothing.
    var typedAhead: [Key] = []
    /// The record whose list `n` was pressed in: a new record's field referring to it starts filled in.
    var parent: ParentRecord?
    static let maxTypedAhead = 256

    init(id: ScreenID, resource: String, title: String, purpose: Purpose) {
        self.id = id
        self.resource = resource
        self.title = title
        self.purpose = purpose
    }

    public var isNew: Bool {
        switch purpose {
        case .create, .restage: true
        case .edit, .bulk: false
        }
    }

    var record: Record? {
        if case .edit(let record) = purpose { return record }
        return nil
    }

    /// The records a bulk form edits; empty for the other forms.
    var bulkRecords: [Record] {
        if case .bulk(let records) = purpose { return records }
        return []
    }

    /// The Stage line's index (after the last field).
    public var stageLine: Int { fields.count }

    public var isChanged: Bool { fields.contains(where: \.isChanged) }

    public var focused: FormField? { fields.indices.contains(focus) ? fields[focus] : nil }

    /// Requests this form waits for: its schema and its fields' searches.
    var pendingRequests: [Int] { (loading.map { [$0] } ?? []) + (rereading.map { [$0] } ?? []) + fields.compactMap(\.searching) }

    /// Fills the fields from the schema: the writable ones in the account's order (the record's name
    /// first), holding the record's values, or its staged values where it has staged edits.
    mutating func build(_ schema: Schema, staging: Staging, format: ValueFormat) {
        self.schema = schema
        let order = ResourceInfo(schema).columns.map(\.key)
        let creating = switch purpose { case .create, .restage: true; default: false }
        let writable = schema.fields.filter { Self.offers($0, listed: !schema.customFields.isEmpty, creating: creating) }.enumerated()
            .sorted { (order.firstIndex(of: $0.element.key) ?? order.count + $0.offset) < (order.firstIndex(of: $1.element.key) ?? order.count + $1.offset) }
            .map(\.element)
        var values = record?.values ?? [:]
        if case .restage(_, let staged) = purpose { values = staged }
        var stagedKeys: Set<String> = []
        if let id = record?.id, case .update(let base, let edits)? = staging.update(of: resource, id: id)?.kind {
            values = base.values
            for edit in edits { values[edit.key] = edit.new }
            stagedKeys = Set(edits.map(\.key))
        }
        if case .bulk(let records) = purpose {
            fields = bulkFields(writable, records: records, staging: staging, format: format)
            focus = 0
            top = 0
            return
        }
        fields = writable.compactMap { recordField in
            guard var field = FormField(recordField), !Self.isStructuredText(values[recordField.key], recordField) else { return nil }
            if !values.isEmpty { field.load(values[recordField.key], record: values, format: format) }
            field.isStaged = stagedKeys.contains(recordField.key)
            return field
        }
        if let parent, case .create = purpose, let f = fields.firstIndex(where: { $0.input == .reference(parent.resource) }) {
            fields[f].editor = LineEditor(String(parent.id))
        }
        focus = 0
        top = 0
    }

    /// Whether the form offers a field. Where the account lists the resource's fields (`*Fields`), the
    /// form offers those, as Pipedrive's own forms do (the template's other components are what lists
    /// return, not what users fill), less the ones Pipedrive computes (no Create or Update body takes them).
    static func offers(_ field: RecordField, listed: Bool, creating: Bool) -> Bool {
        guard creating ? field.isCreatable : field.isWritable, !setByPipedrive.contains(field.key) else { return false }
        return !listed || field.custom != nil
    }

    /// A text field holding a list or an object (a person's emails, a lead's value): one line of text
    /// would replace it with a string, so the form leaves it out.
    static func isStructuredText(_ value: JSON?, _ field: RecordField) -> Bool {
        guard [.text, .longText, .phone].contains(field.kind) else { return false }
        return value?.arrayValue != nil || value?.objectValue != nil
    }

    /// The creation time, which some Create bodies take (back-dating, for admins): not a field users fill.
    static let setByPipedrive: Set<String> = ["add_time"]

    /// The value the record holds now for a field (a money value keeps its currency from it).
    /// A bulk form checks a value against its first record; staging checks it against each.
    func current(_ key: String) -> JSON? { (record ?? bulkRecords.first)?[key] }

    /// Keeps the focused line within `height` field rows.
    mutating func scroll(height: Int) {
        let h = max(1, height)
        if focus < top { top = focus }
        if focus >= top + h { top = focus - h + 1 }
        top = max(0, min(top, max(0, stageLine + 1 - h)))
    }
}

extension FormScreen: ScreenComponent {
    func title(_ shared: Shared, onTop: Bool) -> String? { title }

    /// Keys go into the fields as typed.
    var keyContext: KeyContext? { nil }

    mutating func resize(_ shared: Shared) { scroll(height: shared.formRows) }

    mutating func receive(_ id: Int, _ result: Result<Output, UserError>, _ shared: inout Shared) -> Step {
        switch result {
        case .success(.schema(let schema)) where loading == id:
            loading = nil
            self.schema = schema
            guard rereading == nil else { break }
            build(schema, staging: shared.staging, format: shared.format)
            if fields.isEmpty { error = "\(resource) has no field a form can fill" }
            return playTypedAhead(&shared)
        case .success(.record(let full)) where rereading == id:
            rereading = nil
            if let record { purpose = .edit(Record(id: record.id, values: full.objectValue ?? record.values)) }
            guard let schema, loading == nil else { break }
            build(schema, staging: shared.staging, format: shared.format)
            if fields.isEmpty { error = "\(resource) has no field a form can fill" }
            return playTypedAhead(&shared)
        case .success(.text(let text)):
            // `$EDITOR` came back with the long text.
            guard let editing, editing.request == id else { break }
            self.editing = nil
            guard fields.indices.contains(editing.field) else { break }
            // Editors end the file with a line break the user did not mean as content.
            let content = text.hasSuffix("\n") ? String(text.dropLast()) : text
            fields[editing.field].editor = LineEditor(content)
            fields[editing.field].error = fields[editing.field].problem(parser: shared.parser, current: current(fields[editing.field].field.key))
        case .success(.choices(let found)):
            for f in fields.indices { fields[f].receive(found, for: id) }
        case .success: break
        case .failure(let failure):
            // Shown on the form, or by its field.
            let text = failure.message
            if loading == id {
                loading = nil
                typedAhead = []
                error = "cannot load the fields: \(text)"
            }
            if rereading == id {
                rereading = nil
                error = "the whole record could not be read (\(text)): the form shows the row as loaded"
                if let schema, loading == nil {
                    build(schema, staging: shared.staging, format: shared.format)
                    shared.setError(text)
                    return playTypedAhead(&shared)
                }
            }
            if let editing, editing.request == id {
                self.editing = nil
                if fields.indices.contains(editing.field) { fields[editing.field].error = "the editor failed: \(text)" }
            }
            for f in fields.indices where fields[f].searching == id {
                fields[f].searching = nil
                fields[f].error = text
            }
            shared.setError(text)
        }
        return Step()
    }
}

extension Shared {
    /// Rows of a form's field list: the body minus its title, message and detail lines.
    public var formRows: Int { max(1, bodyHeight - 3) }

    /// Values are read in the zone they are shown in.
    var parser: ValueParser { ValueParser(timeZone: format.timeZone) }
}
