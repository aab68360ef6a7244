import JSONValue

/// A page's rows as compact JSON texts back to back, as the answer had them (whitespace between tokens
/// left out, so each is one line): for output that keeps the API's values, with no `JSON` values made.
public struct RowTexts: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// Where each row's text ends in `bytes`.
    private var ends: [Int] = []
    /// Each row's `id` (nil without one): a parallel read hands each record over once by it.
    public private(set) var ids: [JSON?] = []

    public var count: Int { ends.count }

    /// Row `row`'s text.
    public subscript(row: Int) -> ArraySlice<UInt8> {
        bytes[(row == 0 ? 0 : ends[row - 1])..<ends[row]]
    }

    /// Each row parsed.
    public var values: [JSON] {
        (0..<count).map { (try? JSON(parsing: self[$0])) ?? .null }
    }

    init() {}

    /// Rows already parsed (an answer whose rows are not a plain `data` array), written as texts.
    init(_ rows: [JSON]) {
        var writer = JSONWriter()
        for row in rows {
            writer.write(row, into: &bytes)
            ends.append(bytes.count)
            ids.append(row["id"])
        }
    }

    /// The rows whose id `keep` accepts.
    func filter(byID keep: (JSON?) -> Bool) -> RowTexts {
        var kept = RowTexts()
        for row in 0..<count where keep(ids[row]) { kept.append(self[row], id: ids[row]) }
        return kept
    }

    /// The first `count` rows.
    func prefix(_ count: Int) -> RowTexts {
        var kept = RowTexts()
        for row in 0..<min(count, self.count) { kept.append(self[row], id: ids[row]) }
        return kept
    }

    /// The value `scanner` is at, validated and copied as one line.
    mutating func append(scanning scanner: inout JSONScanner) throws {
        let start = scanner.index
        let id = try scanner.scanValue(member: "id")
        scanner.copy(start..<scanner.index, into: &bytes)
        ends.append(bytes.count)
        ids.append(try id.map { try scanner.value(at: $0) })
    }

    private mutating func append(_ text: ArraySlice<UInt8>, id: JSON?) {
        bytes += text
        ends.append(bytes.count)
        ids.append(id)
    }
}

extension Extraction {
    /// The rows of an answer's body as texts, and the answer without its `data` (what paging reads): a
    /// `data` array's rows are found by one scan of the bytes and copied as they are; an answer of another
    /// shape is parsed and its rows (`rows(from:)`) written as texts. Throws when the body is not JSON; an
    /// empty body has no rows.
    public func rowTexts(from body: [UInt8]) throws -> (rows: RowTexts, answer: JSON) {
        var rows = RowTexts()
        var answer: [String: JSON] = [:]
        let scanned = try body.withUnsafeBufferPointer { bytes -> Bool in
            var scanner = JSONScanner(bytes)
            scanner.skipWhitespace()
            guard scanner.index < bytes.count else { return true }
            guard try scanner.beginObject() else { return true }
            repeat {
                let key = try scanner.key().text(in: bytes)
                let start = scanner.index
                guard key == "data" else {
                    try scanner.scanValue()
                    if key == "additional_data" { answer[key] = try scanner.value(at: start..<scanner.index) }
                    continue
                }
                guard self == .data, bytes[start] == UInt8(ascii: "[") else { return false }
                guard try scanner.beginArray() else { continue }
                repeat { try rows.append(scanning: &scanner) } while try scanner.nextElement()
            } while try scanner.nextMember()
            try scanner.end()
            return true
        }
        guard !scanned else { return (rows, .object(answer)) }
        let json = try JSON(parsing: body)
        return (RowTexts(self.rows(from: json)), json)
    }
}
