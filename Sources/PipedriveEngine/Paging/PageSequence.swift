import JSONValue

/// One page of an action's rows, as it arrived.
public struct Page: Sendable {
    /// The rows, extracted per the action's `Extraction`: values, or texts for a sequence that keeps them.
    public var content: PageRows
    /// The rows, each a JSON object.
    public var rows: [JSON] { content.values }
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
    let keepsTexts: Bool

    /// - Parameters:
    ///   - limit: the most rows wanted in all; page sizes shrink to fetch no more.
    ///   - prefetch: fetch the next page while the current one is consumed (streams); off for on-demand UIs.
    ///   - keepsTexts: the rows as the answer's texts (`PageRows.texts`), not parsed: for output of the
    ///     API's values as they came.
    public init(
        client: PipedriveClient, request: APIRequest, extraction: Extraction, limit: Int? = nil, prefetch: Bool = true,
        keepsTexts: Bool = false
    ) {
        self.client = client
        self.request = request
        self.extraction = extraction
        self.limit = limit
        self.prefetch = prefetch
        self.keepsTexts = keepsTexts
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
            var rows: PageRows
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
            return Page(content: fetched.rows, number: number, isLast: cursor.isDone)
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
        let rows: PageRows
        let answer: JSON
        if keepsTexts {
            let extraction = self.extraction
            let texts: RowTexts
            (texts, answer) = try await client.read(request) { try extraction.rowTexts(from: $0) }
            rows = .texts(texts)
        } else {
            answer = try await client.send(request).json
            rows = .values(extraction.rows(from: answer))
        }
        var next = cursor
        next.advance(rowCount: rows.count, body: answer)
        if let loop = next.loop { throw PipedriveError(.malformedResponse, "\(RequestEncoding.describe(request)): \(loop)") }
        let kept = next.remaining.map { $0 < 0 ? rows.prefix(rows.count + $0) : rows } ?? rows
        return Iterator.Fetched(rows: kept, cursor: next)
    }
}

/// A page's rows: JSON values, or the answer's texts of them.
public enum PageRows: Sendable {
    case values([JSON])
    case texts(RowTexts)

    public var count: Int {
        switch self {
        case .values(let rows): rows.count
        case .texts(let texts): texts.count
        }
    }

    public var isEmpty: Bool { count == 0 }

    /// The rows as JSON values (texts parsed).
    public var values: [JSON] {
        switch self {
        case .values(let rows): rows
        case .texts(let texts): texts.values
        }
    }

    /// The rows whose `id` `keep` accepts (given nil for a row without one).
    func filter(byID keep: (JSON?) -> Bool) -> PageRows {
        switch self {
        case .values(let rows): .values(rows.filter { keep($0["id"]) })
        case .texts(let texts): .texts(texts.filter(byID: keep))
        }
    }

    /// The first `count` rows.
    func prefix(_ count: Int) -> PageRows {
        switch self {
        case .values(let rows): .values(Array(rows.prefix(count)))
        case .texts(let texts): .texts(texts.prefix(count))
        }
    }
}
