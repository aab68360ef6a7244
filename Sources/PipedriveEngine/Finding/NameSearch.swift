import JSONValue

/// A record found by its name: its id and the name it shows.
public struct NamedRecord: Sendable, Equatable {
    public var id: Int
    public var name: String

    public init(id: Int, name: String) {
        self.id = id
        self.name = name
    }

    /// The human name of a record or nested object (an owner `{id, name, email}`, an activity's subject).
    public static func name(of members: [String: JSON]) -> String? {
        for key in ["name", "title", "subject", "label", "email", "value", "id"] {
            if let text = members[key]?.stringValue, !text.isEmpty { return text }
            if let number = members[key]?.intValue { return String(number) }
        }
        return nil
    }
}

/// How a name is compared with the term, case aside.
public enum NameMatch: Sendable {
    /// The name contains the term: finding as the user types.
    case containing
    /// The name is the term: resolving `Owner="Ana Silva"` to one id.
    case whole
}

extension Session {
    /// The records of `resource` found by `term`, at most `limit`, in the API's order: through the resource's
    /// search call where it has one (which also matches e-mails, phones and other fields; `.whole` keeps
    /// only the names equal to the term, case aside); else (users, stages, pipelines: short lists) by reading
    /// its list, at most `listedSearchLimit` rows, and matching names here. A resource with neither cannot
    /// be found by name.
    public func records(named term: String, in resource: Resource, match: NameMatch = .containing, limit: Int = 20)
        async throws -> [NamedRecord]
    {
        let rows: [JSON]
        var searched = false
        if let search = resource.actions.first(where: { $0.kind == .read && $0.parameters.contains { $0.kind == .term } }),
            let parameter = search.parameters.first(where: { $0.kind == .term })
        {
            // A whole name: the search's exact matches (v1 and v2 take `exact_match`), compared by name here.
            let exact = match == .whole ? [QueryItem("exact_match", "true")] : []
            rows = try await pages(search, parameters: [parameter.name: term], limit: match == .whole ? 100 : limit, prefetch: false,
                                   filters: exact).allRows()
            searched = true
        } else if let read = resource.readAction, read.parameters.isEmpty {
            rows = try await pages(read, limit: Self.listedSearchLimit, prefetch: false).allRows()
        } else {
            throw PipedriveError(.invalidInput, "\(resource.name) cannot be looked up by name; give its id.")
        }
        let needle = term.lowercased()
        var found: [NamedRecord] = []
        for row in rows where found.count < limit {
            guard let id = row["id"]?.intValue, !found.contains(where: { $0.id == id }),
                let name = row.objectValue.flatMap(NamedRecord.name(of:))
            else { continue }
            let folded = name.lowercased()
            let matches = match == .whole ? folded == needle : searched || folded.contains(needle)
            if matches { found.append(NamedRecord(id: id, name: name)) }
        }
        return found
    }

    /// The most rows read to match a name where the API has no search call.
    public static let listedSearchLimit = 2_000
}
