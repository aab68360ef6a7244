import JSONValue
import PipedriveEngine

/// Staged changes read from a file (an earlier session's, `pdtui set`'s) may be of a resource no grid has
/// read this session, and Pipedrive's side of a conflict carries bare ids: the commit view reads the
/// account's fields of each staged resource (custom fields' names, option labels) and has the references
/// in the changes' values named, so its lines and the conflict dialog show what the grid would.
extension CommitScreen {
    /// One value of one field of a resource, as staged or as Pipedrive has it.
    struct ValueKey: Hashable, Sendable {
        var resource: String
        var key: String
        var value: JSON
    }

    /// Asks for the fields of every staged resource and the names in `changes`' values.
    mutating func describe(_ changes: [StagedChange], fields: Bool, _ shared: inout Shared) -> [Effect] {
        var effects: [Effect] = []
        if fields {
            for resource in Set(changes.map(\.resource)).sorted() where shared.resource(resource) != nil {
                let request = shared.newRequestID(for: id)
                readingFields.insert(request)
                effects.append(.loadSchema(request, resource: resource))
            }
        }
        for (resource, members) in Dictionary(grouping: changes, by: \.resource).sorted(by: { $0.key < $1.key }) {
            let rows = members.flatMap(Self.valueRows).filter { !$0.isEmpty }.map { JSON.object($0) }
            guard !rows.isEmpty, shared.resource(resource) != nil else { continue }
            let request = shared.newRequestID(for: id)
            naming[request] = NamingRequest(resource: resource, rows: rows)
            effects.append(.nameRows(request, resource: resource, rows: rows))
        }
        return effects
    }

    /// The values a change shows: the record it was loaded as (or the new one's), the edits' old and new
    /// values, and Pipedrive's record of a conflict.
    private static func valueRows(_ change: StagedChange) -> [[String: JSON]] {
        var rows: [[String: JSON]] = []
        switch change.kind {
        case .update(let base, let edits):
            rows = [base.values, Dictionary(edits.map { ($0.key, $0.old) }, uniquingKeysWith: { a, _ in a }),
                    Dictionary(edits.map { ($0.key, $0.new) }, uniquingKeysWith: { a, _ in a })]
        case .create(let values): rows = [values]
        case .delete: break
        }
        if let conflict = change.conflict { rows += [conflict.theirs.values, conflict.yours] }
        return rows
    }

    /// Takes the account's fields or the named values; true when the request was one of these.
    mutating func receiveDescription(_ id: Int, _ result: Result<Output, UserError>, _ shared: inout Shared) -> Bool {
        if readingFields.remove(id) != nil {
            if case .success(.schema(let schema)) = result { shared.setColumns(ResourceInfo(schema).columns, of: schema.resource.name) }
            return true
        }
        guard let asked = naming.removeValue(forKey: id) else { return false }
        if case .success(.names(let named)) = result {
            for (raw, shown) in zip(asked.rows, named.rows) {
                for (key, value) in raw.objectValue ?? [:] where shown[key] != nil && shown[key] != value {
                    names[ValueKey(resource: asked.resource, key: key, value: value)] = shown[key]
                }
            }
        }
        return true
    }

    /// A value of a change as the grid shows it: named where its reference was named.
    func shown(_ value: JSON?, _ key: String, _ change: StagedChange, _ shared: Shared) -> String {
        let named = value.flatMap { names[ValueKey(resource: change.resource, key: key, value: $0)] } ?? value
        return shared.display(named, key: key, in: change.resource)
    }
}

/// Rows sent to be named, kept to match the named ones to the values they came from.
struct NamingRequest: Sendable, Equatable {
    var resource: String
    var rows: [JSON]
}
