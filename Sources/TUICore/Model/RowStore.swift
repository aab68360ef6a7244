import JSONValue
import PipedriveEngine
import Synchronization

/// The rows of a grid, kept compact: 100,000 records as `[String: JSON]` dictionaries take
/// ~6 KB each, mostly hash tables and repeated keys. Here each record is encoded once into bytes
/// (keys interned once per page, see `RowEncoding`) and decoded again only when asked for, which
/// is the visible rows of a frame. Each page of rows is one immutable chunk, encoded where the page
/// is made (off the main actor, see `RowPage`); appending a page never copies the rows before it,
/// even while an older copy of the grid is still held.
///
/// Each row also keeps its lower-cased searchable text (every scalar value, nested ones included),
/// built as its page arrives, so the first key of a `/` filter is a byte scan rather than the
/// lower-casing of every loaded row.
public struct RowStore: RandomAccessCollection, Sendable {
    private var chunks: [Chunk] = []
    /// The index of each chunk's first row.
    private var chunkStarts: [Int] = []
    public private(set) var count = 0
    /// Rows decoded and cells formatted lately: a frame draws the same rows as the one before.
    private var decoded = DecodedRows()
    private var cellTexts = CellTexts()

    public init() {}

    public init(_ rows: [JSON]) {
        self.init(chunk: Chunk(rows))
    }

    /// A page's rows from the answer's texts, each as `schema.record(from:)` makes it, without parsing them
    /// (see `RowEncoder.encode(record:)`): the same rows and search text as from the parsed records.
    public init(_ texts: RowTexts, schema: Schema) throws {
        self.init(chunk: try Chunk(texts, schema: schema))
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    /// A whole row, decoded (and remembered for the next frames).
    public subscript(position: Int) -> JSON {
        precondition(position >= 0 && position < count, "row index out of range")
        if let row = decoded.row(position) { return row }
        let (chunk, local) = locate(position)
        let row = chunk.decode(local)
        decoded.remember(row, at: position)
        return row
    }

    /// One column's cells in the rows at `positions`, each made by `make` from its row, remembered for the
    /// next frames while `stamp` stays.
    func texts(_ column: Int, at positions: [Int], stamp: CellStamp, make: (JSON) -> String) -> [CellText] {
        cellTexts.column(column, at: positions, stamp: stamp) { make(self[$0]) }
    }

    /// One value of a row without decoding the rest: what sorting by a column needs.
    public func value(_ key: String, at position: Int) -> JSON? {
        let (chunk, local) = locate(position)
        return chunk.value(key, at: local)
    }

    public mutating func append(contentsOf rows: [JSON]) {
        append(contentsOf: RowStore(chunk: Chunk(rows)))
    }

    public mutating func append(contentsOf other: RowStore) {
        guard !other.isEmpty else { return }
        // A copy sharing the decoded rows would see this store's new rows at its own positions.
        if !isKnownUniquelyReferenced(&decoded) { decoded = DecodedRows() }
        if !isKnownUniquelyReferenced(&cellTexts) { cellTexts = CellTexts() }
        chunkStarts += other.chunkStarts.map { $0 + count }
        chunks += other.chunks
        count += other.count
    }

    /// The rows at these positions replaced (their names filled in): each page holding one is encoded again.
    public mutating func replace(_ replacements: [Int: JSON]) {
        var byChunk: [Int: [Int: JSON]] = [:]
        for (position, row) in replacements where indices.contains(position) {
            let c = chunkIndex(position)
            byChunk[c, default: [:]][position - chunkStarts[c]] = row
        }
        guard !byChunk.isEmpty else { return }
        for (c, rows) in byChunk {
            let chunk = chunks[c]
            chunks[c] = Chunk((0..<chunk.rowCount).map { rows[$0] ?? chunk.decode($0) })
        }
        decoded = DecodedRows()
        cellTexts = CellTexts()
    }

    private init(chunk: Chunk) {
        if chunk.rowCount > 0 { (chunks, chunkStarts, count) = ([chunk], [0], chunk.rowCount) }
    }

    /// Whether the row's searchable text contains `needle`, lower-cased UTF-8 (see `searchKey`).
    public func contains(_ needle: [UInt8], at position: Int) -> Bool {
        let (chunk, local) = locate(position)
        return chunk.contains(needle, at: local)
    }

    /// The positions among `candidates` whose rows contain `needle`, in their order: one scan of
    /// every row when that is cheaper than looking each candidate up.
    public func subset(_ candidates: [Int], containing needle: [UInt8]) -> [Int] {
        guard candidates.count > count / 8 else { return candidates.filter { contains(needle, at: $0) } }
        var hit = [Bool](repeating: false, count: count)
        for position in indices(containing: needle) { hit[position] = true }
        return candidates.filter { hit[$0] }
    }

    /// The indices of the rows whose searchable text contains `needle`, in order.
    public func indices(containing needle: [UInt8]) -> [Int] {
        var found: [Int] = []
        for (c, chunk) in chunks.enumerated() {
            chunk.matches(needle) { found.append(chunkStarts[c] + $0) }
        }
        return found
    }

    /// A filter's text as the bytes `contains` looks for.
    public static func searchKey(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        SearchText.appendLowercased(text, to: &out)
        return out
    }

    private func locate(_ position: Int) -> (Chunk, Int) {
        let c = chunkIndex(position)
        return (chunks[c], position - chunkStarts[c])
    }

    private func chunkIndex(_ position: Int) -> Int {
        var low = 0, high = chunkStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if chunkStarts[mid] <= position { low = mid } else { high = mid - 1 }
        }
        return low
    }
}

