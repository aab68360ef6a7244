import Foundation
import JSONValue

/// Which kept lists changed on the account since a moment, in one request: `GET /v1/recents` with
/// `items=stage,pipeline,user,activityType` (20 tokens) lists the rows of those kinds whose `update_time`
/// (a user's `modified`) is at or after `since_timestamp`. `*Fields` lists have no kind there.
public struct RecentChanges: Sendable {
    /// The kept lists `/recents` reports on, by their name in `SchemaLists` → its item type.
    static let kinds = ["stages": "stage", "pipelines": "pipeline", "users": "user", "activityTypes": "activityType"]
    /// `since` is our clock and `update_time` is Pipedrive's: asking from this much earlier keeps a change
    /// made while our clock ran ahead from being missed (at worst an unchanged list is read once more).
    static let clockMargin: TimeInterval = 300
    let client: PipedriveClient

    /// Which of `lists` changed at or after `since` (less `clockMargin`), reading no further than needed.
    func changed(_ lists: Set<String>, since: Date) async throws -> Set<String> {
        let items = lists.compactMap { Self.kinds[$0] }.sorted()
        guard !items.isEmpty else { return [] }
        let from = Int((since.timeIntervalSince1970 - Self.clockMargin).rounded(.down))
        let request = APIRequest(.get, .v1, "/recents", query: [
            QueryItem("since_timestamp", Moment.text(from)),
            QueryItem("items", items.joined(separator: ",")),
        ], paging: .offset)
        var changed: Set<String> = []
        for try await page in PageSequence(client: client, request: request, extraction: .data, prefetch: false) {
            for row in page.rows {
                if let item = row["item"]?.stringValue, let list = Self.kinds.first(where: { $0.value == item })?.key { changed.insert(list) }
            }
            if changed.count == items.count { break }
        }
        return changed
    }
}
