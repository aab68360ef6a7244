import JSONValue

/// One page of an action's rows, as it arrived.
public struct Page: Sendable {
    /// The rows, each a JSON object, extracted per the action's `Extraction`.
    public var rows: [JSON]
    /// 0 for the first page.
    public var number: Int
    /// True when no page follows.
    public var isLast: Bool
}

/// The pages of a list read, fetched as they are consumed: v1 offset or cursor paging behind one sequence.
///
/// Memory stays constant while streaming: a page is dropped once consumed, and at most one further page
/// is fetched ahead (with `prefetch`) so the network works while the consumer writes. Cancelling the
/// consuming task stops the fetching.
public struct PageSequence: AsyncSequence, Sendable {
    public typealias Element = Page

    let client: PipedriveClient
    let request: APIRequest
    let extraction: Extraction
    let limit: Int?
    let prefetch: Bool

    /// - Parameters:
    ///   - limit: the most rows wanted in all; page sizes shrink to fetch no more.
    ///   - prefetch: fetch the next page while the current one is consumed (streams); off for on-demand UIs.
    public init(client: PipedriveClient, request: APIRequest, extraction: Extraction, limit: Int? = nil, prefetch: Bool = true) {
        self.client = client
        self.request = request
        self.extraction = extraction
        self.limit = limit
        self.prefetch = prefetch
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(self, cursor: PageCursor(paging: request.paging, pageSize: PageCursor.pageSize(for: request), limit: limit))
    }

    /// All rows, collected (for small reads; stream the pages otherwise).
    public func allRows() async throws -> [JSON] {
        var rows: [JSON] = []
        for try await page in self { rows += page.rows }
        return rows
    }

    public final class Iterator: AsyncIteratorProtocol {
        struct Fetched: Sendable {
            var rows: [JSON]
            var cursor: PageCursor
        }
        let sequence: PageSequence
        var cursor: PageCursor
        var pending: Task<Fetched, any Error>?
        var number = 0

        init(_ sequence: PageSequence, cursor: PageCursor) {
            self.sequence = sequence
            self.cursor = cursor
        }

        deinit { pending?.cancel() }

        public func next() async throws -> Page? {
            if pending == nil {
                guard !cursor.isDone else { return nil }
                pending = start(cursor)
            }
            guard let task = pending else { return nil }
            let fetched: Fetched
            do {
                fetched = try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() }
            } catch {
                pending = nil
                cursor = PageCursor(paging: .none, pageSize: 1, limit: 0)  // a failed sequence ends
                throw error
            }
            try Task.checkCancellation()
            cursor = fetched.cursor
            pending = sequence.prefetch && !cursor.isDone ? start(cursor) : nil
            defer { number += 1 }
            return Page(rows: fetched.rows, number: number, isLast: cursor.isDone)
        }

        private func start(_ cursor: PageCursor) -> Task<Fetched, any Error> {
            let sequence = self.sequence
            return Task { try await sequence.fetch(cursor) }
        }
    }

    /// One page: the request with its paging parameters, the rows, and where the next page starts.
    func fetch(_ cursor: PageCursor) async throws -> Iterator.Fetched {
        var request = self.request
        let paging = cursor.queryItems() ?? []
        let names = Set(paging.map(\.name))
        request.query = request.query.filter { !names.contains($0.name) } + paging
        let response = try await client.send(request)
        let rows = extraction.rows(from: response.json)
        var next = cursor
        next.advance(rowCount: rows.count, body: response.json)
        if let loop = next.loop { throw PipedriveError(.malformedResponse, "\(RequestEncoding.describe(request)): \(loop)") }
        let kept = next.remaining.map { $0 < 0 ? Array(rows.dropLast(-$0)) : rows } ?? rows
        return Iterator.Fetched(rows: kept, cursor: next)
    }
}
