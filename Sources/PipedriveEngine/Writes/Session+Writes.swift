import JSONValue

/// Writes: every value is parsed and checked (engine-catalog's `ValueParser`) before any request, an
/// update sends only the fields that changed, and a write is never repeated once it may have happened.
extension Session {
    /// Creates a record from what the user typed, by field key (`title` → `"Big deal"`).
    public func create(_ resource: Resource, text: [String: String]) async throws -> Record {
        let schema = try await schema(of: resource)
        return try await create(resource, values: try parse(text, schema: schema), schema: schema)
    }

    /// Creates a record from canonical values (see `Record`). Read-only fields are refused; keys the
    /// catalog does not declare (a filter's `conditions`) are sent as given.
    public func create(_ resource: Resource, values: [String: JSON]) async throws -> Record {
        try await create(resource, values: values, schema: try await schema(of: resource))
    }

    /// Updates a record with what the user typed; only the fields whose value changes are sent (v1 PUT,
    /// v2 PATCH, leads PATCH). With nothing changed no request is made and `record` comes back.
    public func update(_ resource: Resource, record: Record, text: [String: String]) async throws -> Record {
        let schema = try await schema(of: resource)
        var current: [String: JSON] = [:]
        for (key, value) in text {
            guard let field = schema.field(key) else { throw unknownField(key, resource) }
            current[key] = try parse(value, field: field, current: record[key])
        }
        return try await update(resource, record: record, values: current, schema: schema)
    }

    /// Updates a record with canonical values; only those that differ from `record` are sent.
    /// Read-only fields are refused; undeclared keys are sent as given.
    public func update(_ resource: Resource, record: Record, values: [String: JSON]) async throws -> Record {
        try await update(resource, record: record, values: values, schema: try await schema(of: resource))
    }

    /// Deletes records: one call for a v1 batch (`ids=1,2,3`), one call per id in v2.
    /// Returns the ids deleted; when a later call fails, the error says which ones were already deleted.
    @discardableResult
    public func delete(_ resource: Resource, ids: [RecordID]) async throws -> [RecordID] {
        try checkWritable()
        let action = try writeAction("Delete", of: resource)
        let call = try resolve(action, CallInput(batch: ids))
        var done: [RecordID] = []
        for request in call.requests {
            do {
                _ = try await client.send(request)
            } catch let error as PipedriveError where !done.isEmpty {
                let list = done.map(\.description).joined(separator: ", ")
                throw PipedriveError(
                    error.kind, "\(error.message) Already deleted before this: \(list).", status: error.status,
                    apiError: error.apiError, errorInfo: error.errorInfo)
            }
            done += call.requests.count == 1 ? ids : ids.filter { request.path.hasSuffix("/\($0.description)") }
        }
        return done
    }

    // MARK: Helpers

    private func create(_ resource: Resource, values: [String: JSON], schema: Schema) async throws -> Record {
        try checkWritable()
        try checkKeys(values.keys, schema: schema, resource: resource, creating: true)
        let missing = schema.fields.filter { $0.isRequired(in: values) && $0.isCreatable && (values[$0.key] ?? .null) == .null }
        if !missing.isEmpty {
            throw PipedriveError(.invalidInput, "A new \(resource.name) record needs \(missing.map(\.title).joined(separator: ", ")).")
        }
        let action = try writeAction("Create", of: resource)
        // A value that fills the path (`/subscriptions/{type}`) goes there and not into the body.
        let version = version(of: action)
        let path = version == .v2 ? action.v2?.path ?? action.path : action.path
        let body = schema.createBody(values.filter { !path.contains("{\($0.key)}") }, version: version)
        let input = CallInput(item: Record(id: nil, values: values), body: body)
        return try await perform(try resolve(action, input), resource: resource)
    }

    private func update(_ resource: Resource, record: Record, values: [String: JSON], schema: Schema) async throws -> Record {
        try checkWritable()
        try checkKeys(values.keys, schema: schema, resource: resource, creating: false)
        let action = try writeAction("Update", of: resource)
        var edited = record
        for (key, value) in values { edited[key] = value }
        guard let body = schema.updateBody(from: record, to: edited, version: version(of: action)) else { return record }
        return try await perform(try resolve(action, CallInput(item: record, body: body)), resource: resource)
    }

    /// Sends each request once, in order; the record is the last answer's `data`.
    private func perform(_ call: ResolvedCall, resource: Resource) async throws -> Record {
        var last = APIResponse(status: 0, headers: [:], json: .null)
        for request in call.requests { last = try await client.send(request) }
        return try await schema(of: resource).record(from: Extraction.data.rows(from: last.json).first ?? .null)
    }

    private func parse(_ text: [String: String], schema: Schema) throws(PipedriveError) -> [String: JSON] {
        var values: [String: JSON] = [:]
        for (key, value) in text {
            guard let field = schema.field(key) else { throw unknownField(key, schema.resource) }
            values[key] = try parse(value, field: field, current: nil)
        }
        return values
    }

    private func parse(_ text: String, field: RecordField, current: JSON?) throws(PipedriveError) -> JSON {
        do {
            return try ValueParser().parse(text, for: field, current: current)
        } catch {
            throw PipedriveError(.invalidInput, error.description)
        }
    }

    private func checkKeys(_ keys: some Sequence<String>, schema: Schema, resource: Resource, creating: Bool) throws(PipedriveError) {
        for key in keys {
            guard let field = schema.field(key) else { continue }
            guard creating ? field.isCreatable : field.isWritable else {
                throw PipedriveError(.invalidInput, "\(field.title) of \(resource.name) \(field.readOnlyReason).")
            }
        }
    }

    private func unknownField(_ key: String, _ resource: Resource) -> PipedriveError {
        PipedriveError(.invalidInput, "\(resource.name) has no field \"\(Sanitize.inline(key))\".")
    }

    private func writeAction(_ name: String, of resource: Resource) throws(PipedriveError) -> Action {
        guard let action = resource.action(named: name) else {
            throw PipedriveError(.invalidInput, "\(resource.name) cannot be changed with '\(name)' (the catalog has no such action).")
        }
        return action
    }

    private func checkWritable() throws(PipedriveError) {
        if settings.readOnly {
            throw PipedriveError(
                .configuration, "Profile \"\(settings.profileName ?? "")\" is read-only; set read_only to false in its config to write.")
        }
    }
}
