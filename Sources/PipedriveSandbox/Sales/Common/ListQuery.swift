import JSONValue

/// Strict parsing of v2 query parameters: integers are digits, booleans are `true`/`false`,
/// timestamps are RFC 3339.
enum V2Query {
    static func int(_ query: [String: String], _ name: String) throws(APIError) -> Int? {
        guard let text = query[name] else { return nil }
        guard let value = Int(text) else { throw .validation(name, "Expected an integer, got '\(text)'") }
        return value
    }

    static func bool(_ query: [String: String], _ name: String) throws(APIError) -> Bool? {
        switch query[name] {
        case nil: return nil
        case "true": return true
        case "false": return false
        case let text?: throw .validation(name, "Expected a boolean (true or false), got '\(text)'")
        }
    }

    /// An RFC 3339 moment, returned as the stored v1 form for comparison.
    static func time(_ query: [String: String], _ name: String) throws(APIError) -> String? {
        guard let text = query[name] else { return nil }
        guard let seconds = Timestamp.parseV2(text) else { throw .validation(name, "Expected an RFC 3339 date-time") }
        return Timestamp.v1(seconds)
    }

    static func ids(_ query: [String: String], _ name: String) throws(APIError) -> Set<Int>? {
        guard let text = query[name] else { return nil }
        var ids: Set<Int> = []
        for part in text.split(separator: ",") {
            guard let id = Int(part) else { throw .validation(name, "Expected comma-separated integers") }
            ids.insert(id)
        }
        guard ids.count <= 100 else { throw .validation(name, "At most 100 ids") }
        return ids
    }
}

/// Lenient parsing of v1 query parameters.
enum V1Query {
    static func int(_ query: [String: String], _ name: String) throws(APIError) -> Int? {
        guard let text = query[name], !text.isEmpty else { return nil }
        guard let value = Int(text) else { throw .badRequest("Parameter '\(name)' must be an integer.") }
        return value
    }
}

/// Combines optional row predicates; nil when there are none.
func allOf(_ predicates: [(@Sendable (JSON) -> Bool)?]) -> (@Sendable (JSON) -> Bool)? {
    let present = predicates.compactMap { $0 }
    if present.isEmpty { return nil }
    return { row in present.allSatisfy { $0(row) } }
}

/// A predicate: the stored key equals the integer.
func equals(_ key: String, _ value: Int?) -> (@Sendable (JSON) -> Bool)? {
    guard let value else { return nil }
    return { $0[key]?.intValue == value }
}

/// The v2 common filters: `ids`, `owner_id`, `updated_since`, `updated_until`.
func v2CommonFilters(_ query: [String: String], ownerKey: String = "owner_id") throws(APIError) -> [(@Sendable (JSON) -> Bool)?] {
    typealias Predicate = @Sendable (JSON) -> Bool
    var filters: [Predicate?] = []
    // `ids` is ignored when `filter_id` is set.
    if query["filter_id"] == nil, let ids = try V2Query.ids(query, "ids") {
        filters.append { row in ids.contains(row["id"]?.intValue ?? -1) }
    }
    filters.append(equals(ownerKey, try V2Query.int(query, "owner_id")))
    if let since = try V2Query.time(query, "updated_since") {
        filters.append { row in (row["update_time"]?.stringValue ?? "") >= since }
    }
    if let until = try V2Query.time(query, "updated_until") {
        filters.append { row in (row["update_time"]?.stringValue ?? "") < until }
    }
    return filters
}

/// The v1 `user_id` and `first_char` filters of persons, organizations and products.
func v1OwnerAndFirstChar(_ query: [String: String]) throws(APIError) -> (@Sendable (JSON) -> Bool)? {
    var filters: [(@Sendable (JSON) -> Bool)?] = [equals("owner_id", try V1Query.int(query, "user_id"))]
    if let char = query["first_char"]?.lowercased() {
        filters.append { row in (row["name"]?.stringValue?.prefix(1).lowercased() ?? "") == char }
    }
    return allOf(filters)
}

/// The rows a list pages through: an array, or a source read only as far as the page needs.
enum ListRows {
    case array([JSON])
    case source(ListSource)

    var all: [JSON] {
        switch self {
        case .array(let rows): rows
        case .source(let rows): Array(rows)
        }
    }
}

