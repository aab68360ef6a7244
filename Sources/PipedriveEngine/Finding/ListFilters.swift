import Foundation
import JSONValue

/// The optional filters of Pipedrive's list calls (from the v1 and v2 specs), given by name or id:
/// `status=open owner=me stage="Proposal made" filter="My open deals"`.
public enum ListFilters {
    /// The filters each list takes, per version.
    static let accepted: [String: [APIVersion: [String]]] = [
        "deals": [
            .v1: ["user_id", "filter_id", "stage_id", "status", "owned_by_you", "sort"],
            .v2: ["filter_id", "ids", "owner_id", "person_id", "org_id", "pipeline_id", "stage_id", "status", "updated_since",
                  "updated_until", "sort_by", "sort_direction"],
        ],
        "persons": [
            .v1: ["user_id", "filter_id", "first_char", "sort"],
            .v2: ["filter_id", "ids", "owner_id", "org_id", "deal_id", "updated_since", "updated_until", "sort_by", "sort_direction"],
        ],
        "organizations": [
            .v1: ["user_id", "filter_id", "first_char", "sort"],
            .v2: ["filter_id", "ids", "owner_id", "updated_since", "updated_until", "sort_by", "sort_direction"],
        ],
        "products": [
            .v1: ["user_id", "filter_id", "ids", "first_char"],
            .v2: ["owner_id", "ids", "filter_id", "sort_by", "sort_direction", "updated_since"],
        ],
        "activities": [
            .v1: ["user_id", "filter_id", "type", "start_date", "end_date", "done"],
            .v2: ["filter_id", "ids", "owner_id", "deal_id", "lead_id", "person_id", "org_id", "done", "updated_since",
                  "updated_until", "sort_by", "sort_direction"],
        ],
        "leads": [.v1: ["owner_id", "person_id", "organization_id", "filter_id", "sort"]],
    ]

    /// Short names for the filters, and the v1 names of v2 ones.
    static let aliases = [
        "owner": "owner_id", "user": "owner_id", "person": "person_id", "org": "org_id", "organization": "org_id",
        "pipeline": "pipeline_id", "stage": "stage_id", "filter": "filter_id", "deal": "deal_id", "since": "updated_since",
        "until": "updated_until", "sort": "sort_by", "direction": "sort_direction",
    ]

    /// The saved filters' `type` for each list.
    static let filterTypes = ["deals": "deals", "persons": "people", "organizations": "org", "products": "products", "activities": "activity", "leads": "leads"]

    /// The filters `resource`'s list takes in `version`; empty when it takes none.
    public static func names(of resource: String, version: APIVersion) -> [String] {
        accepted[resource]?[version] ?? []
    }

    /// The filter's name in the call: an alias resolved, and v2's `owner_id` as v1's `user_id` (`organization_id`
    /// for leads). nil when the list does not take it.
    static func canonical(_ name: String, resource: String, version: APIVersion) -> String? {
        var name = aliases[name.lowercased()] ?? name.lowercased()
        if version == .v1 {
            if name == "owner_id", resource != "leads" { name = "user_id" }
            if name == "org_id", resource == "leads" { name = "organization_id" }
            if name == "sort_by" { name = "sort" }
        }
        return names(of: resource, version: version).contains(name) ? name : nil
    }
}

extension Session {
    /// The query items for list filters given by name (`owner=me`, `stage=Proposal made`,
    /// `filter=My open deals`) or by id; names are looked up on the account. Refused before the list is read
    /// when a filter is unknown to the list or a name matches nothing, or more than one record.
    public func listFilters(_ given: [(name: String, value: String)], of resource: Resource, version: APIVersion)
        async throws -> [QueryItem]
    {
        let accepted = ListFilters.names(of: resource.name, version: version)
        var items: [QueryItem] = []
        var pipeline: Int?
        // A pipeline first: it narrows a stage's name.
        let ordered = given.sorted { ListFilters.aliases[$0.name.lowercased()] == "pipeline_id" && ListFilters.aliases[$1.name.lowercased()] != "pipeline_id" }
        for (name, raw) in ordered {
            guard let key = ListFilters.canonical(name, resource: resource.name, version: version) else {
                let list = accepted.isEmpty ? "It takes none." : "It takes: \(accepted.joined(separator: ", "))."
                throw PipedriveError(.invalidInput, "The \(resource.name) list (\(version.rawValue)) has no filter \"\(Sanitize.inline(name))\". \(list)")
            }
            let value = raw.trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty else { throw PipedriveError(.invalidInput, "Filter \(key) needs a value.") }
            let resolved: String
            switch key {
            case "owner_id", "user_id": resolved = String(try await userID(value))
            case "pipeline_id":
                let id = try await namedID(value, what: "pipeline", path: "/pipelines")
                pipeline = id
                resolved = String(id)
            case "stage_id": resolved = String(try await stageID(value, pipeline: pipeline))
            case "filter_id": resolved = String(try await savedFilterID(value, resource: resource.name))
            case "person_id": resolved = String(try await searchedID(value, what: "person", resource: "persons"))
            case "org_id", "organization_id": resolved = String(try await searchedID(value, what: "organization", resource: "organizations"))
            case "deal_id": resolved = String(try await searchedID(value, what: "deal", resource: "deals"))
            case "updated_since", "updated_until":
                // v2 takes RFC 3339; a day alone means its start in UTC.
                resolved = CalendarDate(value) != nil ? value + "T00:00:00Z" : value
            default: resolved = value
            }
            items.append(QueryItem(key, resolved))
        }
        return items
    }

