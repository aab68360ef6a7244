import JSONValue
import PipedriveEngine

/// Rows encoded straight from an answer's texts (`RowTexts`): the same bytes and search text `RowEncoder`
/// and `SearchText` make from the parsed rows, with no `JSON` values made of them but for the few members
/// a schema reshapes (custom fields, renamed fields, amounts: `Schema.reshapedKeys`), which go through
/// `Schema.record(from:)` as the parsed rows do.
extension RowEncoder {
    /// Row `text`, an object, as `schema.record(from:)` makes it, encoded.
    mutating func encode(record text: UnsafeBufferPointer<UInt8>, schema: Schema, reshaped: Set<String>, keys: inout KeyTable, search: inout [UInt8]) throws {
        var scanner = JSONScanner(text)
        guard text.first == UInt8(ascii: "{") else {
            // Not an object: the record `record(from:)` makes of it.
            let record = JSON.object(schema.record(from: try JSON(parsing: text)).values)
            encode(record, keys: &keys)
            return SearchText.append(record, to: &search)
        }
        let start = bytes.count
        var members: [(id: Int, range: Range<Int>)] = []
        var others: [String: JSON] = [:]
        var position = 0
        if try scanner.beginObject() {
            repeat {
                let (id, isReshaped) = try rowKey(at: position, &scanner, reshaped: reshaped, keys: &keys)
                position += 1
                if isReshaped {
                    let at = scanner.index
                    try scanner.scanValue()
                    others[keys.names[id]] = try scanner.value(at: at..<scanner.index)
                    continue
                }
                let at = bytes.count
                writeNumber(UInt64(id))
                try encode(scanning: &scanner, keys: &keys, search: &search)
                members.append((id, at..<bytes.count))
            } while try scanner.nextMember()
        }
        if !others.isEmpty {
            for (key, value) in schema.record(from: .object(others)).values {
                let at = bytes.count
                writeNumber(UInt64(keys.id(key)))
                encode(value, keys: &keys)
                SearchText.append(value, to: &search)
                members.append((keys.id(key), at..<bytes.count))
            }
        }
        close(object: start, members: members)
    }

    /// The key of a row's member at `position`, its id and whether the schema reshapes it: the last row's
    /// key there when written the same (a page's rows are alike), without making its string.
    private mutating func rowKey(at position: Int, _ scanner: inout JSONScanner, reshaped: Set<String>, keys: inout KeyTable) throws -> (Int, Bool) {
        let token = try scanner.key()
        let written = UnsafeBufferPointer(rebasing: scanner.bytes[token.range])
        if position < rowKeys.count, rowKeys[position].text.elementsEqual(written) { return (rowKeys[position].id, rowKeys[position].reshaped) }
        let key = token.text(in: scanner.bytes)
        let known = (text: [UInt8](written), id: keys.id(key), reshaped: reshaped.contains(key))
        if position < rowKeys.count { rowKeys[position] = known } else { rowKeys.append(known) }
        return (known.id, known.reshaped)
    }

    /// The value `scanner` is at, encoded as `encode` encodes it parsed, and its search text appended as
    /// `SearchText.append` appends it: a string without escapes is copied from the text as it is.
    mutating func encode(scanning scanner: inout JSONScanner, keys: inout KeyTable, search: inout [UInt8]) throws {
        let text = scanner.bytes
        let start = bytes.count
        switch text[scanner.index] {
        case UInt8(ascii: "{"):
            var members: [(id: Int, range: Range<Int>)] = []
            if try scanner.beginObject() {
                repeat {
                    let id = keys.id(try scanner.key().text(in: text))
                    let at = bytes.count
                    writeNumber(UInt64(id))
                    try encode(scanning: &scanner, keys: &keys, search: &search)
                    members.append((id, at..<bytes.count))
                } while try scanner.nextMember()
            }
            close(object: start, members: members)
        case UInt8(ascii: "["):
            var count = 0
            if try scanner.beginArray() {
                repeat {
                    try encode(scanning: &scanner, keys: &keys, search: &search)
                    count += 1
                } while try scanner.nextElement()
            }
            close(array: count, from: start)
        case UInt8(ascii: "\""):
            let string = try scanner.scanString()
            guard string.isVerbatim else {
                let value = JSON.string(string.text(in: text))
                encode(value, keys: &keys)
                SearchText.append(value, to: &search)
                return
            }
            let utf8 = UnsafeBufferPointer(rebasing: text[string.range])
            bytes.append(Tag.string.rawValue)
            writeNumber(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
            SearchText.appendLowercased(utf8, to: &search)
            search.append(0x1F)
        case UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "f"):
            let tag: Tag = text[scanner.index] == UInt8(ascii: "n") ? .null : text[scanner.index] == UInt8(ascii: "t") ? .true : .false
            try scanner.scanValue()
            bytes.append(tag.rawValue)  // no search text, as `SearchText` gives none
        default:
            let at = scanner.index
            try scanner.scanValue()
            let value = try scanner.value(at: at..<scanner.index)
            encode(value, keys: &keys)
            SearchText.append(value, to: &search)
        }
    }
}
