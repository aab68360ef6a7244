import JSONValue

/// `FIELD=VALUE` as `pdtui set` and `pdtui new` take it, turned into what the form's parser reads.
public struct Assignments: Sendable, Equatable {
    /// The text for each field, by key, as typed in a form (a reference named by name is its id here).
    public var text: [String: String] = [:]
    /// What the user wrote where it differs from `text` (the name of a reference), for labels.
    public var shown: [String: String] = [:]
}

extension Session {
    /// Reads `FIELD=VALUE` pairs for `schema`'s resource. FIELD is a field's key, its v2 name, or its title
    /// (custom fields by their name), case and `_`/spaces aside. A reference (owner, person, organization,
    /// stage…) takes a number as an id, else a name, looked up by that resource's search (or its whole list
    /// for users, stages and pipelines) and matched exactly, case aside; none or several refuse the value.
    /// Values are checked later, by `Staging` with the form's parser; nothing is sent.
    public func assignments(_ pairs: [String], schema: Schema) async throws -> Assignments {
        var result = Assignments()
        for pair in pairs {
            guard let equals = pair.firstIndex(of: "=") else {
                throw PipedriveError(.invalidInput, "\"\(Sanitize.inline(pair))\" is not FIELD=VALUE.")
            }
            let field = try Self.field(named: String(pair[..<equals]), in: schema)
            let value = String(pair[pair.index(after: equals)...])
            guard result.text[field.key] == nil else {
                throw PipedriveError(.invalidInput, "\(field.title) is given twice.")
            }
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            if let target = ReferenceFields.target(key: field.key, kind: field.kind), !trimmed.isEmpty, Int(trimmed) == nil {
                result.text[field.key] = String(try await id(named: trimmed, in: target, for: field.title))
                result.shown[field.key] = trimmed
            } else {
                result.text[field.key] = value
            }
        }
        return result
    }

    /// The field a user means by `name`.
    static func field(named name: String, in schema: Schema) throws(PipedriveError) -> RecordField {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if let field = schema.field(trimmed) { return field }
        let v1 = V2Names.renamed[schema.resource.name]?.first { $0.value == trimmed }?.key
        if let v1, let field = schema.field(v1) { return field }
        func plain(_ text: String) -> String { text.lowercased().filter { $0 != " " && $0 != "_" && $0 != "-" } }
        let wanted = plain(trimmed)
        var matches = schema.fields.filter { plain($0.title) == wanted || plain($0.key) == wanted }
        if matches.isEmpty { matches = schema.fields.filter { plain($0.key) == wanted + "id" } }  // `stage` for `stage_id`
        if matches.count > 1 { matches = matches.filter(\.isWritable) }
        guard matches.count == 1 else {
            let shown = Sanitize.inline(trimmed)
            if matches.isEmpty {
                throw PipedriveError(.invalidInput, "\(schema.resource.name) has no field \"\(shown)\" (see `pdtui catalog \(schema.resource.name)`).")
            }
            throw PipedriveError(
                .invalidInput,
                "\"\(shown)\" could be \(matches.map { "\($0.title) (\($0.key))" }.joined(separator: " or ")); give the key.")
        }
        return matches[0]
    }

    /// The id of the one record of `resource` named `name` (case aside).
    func id(named name: String, in resource: String, for title: String) async throws -> Int {
        let found: [NamedRecord]
        do {
            found = try await records(named: name, in: try self.resource(named: resource), match: .whole, limit: 100)
        } catch let error as PipedriveError where error.kind == .invalidInput {
            throw PipedriveError(.invalidInput, "\(title): \(error.message)")
        }
        let ids = found.map(\.id)
        let shown = Sanitize.inline(name)
        switch ids.count {
        case 1: return ids[0]
        case 0: throw PipedriveError(.invalidInput, "\(title): no \(resource) named \"\(shown)\"; give the id.")
        default:
            throw PipedriveError(
                .invalidInput, "\(title): several \(resource) are named \"\(shown)\" (ids \(ids.map(String.init).joined(separator: ", "))); give the id.")
        }
    }
}