extension RowStore: Equatable {
    public static func == (a: RowStore, b: RowStore) -> Bool {
        a.elementsEqual(b)
    }
}

extension RowStore: ExpressibleByArrayLiteral {
    public init(arrayLiteral rows: JSON...) {
        self.init(rows)
    }
}

/// Object keys numbered in the order first seen, `id` first: members are stored in key order, so
/// a record's id is read without skipping any other member.
struct KeyTable: Sendable {
    private(set) var names = ["id"]
    private(set) var ids = ["id": 0]

    mutating func id(_ key: String) -> Int {
        if let id = ids[key] { return id }
        ids[key] = names.count
        names.append(key)
        return names.count - 1
    }
}

/// One page of rows: their encodings back to back (with the page's keys), and their search texts
/// back to back.
private final class Chunk: Sendable {
    let keys: KeyTable
    let bytes: [UInt8]
    /// Where each row starts in `bytes`, and one more for the end.
    let starts: [Int]
    let search: [UInt8]
    let searchStarts: [Int]

    var rowCount: Int { starts.count - 1 }

    convenience init(_ rows: [JSON]) {
        self.init(count: rows.count) { row, encoder, keys, search in
            encoder.encode(rows[row], keys: &keys)
            SearchText.append(rows[row], to: &search)
        }
    }

    convenience init(_ texts: RowTexts, schema: Schema) throws {
        let reshaped = schema.reshapedKeys
        try self.init(count: texts.count) { row, encoder, keys, search in
            try texts[row].withUnsafeBufferPointer { text in
                try encoder.encode(record: text, schema: schema, reshaped: reshaped, keys: &keys, search: &search)
            }
        }
    }

    /// `count` rows, each encoded (and its search text appended) by `encode`.
    private init(count: Int, _ encode: (Int, inout RowEncoder, inout KeyTable, inout [UInt8]) throws -> Void) rethrows {
        var keys = KeyTable()
        var encoder = RowEncoder()
        var search: [UInt8] = []
        var starts: [Int] = [0]
        var searchStarts: [Int] = [0]
        starts.reserveCapacity(count + 1)
        searchStarts.reserveCapacity(count + 1)
        for row in 0..<count {
            try encode(row, &encoder, &keys, &search)
            starts.append(encoder.bytes.count)
            searchStarts.append(search.count)
        }
        self.keys = keys
        // Exact copies: the arrays grew by doubling, and a page is kept as long as the grid is.
        bytes = encoder.bytes.withUnsafeBufferPointer { Array($0) }
        self.starts = starts
        self.search = search.withUnsafeBufferPointer { Array($0) }
        self.searchStarts = searchStarts
    }

    func decode(_ row: Int) -> JSON {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = RowReader(bytes: buffer, at: starts[row], keys: keys.names)
            return reader.value()
        }
    }

    func value(_ key: String, at row: Int) -> JSON? {
        guard let id = keys.ids[key] else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            var reader = RowReader(bytes: buffer, at: starts[row], keys: keys.names)
            return reader.member(id)
        }
    }

    func contains(_ needle: [UInt8], at row: Int) -> Bool {
        search.withUnsafeBufferPointer { text in
            SearchText.find(needle, in: text, from: searchStarts[row], to: searchStarts[row + 1]) != nil
        }
    }

    /// Calls `found` with each row (in order) whose search text contains `needle`: one scan over
    /// the chunk's text, skipping to the next row after each match.
    func matches(_ needle: [UInt8], _ found: (Int) -> Void) {
        search.withUnsafeBufferPointer { text in
            var row = 0
            let rows = searchStarts.count - 1
            while row < rows {
                guard let at = SearchText.find(needle, in: text, from: searchStarts[row], to: text.count) else { return }
                // The row the match starts in; a match running over a row's end does not count.
                while searchStarts[row + 1] <= at { row += 1 }
                if at + needle.count <= searchStarts[row + 1] { found(row) }
                row += 1
            }
        }
    }
}

/// Rows decoded lately, shared by copies of a store until one of them appends: a memo of what the
/// shared rows decode to, so sharing it is invisible to them. Bounded: emptied when full.
private final class DecodedRows: Sendable {
    private let rows = Mutex<[Int: JSON]>([:])
    private static let limit = 512

    func row(_ position: Int) -> JSON? {
        rows.withLock { $0[position] }
    }

    func remember(_ row: JSON, at position: Int) {
        rows.withLock {
            if $0.count >= Self.limit { $0.removeAll(keepingCapacity: true) }
            $0[position] = row
        }
    }
}
