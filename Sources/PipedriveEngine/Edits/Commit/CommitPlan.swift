import JSONValue

/// What a commit will do: each staged change, field by field, with the exact calls it makes.
public struct CommitPlan: Sendable, Equatable {
    public let changes: [PlannedChange]
    /// The records the plan deletes; above `Staging.confirmationThreshold` the count must be typed.
    public let deleteCount: Int

    public var requests: [APIRequest] { changes.flatMap(\.requests) }
    public var needsConfirmation: Bool { deleteCount > Staging.confirmationThreshold }
}

/// One staged change as it will be sent.
public struct PlannedChange: Sendable, Equatable {
    public let changeID: Int
    public let resource: String
    public let kind: ActionKind
    /// The record updated, or the records deleted (none for a create).
    public let recordIDs: [RecordID]
    /// Field by field: loaded value → value sent (a create's `old` is null; a delete lists none).
    public let fields: [FieldEdit]
    /// In order: v1 PUT / v2 PATCH (leads PATCH), POST, one v1 `ids=` batch or one v2 call per id.
    public let requests: [APIRequest]

    /// `Update deals 5`, `Create persons`, `Delete persons 1, 2, 3`.
    public var summary: String {
        let verb = kind.rawValue.prefix(1).uppercased() + kind.rawValue.dropFirst()
        let ids = recordIDs.map(\.description).joined(separator: ", ")
        return "\(verb) \(resource)" + (ids.isEmpty ? "" : " \(ids)")
    }
}

extension APIRequest {
    /// `PATCH /api/v2/deals/5 {"title":"New"}`: the call as a commit view and `--dry-run` show it.
    public var line: String {
        var text = "\(method.rawValue) \(RequestEncoding.target(self))"
        switch body {
        case .json(let json)?: text += " " + json.serializedString
        case .multipart(let fileName, let content, _)?: text += " [file \(Sanitize.inline(fileName)), \(content.count) bytes]"
        case nil: break
        }
        return text
    }
}

extension Session {
    /// The plan for the staged changes, the resources' schemas read as needed (held changes left out).
    public func plan(_ staging: Staging) async throws -> CommitPlan {
        try plan(staging, schemas: try await schemas(for: staging.changes.map(\.resource)))
    }

    /// The plan with the schemas given: no I/O. Throws when a change cannot be turned into calls.
    public func plan(_ staging: Staging, schemas: [String: Schema]) throws(PipedriveError) -> CommitPlan {
        var planned: [PlannedChange] = []
        for change in staging.changes where !change.isHeld {
            let resource = try self.resource(named: change.resource)
            guard let schema = schemas[change.resource] else {
                throw PipedriveError(.invalidInput, "No schema for \(change.resource).")
            }
            switch change.kind {
            case .update(let base, let edits):
                let action = try writeAction(.update, of: resource)
                var edited = base
                for edit in edits { edited[edit.key] = edit.new }
                guard let body = schema.updateBody(from: base, to: edited, version: version(of: action)) else { continue }
                let call = try resolve(action, CallInput(item: base, body: body))
                planned.append(PlannedChange(
                    changeID: change.id, resource: change.resource, kind: .update, recordIDs: base.id.map { [$0] } ?? [],
                    fields: edits, requests: call.requests))
            case .create(let values):
                let action = try writeAction(.create, of: resource)
                let call = try resolve(action, createInput(values, schema: schema, action: action))
                let fields = values.keys.sorted().map { key in
                    FieldEdit(key: key, title: schema.field(key)?.title ?? key, old: .null, new: values[key]!)
                }
                planned.append(PlannedChange(
                    changeID: change.id, resource: change.resource, kind: .create, recordIDs: [], fields: fields,
                    requests: call.requests))
            case .delete(let records):
                let action = try writeAction(.delete, of: resource)
                let ids = records.compactMap(\.id)
                let call = try resolve(action, CallInput(batch: ids))
                planned.append(PlannedChange(
                    changeID: change.id, resource: change.resource, kind: .delete, recordIDs: ids, fields: [],
                    requests: call.requests))
            }
        }
        return CommitPlan(changes: planned, deleteCount: staging.deleteCount)
    }

    /// The schemas of these resources, each read once.
    func schemas(for names: [String]) async throws -> [String: Schema] {
        var schemas: [String: Schema] = [:]
        for name in Set(names) { schemas[name] = try await schema(of: try resource(named: name)) }
        return schemas
    }

    /// A Create's input: the values double as the item for a path such as `/subscriptions/{type}`, and
    /// a value that fills the path goes there and not into the body (as `Session.create` does).
    func createInput(_ values: [String: JSON], schema: Schema, action: Action) -> CallInput {
        let version = version(of: action)
        let path = version == .v2 ? action.v2?.path ?? action.path : action.path
        let body = schema.createBody(values.filter { !path.contains("{\($0.key)}") }, version: version)
        return CallInput(item: Record(id: nil, values: values), body: body)
    }

    func writeAction(_ kind: ActionKind, of resource: Resource) throws(PipedriveError) -> Action {
        guard let action = resource.actions.first(where: { $0.kind == kind && $0.name == kind.rawValue.capitalized }) else {
            throw PipedriveError(.invalidInput, "\(resource.name) records cannot be changed with '\(kind.rawValue.capitalized)'.")
        }
        return action
    }
}
