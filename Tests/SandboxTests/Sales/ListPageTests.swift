import JSONValue
import PipedriveSandbox
import Testing

/// Lists read their rows only as far as a page needs: every page's rows, `more_items_in_collection` /
/// `next_start`, `next_cursor` and the rest of `additional_data` are those of the whole list cut into pages,
/// for unfiltered and filtered lists, on an account with deleted deals (so `status=deleted` reads two tables).
@Suite(.serialized) struct ListPageTests {
    static let server: SandboxServer = try! SalesServer.start()

    /// Deletes the three newest deals once, so `status=open,deleted` reads two tables: live rows, then deleted ones.
    static func deleteNewest() async throws {
        guard server.withStore({ $0.deleted["deals"]?.count ?? 0 }) == 0 else { return }
        for id in server.withStore({ Array($0["deals"].ids.suffix(3)) }) {
            #expect(try await HTTP.call(server, "DELETE", "/api/v2/deals/\(id)").status == 200)
        }
    }

    /// The listed deals (archived ones have their own list), deleted ones after the live ones.
    static func deals(_ keep: (JSON) -> Bool, deleted: Bool = false) -> [JSON] {
        server.withStore { store in
            (store["deals"].all + (deleted ? store.deleted["deals"]?.all ?? [] : [])).filter { $0["is_archived"] != true && keep($0) }
        }
    }

    static func id(_ row: JSON) -> Int { row["id"]?.intValue ?? 0 }

    /// v1 pages at several offsets: rows, pagination and related objects are those the fully sorted (whole list)
    /// path gives for `sort=id ASC`, and the ids are the expected slice.
    @Test(arguments: [
        ("", { @Sendable (_: JSON) in true }),
        ("status=won", { @Sendable (row: JSON) in row["status"] == "won" }),
        ("stage_id=2&status=open", { @Sendable (row: JSON) in row["stage_id"] == 2 && row["status"] == "open" }),
    ] as [(String, @Sendable (JSON) -> Bool)])
    func v1PagesMatchTheWholeList(_ query: String, _ keep: @Sendable (JSON) -> Bool) async throws {
        try await Self.deleteNewest()
        let expected = Self.deals(keep).map(Self.id)
        #expect(expected.count > 60, "enough rows to page")
        for (start, limit) in [(0, 7), (13, 50), (expected.count - 20, 20), (expected.count - 19, 20), (expected.count, 5), (expected.count + 9, 5)] {
            let page = "/api/v1/deals?\(query)&start=\(start)&limit=\(limit)"
            let reply = try #require(try await HTTP.get(Self.server, page).json)
            let whole = try #require(try await HTTP.get(Self.server, page + "&sort=id%20ASC").json)
            #expect(reply == whole, "\(page)")
            let ids = reply["data"]?.arrayValue?.map(Self.id) ?? []
            #expect(ids == Array(expected.dropFirst(start).prefix(limit)), "\(page)")
            let more = start + limit < expected.count
            var pagination: JSON = ["start": .int(start), "limit": .int(limit), "more_items_in_collection": .bool(more)]
            if more { pagination["next_start"] = .int(start + limit) }
            #expect(reply["additional_data"]?["pagination"] == pagination, "\(page)")
        }
    }

    /// v2 cursor walks: each page's rows are the deals read one by one, and `next_cursor` names the page's last
    /// id exactly when rows follow.
    @Test(arguments: [
        ("", false, { @Sendable (_: JSON) in true }),
        ("status=lost", false, { @Sendable (row: JSON) in row["status"] == "lost" }),
        ("status=open,deleted", true, { @Sendable (row: JSON) in row["is_deleted"] == true || row["status"] == "open" }),
        ("updated_until=2026-09-01T00:00:00Z", false, { @Sendable (row: JSON) in (row["update_time"]?.stringValue ?? "") < "2026-09-01 00:00:00" }),
    ] as [(String, Bool, @Sendable (JSON) -> Bool)])
    func v2PagesMatchTheWholeList(_ query: String, _ deleted: Bool, _ keep: @Sendable (JSON) -> Bool) async throws {
        try await Self.deleteNewest()
        let expected = Self.deals(keep, deleted: deleted)
        #expect(expected.count > 60, "enough rows to page")
        #expect(expected.contains { $0["is_deleted"] == true } == deleted)
        #expect(expected.count < Self.deals { _ in true }.count || query.isEmpty, "the filter leaves rows out")
        var cursor: String?
        var seen = 0
        repeat {
            let page = "/api/v2/deals?\(query)&limit=47" + (cursor.map { "&cursor=\($0)" } ?? "")
            let reply = try #require(try await HTTP.get(Self.server, page).json)
            let rows = reply["data"]?.arrayValue ?? []
            #expect(rows.map(Self.id) == expected.dropFirst(seen).prefix(47).map(Self.id), "\(page)")
            for row in rows.prefix(2) where row["is_deleted"] != true {
                #expect(try await HTTP.get(Self.server, "/api/v2/deals/\(Self.id(row))").json?["data"] == row)
            }
            seen += rows.count
            cursor = reply["additional_data"]?["next_cursor"]?.stringValue
            let last = rows.last.map(Self.id) ?? 0
            #expect(reply["additional_data"] == ["next_cursor": seen < expected.count ? .string(ListPaging.encodeCursor(afterID: last)) : .null])
        } while cursor != nil
        #expect(seen == expected.count)
    }
}
