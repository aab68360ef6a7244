import JSONValue
import Testing

@testable import PipedriveEngine

@Suite struct PageCursorTests {
    @Test func offsetPagingFollowsNextStart() {
        var cursor = PageCursor(paging: .offset, pageSize: 500)
        #expect(cursor.queryItems() == [QueryItem("start", "0"), QueryItem("limit", "500")])
        cursor.advance(
            rowCount: 500,
            body: ["additional_data": ["pagination": ["start": 0, "limit": 500, "more_items_in_collection": true, "next_start": 500]]])
        #expect(cursor.position == .offset(500))
        #expect(cursor.queryItems() == [QueryItem("start", "500"), QueryItem("limit", "500")])
        cursor.advance(rowCount: 20, body: ["additional_data": ["pagination": ["more_items_in_collection": false]]])
        #expect(cursor.isDone)
        #expect(cursor.queryItems() == nil)
    }

    @Test func offsetPagingWithoutNextStartCountsRows() {
        var cursor = PageCursor(paging: .offset, pageSize: 100)
        cursor.advance(rowCount: 100, body: ["additional_data": ["pagination": ["more_items_in_collection": true]]])
        #expect(cursor.position == .offset(100))
    }

    @Test func cursorPagingFollowsNextCursorUntilNull() {
        var cursor = PageCursor(paging: .cursor, pageSize: 500)
        #expect(cursor.queryItems() == [QueryItem("limit", "500")])
        cursor.advance(rowCount: 500, body: ["additional_data": ["next_cursor": "abc"]])
        #expect(cursor.queryItems() == [QueryItem("cursor", "abc"), QueryItem("limit", "500")])
        cursor.advance(rowCount: 3, body: ["additional_data": ["next_cursor": nil]])
        #expect(cursor.isDone)
    }

    @Test func unpagedReadsAreOneRequest() {
        var cursor = PageCursor(paging: .none, pageSize: 500)
        #expect(cursor.queryItems() == [])
        cursor.advance(rowCount: 3, body: ["additional_data": ["next_cursor": "x"]])
        #expect(cursor.isDone)
    }

    @Test func limitShrinksTheLastPageAndStops() {
        var cursor = PageCursor(paging: .cursor, pageSize: 500, limit: 700)
        cursor.advance(rowCount: 500, body: ["additional_data": ["next_cursor": "c1"]])
        #expect(cursor.queryItems() == [QueryItem("cursor", "c1"), QueryItem("limit", "200")])
        cursor.advance(rowCount: 200, body: ["additional_data": ["next_cursor": "c2"]])
        #expect(cursor.isDone)
        #expect(PageCursor(paging: .cursor, pageSize: 500, limit: 0).isDone)
    }

    @Test func emptyOrStuckPagesEnd() {
        var empty = PageCursor(paging: .cursor, pageSize: 500)
        empty.advance(rowCount: 0, body: ["additional_data": ["next_cursor": "again"]])
        #expect(empty.isDone)
        var stuck = PageCursor(paging: .offset, pageSize: 500)
        stuck.advance(rowCount: 5, body: ["additional_data": ["pagination": ["more_items_in_collection": true, "next_start": 0]]])
        #expect(stuck.isDone)
    }

    @Test func pageSizesAreTheLargestAllowed() {
        #expect(PageCursor.pageSize(for: APIRequest(.get, .v2, "/deals")) == 500)
        #expect(PageCursor.pageSize(for: APIRequest(.get, .v1, "/recents")) == 500)
        #expect(PageCursor.pageSize(for: APIRequest(.get, .v1, "/files")) == 100)
        #expect(PageCursor.pageSize(for: APIRequest(.get, .v1, "/persons/4/files")) == 100)
        #expect(PageCursor.pageSize(for: APIRequest(.get, .v2, "/itemSearch")) == 100)
        #expect(PageCursor.pageSize(for: APIRequest(.get, .v2, "/deals/search")) == 500)
    }

    @Test func extractionReadsEachShape() {
        let list: JSON = ["data": [["id": 1], ["id": 2]]]
        #expect(Extraction.data.rows(from: list).count == 2)
        #expect(Extraction.data.rows(from: ["data": ["id": 1]]) == [["id": 1]])
        #expect(Extraction.data.rows(from: ["data": nil]).isEmpty)
        let recents: JSON = ["data": [["item": "deal", "id": 3, "data": ["id": 3, "title": "A"]]]]
        #expect(Extraction.recentsData.rows(from: recents) == [["id": 3, "title": "A"]])
        let search: JSON = ["data": ["items": [["result_score": 1.5, "item": ["id": 4, "type": "deal"]]]]]
        #expect(Extraction.searchItems.rows(from: search) == [["result_score": 1.5, "item": ["id": 4, "type": "deal"]]])
        #expect(Extraction.searchItemRecords.rows(from: search) == [["id": 4, "type": "deal"]])
    }
}