/// Sorting of list results.
enum ListSorting {
    /// v1 `sort`, then the offset page; unsorted rows are read no further than the page.
    static func v1Page(_ rows: ListRows, query: [String: String], spec: EntitySpec) throws(APIError) -> (page: [JSON], pagination: JSON) {
        if let sort = query["sort"], !sort.trimmingCharacters(in: .whitespaces).isEmpty {
            return try ListPaging.offset(try v1(rows.all, sort: sort, spec: spec), query: query)
        }
        switch rows {
        case .array(let rows): return try ListPaging.offset(rows, query: query)
        case .source(let rows): return try ListPaging.offset(rows, query: query)
        }
    }

    /// v1 `sort=field ASC, other DESC` over first-level keys (v1 names map to stored keys).
    static func v1(_ rows: [JSON], sort: String, spec: EntitySpec) throws(APIError) -> [JSON] {
        var keys: [(key: String, descending: Bool)] = []
        for clause in sort.split(separator: ",") {
            let words = clause.split(separator: " ").map(String.init)
            guard let name = words.first, words.count <= 2 else { throw .badRequest("Invalid sort clause '\(clause)'.") }
            let direction = words.count == 2 ? words[1].uppercased() : "ASC"
            guard direction == "ASC" || direction == "DESC" else { throw .badRequest("Invalid sort direction '\(words[1])'.") }
            let key = spec.v1Writes.first(where: { $0.name == name })?.key ?? name
            let known = ["id", "add_time", "update_time"].contains(key) || spec.v1Writes.contains { $0.key == key }
            guard known else { throw .badRequest("Cannot sort by '\(name)'.") }
            keys.append((key, direction == "DESC"))
        }
        return rows.sorted { left, right in
            for (key, descending) in keys {
                let order = compare(left[key], right[key])
                if order != 0 { return descending ? order > 0 : order < 0 }
            }
            return (left["id"]?.intValue ?? 0) < (right["id"]?.intValue ?? 0)
        }
    }

    /// v2 `sort_by` and `sort_direction`, then the cursor page.
    static func v2Page(_ rows: ListRows, query: [String: String], spec: EntitySpec) throws(APIError) -> (page: [JSON], nextCursor: String?) {
        let sortBy = query["sort_by"] ?? "id"
        let allowed = ["id", "update_time", "add_time"] + spec.v2SortKeys
        guard allowed.contains(sortBy) else {
            throw .validation("sort_by", "Must be one of: \(allowed.joined(separator: ", "))")
        }
        let direction = query["sort_direction"] ?? "asc"
        guard direction == "asc" || direction == "desc" else { throw .validation("sort_direction", "Must be one of: asc, desc") }
        if sortBy == "id" && direction == "asc" {
            switch rows {
            case .array(let rows): return try ListPaging.cursor(rows, id: ListSource.id, query: query)
            case .source(let rows): return try ListPaging.cursor(id: ListSource.id, query: query, rowsAfter: rows.rows(after:))
            }
        }
        // Each row's key is taken once, not at each comparison: 100,000 deals sorted by `update_time` (a
        // parallel export's first calls) took seconds.
        let keyed = rows.all.map { row in (key: sortKey(row[sortBy]), id: row["id"]?.intValue ?? 0, row: row) }
        let sorted = keyed.sorted { left, right in
            let order = compareKeys(left.key, right.key)
            if order == 0 { return direction == "asc" ? left.id < right.id : left.id > right.id }
            return direction == "asc" ? order < 0 : order > 0
        }
        return try ListPaging.positional(sorted.map(\.row), query: query)
    }

    /// Orders JSON scalars: null first, then numbers, then strings (case-insensitively).
    static func compare(_ left: JSON?, _ right: JSON?) -> Int { compareKeys(sortKey(left), sortKey(right)) }

    /// How a value sorts (`compareKeys`): strings lowercased, a missing value as null.
    static func sortKey(_ value: JSON?) -> JSON {
        if case .string(let text)? = value { return .string(text.lowercased()) }
        return value ?? .null
    }

    /// Orders sort keys: null first, then numbers, then strings.
    static func compareKeys(_ left: JSON, _ right: JSON) -> Int {
        switch (left, right) {
        case (.null, .null): return 0
        case (.null, _): return -1
        case (_, .null): return 1
        case (let a, let b) where a.doubleValue != nil && b.doubleValue != nil:
            return a.doubleValue! < b.doubleValue! ? -1 : (a.doubleValue! > b.doubleValue! ? 1 : 0)
        case (.string(let a), .string(let b)):
            return a < b ? -1 : (a > b ? 1 : 0)
        case (.bool(let a), .bool(let b)): return a == b ? 0 : (a ? 1 : -1)
        default: return 0
        }
    }
}