    /// `me` is the token's user; else an id, or a user's name (whole, ignoring case).
    func userID(_ value: String) async throws -> Int {
        if value.lowercased() == "me" {
            let me = try await client.send(APIRequest(.get, .v1, "/users/me"))
            guard let id = me.json["data"]?["id"]?.intValue else { throw PipedriveError(.malformedResponse, "/users/me named no user.") }
            return id
        }
        return try await namedID(value, what: "user", path: "/users")
    }

    /// An id, or the one row of a v1 list whose `name` is `value` (ignoring case).
    func namedID(_ value: String, what: String, path: String, narrow: ((JSON) -> Bool)? = nil) async throws -> Int {
        if let id = Int(value), id > 0 { return id }
        let rows = try await PageSequence(client: client, request: APIRequest(.get, .v1, path, paging: .offset), extraction: .data, prefetch: false)
            .allRows()
        return try Self.single(rows.filter { $0["name"]?.stringValue?.lowercased() == value.lowercased() && (narrow?($0) ?? true) },
                               what: what, value: value)
    }

    /// A stage by id or name; a name in several pipelines needs `pipeline=`.
    func stageID(_ value: String, pipeline: Int?) async throws -> Int {
        try await namedID(value, what: "stage", path: "/stages") { stage in pipeline.map { stage["pipeline_id"]?.intValue == $0 } ?? true }
    }

    /// A saved filter of the list's type, by id or name.
    func savedFilterID(_ value: String, resource: String) async throws -> Int {
        if let id = Int(value), id > 0 { return id }
        let type = ListFilters.filterTypes[resource] ?? resource
        let rows = try await savedFilterRows(type: type)
        return try Self.single(rows.filter { $0["name"]?.stringValue?.lowercased() == value.lowercased() }, what: "saved \(type) filter", value: value)
    }

    /// The account's saved filters for `resource`'s list (`deals` → type `deals`, `persons` → `people`), by name.
    public func savedFilters(for resource: String) async throws -> [(id: Int, name: String)] {
        let rows = try await savedFilterRows(type: ListFilters.filterTypes[resource] ?? resource)
        return rows.compactMap { row in row["id"]?.intValue.map { ($0, row["name"]?.stringValue ?? String($0)) } }
    }

    private func savedFilterRows(type: String) async throws -> [JSON] {
        let response = try await client.send(APIRequest(.get, .v1, "/filters", query: [QueryItem("type", type)]))
        return response.json["data"]?.arrayValue ?? []
    }

    /// A person, organization or deal by id, or by its whole name through its search.
    func searchedID(_ value: String, what: String, resource: String) async throws -> Int {
        if let id = Int(value), id > 0 { return id }
        let found = try await records(named: value, in: try self.resource(named: resource), match: .whole, limit: 100)
        return try Self.single(found.map { ["id": .int($0.id)] }, what: what, value: value)
    }

    static func single(_ rows: [JSON], what: String, value: String) throws(PipedriveError) -> Int {
        let ids = rows.compactMap { $0["id"]?.intValue }
        guard ids.count == 1 else {
            let shown = Sanitize.inline(value)
            throw PipedriveError(
                .invalidInput,
                ids.isEmpty ? "No \(what) is named \"\(shown)\"." : "\(ids.count) \(what)s are named \"\(shown)\" (ids \(ids.prefix(10).map(String.init).joined(separator: ", "))): give the id.")
        }
        return ids[0]
    }
}
