import JSONValue

extension Staging {
    /// Stages the same typed values on every record (the bulk form): each value is parsed and checked for
    /// each record as the form does (a money amount keeps each record's currency), and with any refusal
    /// nothing is staged. Records that already hold a value keep no edit for it. The staged updates form one
    /// group, labelled `Owner → Ana Silva on 40 deals` (`shown` gives a value's text in the label, such as
    /// the name of an owner typed by id). Returns the group, nil when no record changes.
    public mutating func bulkEdit(
        _ records: [Record], of schema: Schema, text: [String: String], shown: [String: String] = [:],
        parser: ValueParser = ValueParser()
    ) -> Result<ChangeGroup?, BulkRefusal> {
        var refusal = BulkRefusal()
        for key in text.keys {
            guard let field = schema.field(key) else {
                refusal.fields[key] = "\(schema.resource.name) has no field \"\(Sanitize.inline(key))\"."
                continue
            }
            if !field.isWritable { refusal.fields[key] = "\(field.title): \(field.readOnlyReason)." }
        }
        for record in records where refusal.fields.isEmpty {
            guard let id = record.id else { continue }
            if let problem = editProblem(record, of: schema) {
                refusal.records[id] = problem
                continue
            }
            for (key, value) in text where refusal.fields[key] == nil {
                do {
                    _ = try parser.parse(value, for: schema.field(key)!, current: pending(key, of: record, in: schema))
                } catch {
                    refusal.fields[key] = error.description
                }
            }
        }
        if records.contains(where: { $0.id == nil }) { refusal.fields["id"] = "A record without an id cannot be edited." }
        guard refusal.isEmpty else { return .failure(refusal) }
        let changed = records.compactMap { record -> Int? in
            edit(record, of: schema, text: text, parser: parser)
            return update(of: schema.resource.name, id: record.id!)?.id
        }
        guard !changed.isEmpty else { return .success(nil) }
        let values = schema.fields.filter { text[$0.key] != nil }.map { field in
            let value = shown[field.key] ?? text[field.key]!
            return "\(field.title) → \(value.isEmpty ? "(empty)" : Sanitize.inline(value, limit: 60))"
        }
        return .success(group(changed, label: values.joined(separator: ", ") + on(changed, schema), shown: shown))
    }

    /// Stages a find and replace in one text field over these records: each record's value (its staged one
    /// if it has one) goes through `substitution`, and every changed value is checked as the form checks
    /// it; with any refusal nothing is staged. Records whose value does not change get no edit. The staged
    /// updates form one group (`Name: s/Gmbh/GmbH/ on 12 organizations`); nil when nothing changes.
    public mutating func replace(
        _ substitution: Substitution, field key: String, in records: [Record], of schema: Schema,
        parser: ValueParser = ValueParser()
    ) -> Result<ChangeGroup?, BulkRefusal> {
        guard let field = schema.field(key) else {
            return .failure(BulkRefusal(fields: [key: "\(schema.resource.name) has no field \"\(Sanitize.inline(key))\"."]))
        }
        guard [.text, .longText, .phone].contains(field.kind) else {
            return .failure(BulkRefusal(fields: [key: "\(field.title): find and replace works on text fields only."]))
        }
        var refusal = BulkRefusal(), replaced: [(Record, String)] = []
        for record in records {
            guard let id = record.id else { continue }
            let old = pending(key, of: record, in: schema)?.stringValue ?? ""
            let new = substitution.apply(to: old)
            guard new != old else { continue }
            if let problem = editProblem(record, of: schema) {
                refusal.records[id] = problem
                continue
            }
            do {
                _ = try parser.parse(new, for: field, current: record[key])
                replaced.append((record, new))
            } catch {
                refusal.records[id] = error.description
            }
        }
        guard refusal.isEmpty else { return .failure(refusal) }
        let changed = replaced.compactMap { record, new -> Int? in
            edit(record, of: schema, text: [key: new], parser: parser)
            return update(of: schema.resource.name, id: record.id!)?.id
        }
        guard !changed.isEmpty else { return .success(nil) }
        return .success(group(changed, label: "\(field.title): \(Sanitize.inline(substitution.text, limit: 60))" + on(changed, schema)))
    }

    /// ` on 40 deals`, or ` on deals 7` for one.
    private func on(_ changeIDs: [Int], _ schema: Schema) -> String {
        let resource = schema.resource.name
        if changeIDs.count == 1, let id = change(changeIDs[0])?.recordID { return " on \(resource) \(id)" }
        return " on \(changeIDs.count) \(resource)"
    }

    /// Why a record cannot take an edit at all, if it cannot.
    private func editProblem(_ record: Record, of schema: Schema) -> String? {
        let resource = schema.resource.name
        if schema.resource.action(named: "Update") == nil { return "\(resource) records cannot be changed." }
        if changes.contains(where: { $0.resource == resource && record.id.map($0.deletedIDs.contains) == true }) {
            return "The record is staged for deletion; unstage that to edit it."
        }
        return nil
    }

    /// A field's value as the user sees it: the staged new value if the record has one, else the loaded one.
    private func pending(_ key: String, of record: Record, in schema: Schema) -> JSON? {
        if let id = record.id, case .update(_, let edits)? = update(of: schema.resource.name, id: id)?.kind,
            let edit = edits.first(where: { $0.key == key })
        {
            return edit.new
        }
        return record[key]
    }
}
