import JSONValue

extension Session {
    /// One page of a read at `position` (nil: the first), with where the next page starts (nil: this was
    /// the last). Nothing is kept here: the caller holds the position, so a reader that stops paging
    /// leaves nothing behind, and a position that cannot continue this read is an error, not a restart.
    /// `pageSize` defaults to the most rows Pipedrive gives per page; `filters` are a list's resolved filters
    /// (see `listFilters`).
    public func page(
        _ action: Action, parameters: [String: String] = [:], at position: PageCursor.Position? = nil, pageSize: Int? = nil,
        filters: [QueryItem] = []
    ) async throws -> (rows: [JSON], next: PageCursor.Position?) {
        let page = try await page(action, parameters: parameters, at: position, pageSize: pageSize, filters: filters, keepsTexts: false)
        return (page.rows.values, page.next)
    }

    /// The same, the rows kept as the answer's texts with `keepsTexts` (see `PageSequence`).
    public func page(
        _ action: Action, parameters: [String: String] = [:], at position: PageCursor.Position? = nil, pageSize: Int? = nil,
        filters: [QueryItem] = [], keepsTexts: Bool
    ) async throws -> (rows: PageRows, next: PageCursor.Position?) {
        let sequence = try pages(action, parameters: parameters, prefetch: false, filters: filters, keepsTexts: keepsTexts)
        let paging = sequence.request.paging
        let start = position ?? .first
        let continues: Bool
        switch start {
        case .first: continues = true
        case .offset: continues = paging == .offset
        case .cursor: continues = paging != .none  // v1 offset lists may answer with a cursor
        case .done: continues = false
        }
        guard continues else {
            throw PipedriveError(.invalidInput, "That paging position does not continue '\(action.name)'; reload it from the first page.")
        }
        let size = max(1, min(pageSize ?? .max, PageCursor.pageSize(for: sequence.request)))
        let cursor = PageCursor(paging: paging, pageSize: size, at: start)
        let fetched = try await sequence.fetch(cursor)
        return (fetched.rows, fetched.cursor.isDone ? nil : fetched.cursor.position)
    }
}

extension PageCursor.Position {
    /// The position as text, for a caller that keeps it as a string (`start:500`, `cursor:…`).
    public var token: String {
        switch self {
        case .first: "first"
        case .offset(let start): "start:\(start)"
        case .cursor(let cursor): "cursor:" + cursor
        case .done: "done"
        }
    }

    /// Reads `token` back; a text no position writes is an error.
    public init(token: String) throws(PipedriveError) {
        if token == "first" {
            self = .first
        } else if token.hasPrefix("start:"), let start = Int(token.dropFirst(6)), start >= 0 {
            self = .offset(start)
        } else if token.hasPrefix("cursor:"), token.count > 7 {
            self = .cursor(String(token.dropFirst(7)))
        } else {
            throw PipedriveError(.invalidInput, "\"\(token)\" is not a paging position; reload from the first page.")
        }
    }
}
