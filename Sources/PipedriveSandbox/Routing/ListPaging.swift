import Foundation
import JSONValue

/// Pipedrive's two paging schemes over an ordered list of rows.
public enum ListPaging {
    public static let maxLimit = 500

    /// v1 offset paging: `start` (default 0) and `limit` (default 100, clamped to `maxLimit`).
    /// Returns the page and `additional_data.pagination`. Rows are read in order and no further than the page
    /// and one more (to tell `more_items_in_collection`), so a lazy sequence is never read to its end.
    public static func offset<Rows: Sequence>(_ rows: Rows, query: [String: String], maxLimit: Int = ListPaging.maxLimit)
        throws(APIError) -> (page: [Rows.Element], pagination: JSON)
    {
        let start = try nonNegative(query["start"], name: "start") ?? 0
        let limit = min(max(try nonNegative(query["limit"], name: "limit") ?? 100, 1), maxLimit)
        var rest = rows.dropFirst(start).makeIterator()
        let page = take(limit, from: &rest)
        let more = page.count == limit && rest.next() != nil
        var pagination: JSON = ["start": .int(start), "limit": .int(limit), "more_items_in_collection": .bool(more)]
        if more { pagination["next_start"] = .int(start + limit) }
        return (page, pagination)
    }

    /// v2 cursor paging over rows sorted by ascending id: `cursor` (opaque) and `limit` (default 100).
    /// Returns the page and the next cursor (`nil` on the last page).
    public static func cursor<T>(
        _ rows: [T], id: (T) -> Int, query: [String: String], maxLimit: Int = ListPaging.maxLimit
    ) throws(APIError) -> (page: [T], nextCursor: String?) {
        try cursor(id: id, query: query, maxLimit: maxLimit) { afterID in
            rows[(afterID.map { firstIndex(in: rows, after: $0, id: id) } ?? 0)...]
        }
    }

    /// v2 cursor paging where `rowsAfter` gives the rows past an id (all of them for nil) in ascending id
    /// order; they are read no further than the page and one more.
    public static func cursor<Rows: Sequence>(
        id: (Rows.Element) -> Int, query: [String: String], maxLimit: Int = ListPaging.maxLimit, rowsAfter: (Int?) -> Rows
    ) throws(APIError) -> (page: [Rows.Element], nextCursor: String?) {
        let limit = min(max(try nonNegative(query["limit"], name: "limit") ?? 100, 1), maxLimit)
        var afterID: Int?
        if let cursor = query["cursor"], !cursor.isEmpty {
            guard let decoded = decodeCursor(cursor) else { throw .validation("cursor", "Invalid cursor") }
            afterID = decoded
        }
        var rest = rowsAfter(afterID).makeIterator()
        let page = take(limit, from: &rest)
        let next = page.count == limit && rest.next() != nil ? encodeCursor(afterID: id(page[limit - 1])) : nil
        return (page, next)
    }

    private static func take<Rows: IteratorProtocol>(_ count: Int, from rows: inout Rows) -> [Rows.Element] {
        var page: [Rows.Element] = []
        page.reserveCapacity(min(count, maxLimit))
        while page.count < count, let row = rows.next() { page.append(row) }
        return page
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
