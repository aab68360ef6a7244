import JSONValue
import PipedriveEngine

/// Item search (`itemSearch`) answers hits of several types, each `{result_score, item}`: the grid shows
/// each hit as its record (type, id, name, score), and Enter opens that record's own detail.
enum ItemSearchRows {
    /// The hit's item, with its score, and its name under `name` whatever the type calls it.
    static func row(_ hit: JSON) -> JSON {
        guard var item = hit["item"]?.objectValue else { return hit }
        item["result_score"] = hit["result_score"] ?? .null
        if item["name"] == nil { item["name"] = item["title"] ?? item["subject"] ?? .null }
        return .object(item)
    }

    static let columns = [
        ColumnInfo(key: "id", title: "ID", kind: .integer, width: 8, isKey: true),
        ColumnInfo(key: "type", title: "Type", kind: .text, width: 12),
        ColumnInfo(key: "name", title: "Name", kind: .text, width: 40),
        ColumnInfo(key: "result_score", title: "Score", kind: .decimal, width: 8),
    ]

    /// Whether a grid's rows are item search hits.
    static func lists(_ request: PageRequest?, _ shared: Shared) -> Bool {
        guard let request else { return false }
        return shared.resource(request.resource)?.actions.first { $0.name == request.action }?.extraction == .searchItems
    }

    /// The resource a hit belongs to (`deal` → `deals`) when its record can be opened by its id.
    static func record(of row: JSON, _ shared: Shared) -> (ResourceInfo, Int)? {
        guard let type = row["type"]?.stringValue, let id = row["id"]?.intValue,
              let info = shared.resource(type + "s") else { return nil }
        return (info, id)
    }
}
