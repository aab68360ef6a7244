import JSONValue

/// `filter_id` on the lists: a saved filter's condition tree (`glue` and nested `conditions`, leaves
/// `{object, field_id, operator, value}`) evaluated against stored rows. A leaf names a field by its id in the
/// object's `*Fields` table or by its key; a leaf on another object (a deal filter's `person` condition)
/// reads the row's linked record.
enum SavedFilter {
    /// The filter `type` that applies to each list's table.
    static let types = [
        "deals": "deals", "persons": "people", "organizations": "org", "products": "products", "activities": "activity",
        "leads": "leads",
    ]
    /// The table behind each condition `object`.
    static let objectTables = [
        "deal": "deals", "person": "persons", "organization": "organizations", "product": "products", "activity": "activities",
        "lead": "leads",
    ]

    typealias Predicate = @Sendable (JSON) -> Bool

    /// The rows a list keeps under the query's `filter_id`, or nil without one.
    static func predicate(_ query: [String: String], table: String, version: RouteVersion, store: Store) throws(APIError) -> Predicate? {
        guard let text = query["filter_id"], !text.isEmpty else { return nil }
        guard let id = Int(text) else {
            throw version == .v1 ? .badRequest("Parameter 'filter_id' must be an integer.") : .validation("filter_id", "Expected an integer, got '\(text)'")
        }
        guard let filter = store["filters"][id] else {
            throw version == .v1 ? .badRequest("Filter \(id) not found.") : .validation("filter_id", "Filter \(id) not found")
        }
        let type = filter["type"]?.stringValue ?? ""
        guard type == types[table] else {
            let message = "Filter \(id) is of type '\(type)', not '\(types[table] ?? table)'"
            throw version == .v1 ? .badRequest(message + ".") : .validation("filter_id", message)
        }
        return compile(filter["conditions"] ?? .null, table: table, store: store)
    }

    /// A group holds `glue` and `conditions`; an empty group keeps every row.
    static func compile(_ node: JSON, table: String, store: Store) -> Predicate {
        if let children = node["conditions"]?.arrayValue {
            let parts = children.map { compile($0, table: table, store: store) }
            if parts.isEmpty { return { _ in true } }
            if node["glue"]?.stringValue?.lowercased() == "or" {
                return { row in parts.contains { part in part(row) } }
            }
            return { row in parts.allSatisfy { part in part(row) } }
        }
        guard node.objectValue != nil else { return { _ in true } }
        let object = node["object"]?.stringValue ?? ""
        let objectTable = objectTables[object] ?? table
        let key = fieldKey(node["field_id"], objectTable: objectTable, store: store)
        let values = valueReader(key, table: objectTable, store: store)
        let link = objectTable == table ? nil : linkKey(from: table, to: objectTable)
        let test = Comparison(node["operator"]?.stringValue ?? "=", node["value"] ?? .null)
        return { row in
            guard let link else { return test.holds(values(row)) }
            guard let linked = row[link]?.intValue.flatMap({ store[objectTable][$0] }) else { return test.holds([]) }
            return test.holds(values(linked))
        }
    }

    /// The field's key: `field_id` is a `*Fields` row id, or a key already.
    static func fieldKey(_ fieldID: JSON?, objectTable: String, store: Store) -> String {
        let text = fieldID?.stringValue ?? fieldID?.intValue.map(String.init) ?? ""
        guard let id = Int(text), let fields = FieldCatalog.tables[objectTable],
              let field = store[fields].all.first(where: { $0["id"]?.intValue == id }),
              let key = field["key"]?.stringValue
        else { return text }
        return key
    }

    /// Built-in keys whose stored row key differs (rows are stored in v2 naming).
    static let storedKeys: [String: [String: String]] = [
        "deals": ["user_id": "owner_id", "label": "label_ids"],
        "persons": ["email": "emails", "phone": "phones", "label": "label_ids"],
        "organizations": ["label": "label_ids"],
        "products": ["price": "prices"],
        "activities": ["user_id": "owner_id", "busy_flag": "busy"],
        "leads": ["organization_id": "org_id"],
    ]

    /// Reads a field as a list of scalars: contact lists and prices by their values, an address by its text,
    /// a custom field from `custom_fields`; empty when unset.
    static func valueReader(_ key: String, table: String, store: Store) -> @Sendable (JSON) -> [JSON] {
        let stored = storedKeys[table]?[key] ?? key
        let isCustom = key.count == 40 && key.allSatisfy(\.isHexDigit)
        return { row in
            let value = isCustom ? row["custom_fields"]?[key] : row[stored]
            return scalars(value ?? .null)
        }
    }

    static func scalars(_ value: JSON) -> [JSON] {
        switch value {
        case .null: return []
        case .string(let text): return text.isEmpty ? [] : [value]
        case .array(let items): return items.flatMap { scalars($0) }
        case .object:
            for key in ["value", "price", "id", "formatted_address"] where value[key] != nil { return scalars(value[key]!) }
            return []
        default: return [value]
        }
    }

    /// The key on a `table` row that names its linked `objectTable` record.
    static func linkKey(from table: String, to objectTable: String) -> String? {
        switch objectTable {
        case "persons": "person_id"
        case "organizations": "org_id"
        case "deals": table == "leads" ? nil : "deal_id"
        default: nil
        }
    }
}

/// One leaf's operator and value, applied to a field's values: true when any value satisfies it.
struct Comparison: Sendable {
    let op: String
    let value: JSON

    init(_ op: String, _ value: JSON) {
        self.op = op
        self.value = value
    }

    func holds(_ values: [JSON]) -> Bool {
        switch op {
        case "IS NULL": return values.isEmpty
        case "IS NOT NULL": return !values.isEmpty
        case "!=": return !values.contains { order($0) == 0 }
        case "NOT LIKE '$%'": return !values.contains { text($0).hasPrefix(text(value)) }
        case "LIKE '$%'": return values.contains { text($0).hasPrefix(text(value)) }
        case "LIKE '%$%'": return values.contains { text($0).contains(text(value)) }
        default:
            return values.contains { candidate in
                let order = order(candidate)
                switch op {
                case "=": return order == 0
                case "<": return order < 0
                case ">": return order > 0
                case "<=": return order <= 0
                case ">=": return order >= 0
                default: return false
                }
            }
        }
    }

    private func text(_ json: JSON) -> String {
        switch json {
        case .string(let text): text.lowercased()
        case .bool(let flag): flag ? "1" : "0"
        case .int(let number): String(number)
        case .double(let number): String(number)
        default: ""
        }
    }

    /// How `candidate` orders against the condition's value: numerically when both are numbers (booleans as
    /// 0 and 1), a stored time against a `YYYY-MM-DD` date by its day, else as text ignoring case.
    private func order(_ candidate: JSON) -> Int {
        let left = text(candidate), right = text(value)
        if let a = Double(left), let b = Double(right) { return a < b ? -1 : (a > b ? 1 : 0) }
        let day = right.count == 10 && left.count == 19 ? String(left.prefix(10)) : left
        return day < right ? -1 : (day > right ? 1 : 0)
    }
}
