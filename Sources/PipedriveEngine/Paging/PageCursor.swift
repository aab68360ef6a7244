import JSONValue

/// Where the next page starts: a pure state machine over Pipedrive's two paging schemes.
///
/// v1 offset paging sends `start`/`limit` and reads `additional_data.pagination`
/// (`more_items_in_collection`, `next_start`); cursor paging (v2, and a few v1 endpoints) sends
/// `cursor`/`limit` and reads `additional_data.next_cursor`. The first request follows the request's
/// `Paging`; later ones follow what each answer offers.
public struct PageCursor: Sendable, Equatable {
    public enum Position: Sendable, Equatable {
        case first
        case offset(Int)
        case cursor(String)
        case done
    }

    public private(set) var position: Position = .first
    public let paging: Paging
    public let pageSize: Int
    /// Rows still wanted; nil for all.
    public private(set) var remaining: Int?
    /// Set when the server led the walk back to a page it already gave, or past any account's size: the
    /// walk stops here with this sentence instead of going round for ever.
    public private(set) var loop: String?
    private var seen: Set<String> = []
    private var pages = 0

    /// More pages than any Pipedrive account holds (10 million rows of 500).
    public static let maxPages = 20_000

    /// - Parameter position: where to start; the first page by default.
    public init(paging: Paging, pageSize: Int, limit: Int? = nil, at position: Position = .first) {
        self.paging = paging
        self.pageSize = pageSize
        self.remaining = limit
        self.position = position
        // A walk resumed at a position (one page at a time, `Session.page`) knows that one already.
        if let key = Self.seenKey(position) { seen.insert(key) }
        if let limit, limit <= 0 { self.position = .done }
    }

    /// How `seen` names a position the server led to.
    private static func seenKey(_ position: Position) -> String? {
        switch position {
        case .cursor(let cursor): "cursor " + cursor
        case .offset(let start): "start \(start)"
        default: nil
        }
    }

    public var isDone: Bool { position == .done }

    /// The paging parameters of the next request; nil when there is none.
    public func queryItems() -> [QueryItem]? {
        let limit = String(min(pageSize, remaining ?? pageSize))
        switch position {
        case .first:
            switch paging {
            case .none: return []
            case .offset: return [QueryItem("start", "0"), QueryItem("limit", limit)]
            case .cursor: return [QueryItem("limit", limit)]
            }
        case .offset(let start): return [QueryItem("start", String(start)), QueryItem("limit", limit)]
        case .cursor(let cursor): return [QueryItem("cursor", cursor), QueryItem("limit", limit)]
        case .done: return nil
        }
    }

    /// Moves past a page of `rowCount` rows whose answer was `body`.
    public mutating func advance(rowCount: Int, body: JSON) {
        if let remaining { self.remaining = remaining - rowCount }
        if position == .first { seen.insert("start 0") }
        pages += 1
        let additional = body["additional_data"]
        let pagination = additional?["pagination"]
        let previousStart: Int? =
            switch position {
            case .first: 0
            case .offset(let start): start
            default: nil
            }
        if paging == .none {
            position = .done
        } else if let remaining, remaining <= 0 {
            position = .done
        } else if rowCount == 0 {
            position = .done  // an empty page never leads anywhere
        } else if let cursor = additional?["next_cursor"]?.stringValue, !cursor.isEmpty {
            position = .cursor(cursor)
        } else if pagination?["more_items_in_collection"]?.boolValue == true, let previousStart {
            let next = pagination?["next_start"]?.intValue ?? previousStart + rowCount
            position = .offset(next)  // one already used stops the walk below
        } else {
            position = .done
        }
        guard let key = Self.seenKey(position) else { return }
        if !seen.insert(key).inserted {
            loop = "The server sent the same page position (\(Sanitize.inline(key, limit: 60))) a second time after \(pages) pages; the walk was stopped so it cannot go round for ever."
            position = .done
        } else if pages >= Self.maxPages {
            loop = "The server offered more than \(Self.maxPages) pages, more than any account holds; the walk was stopped."
            position = .done
        }
    }

    /// The page size that needs the fewest calls: 500, or 100 where Pipedrive caps it (v1 files, v2 itemSearch).
    public static func pageSize(for request: APIRequest) -> Int {
        let segments = request.path.split(separator: "/")
        switch request.version {
        case .v1 where segments.contains("files"): return 100
        case .v2 where segments.first == "itemSearch": return 100
        default: return 500
        }
    }
}
