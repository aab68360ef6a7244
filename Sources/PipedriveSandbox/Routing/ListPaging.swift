import Foundation
import JSONValue

/// Pipedrive's two paging schemes over an ordered list of rows.
public enum ListPaging {
    public static let maxLimit = 500

    /// v1 offset paging: `start` (default 0) and `limit` (default 100, clamped to `maxLimit`).
    /// Returns the page and `additional_data.pagination`.
    public static func offset<T>(_ rows: [T], query: [String: String], maxLimit: Int = ListPaging.maxLimit)
        throws(APIError) -> (page: ArraySlice<T>, pagination: JSON)
    {
        let start = try nonNegative(query["start"], name: "start") ?? 0
        let limit = min(max(try nonNegative(query["limit"], name: "limit") ?? 100, 1), maxLimit)
        let lower = min(start, rows.count)
        let upper = min(lower + limit, rows.count)
        let more = upper < rows.count
        var pagination: JSON = ["start": .int(start), "limit": .int(limit), "more_items_in_collection": .bool(more)]
        if more { pagination["next_start"] = .int(upper) }
        return (rows[lower..<upper], pagination)
    }

    /// v2 cursor paging over rows sorted by ascending id: `cursor` (opaque) and `limit` (default 100).
    /// Returns the page and the next cursor (`nil` on the last page).
    public static func cursor<T>(
        _ rows: [T], id: (T) -> Int, query: [String: String], maxLimit: Int = ListPaging.maxLimit
    ) throws(APIError) -> (page: ArraySlice<T>, nextCursor: String?) {
        let limit = min(max(try nonNegative(query["limit"], name: "limit") ?? 100, 1), maxLimit)
        var lower = 0
        if let cursor = query["cursor"], !cursor.isEmpty {
            guard let afterID = decodeCursor(cursor) else { throw .validation("cursor", "Invalid cursor") }
            lower = firstIndex(in: rows, after: afterID, id: id)
        }
        let upper = min(lower + limit, rows.count)
        let next = upper < rows.count && upper > lower ? encodeCursor(afterID: id(rows[upper - 1])) : nil
        return (rows[lower..<upper], next)
    }

    /// Cursors look like Pipedrive's: base64url of `{"field":"id","fieldValue":N,"sortDirection":"asc","id":N}`.
    public static func encodeCursor(afterID: Int) -> String {
        let text: JSON = ["field": "id", "fieldValue": .int(afterID), "sortDirection": "asc", "id": .int(afterID)]
        return Data(text.serialized()).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public static func decodeCursor(_ cursor: String) -> Int? {
        var text = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text), let json = try? JSON(parsing: Array(data)) else { return nil }
        return json["id"]?.intValue
    }

    static func firstIndex<T>(in rows: [T], after afterID: Int, id: (T) -> Int) -> Int {
        var low = 0
        var high = rows.count
        while low < high {
            let mid = (low + high) / 2
            if id(rows[mid]) <= afterID { low = mid + 1 } else { high = mid }
        }
        return low
    }

    static func nonNegative(_ text: String?, name: String) throws(APIError) -> Int? {
        guard let text else { return nil }
        guard let value = Int(text), value >= 0 else {
            throw .badRequest("Parameter '\(name)' must be a non-negative integer.")
        }
        return value
    }
}
