import JSONValue

/// The live rows of one entity type, kept in ascending id order for paging.
public struct Table: Sendable {
    public private(set) var ids: [Int] = []
    public private(set) var rows: [Int: JSON] = [:]

    public init() {}

    public var count: Int { ids.count }

    public subscript(id: Int) -> JSON? { rows[id] }

    /// All rows in ascending id order.
    public var all: [JSON] { ids.map { rows[$0]! } }

    /// Inserts or replaces the row with this id.
    public mutating func upsert(_ id: Int, _ row: JSON) {
        if rows.updateValue(row, forKey: id) != nil { return }
        if let last = ids.last, last > id {
            ids.insert(id, at: ListPaging.firstIndex(in: ids, after: id, id: { $0 }))
        } else {
            ids.append(id)
        }
    }

    @discardableResult
    public mutating func remove(_ id: Int) -> JSON? {
        guard let row = rows.removeValue(forKey: id) else { return nil }
        if let index = ids.firstIndex(of: id) { ids.remove(at: index) }
        return row
    }
}
