import Foundation
import JSONValue

/// The bytes a `RowStore` keeps a JSON value as: a tag byte, then
/// - int: zigzag LEB128; double: its 8 bytes; string and decimal: length (LEB128) and UTF-8;
/// - array: count, byte length (4 bytes), the elements; object: count, byte length (4 bytes), then
///   (key id, value) pairs in ascending key id, so one member is found without decoding the others.
enum Tag: UInt8 {
    case null, `false`, `true`, int, double, string, array, object, decimal
}

struct RowEncoder {
    var bytes: [UInt8] = []
    /// The last row's top-level keys as written, with their ids and whether they are reshaped (`encode(record:)`).
    var rowKeys: [(text: [UInt8], id: Int, reshaped: Bool)] = []

    mutating func encode(_ value: JSON, keys: inout KeyTable) {
        switch value {
        case .null: bytes.append(Tag.null.rawValue)
        case .bool(let b): bytes.append(b ? Tag.true.rawValue : Tag.false.rawValue)
        case .int(let i):
            bytes.append(Tag.int.rawValue)
            writeNumber(UInt64(bitPattern: Int64((i << 1) ^ (i >> 63))))
        case .double(let d):
            bytes.append(Tag.double.rawValue)
            withUnsafeBytes(of: d.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        case .string(let s), .decimal(let s):
            bytes.append(value.stringValue == nil ? Tag.decimal.rawValue : Tag.string.rawValue)
            var s = s
            s.withUTF8 { utf8 in
                writeNumber(UInt64(utf8.count))
                bytes.append(contentsOf: utf8)
            }
        case .array(let items):
            container(.array, count: items.count) {
                for item in items { $0.encode(item, keys: &keys) }
            }
        case .object(let members):
            var sorted: [(Int, JSON)] = []
            sorted.reserveCapacity(members.count)
            for (key, member) in members { sorted.append((keys.id(key), member)) }
            sorted.sort { $0.0 < $1.0 }
            container(.object, count: sorted.count) {
                for (id, member) in sorted {
                    $0.writeNumber(UInt64(id))
                    $0.encode(member, keys: &keys)
                }
            }
        }
    }

    /// Tag, count and byte length (filled in once the contents are written).
    private mutating func container(_ tag: Tag, count: Int, _ contents: (inout RowEncoder) -> Void) {
        bytes.append(tag.rawValue)
        writeNumber(UInt64(count))
        let at = bytes.count
        bytes.append(contentsOf: [0, 0, 0, 0])
        contents(&self)
        let length = UInt32(bytes.count - at - 4)
        for i in 0..<4 { bytes[at + i] = UInt8(truncatingIfNeeded: length >> (8 * UInt32(i))) }
    }

    /// Puts the header of an array whose `count` elements were written from `start` on in front of them.
    mutating func close(array count: Int, from start: Int) {
        bytes.insert(contentsOf: header(.array, count: count, length: bytes.count - start), at: start)
    }

    /// Puts the header of an object whose members (key id and value, each at `range`) were written from
    /// `start` on in front of them, the members moved into ascending key id and a repeated key's last kept.
    mutating func close(object start: Int, members: [(id: Int, range: Range<Int>)]) {
        var kept: [Int] = []
        for index in members.indices.sorted(by: { (members[$0].id, $0) < (members[$1].id, $1) }) {
            if let last = kept.last, members[last].id == members[index].id { kept[kept.count - 1] = index } else { kept.append(index) }
        }
        let length = kept.reduce(0) { $0 + members[$1].range.count }
        let head = header(.object, count: kept.count, length: length)
        guard kept != Array(members.indices) else { return bytes.insert(contentsOf: head, at: start) }
        let contents = Array(bytes[start...])
        bytes.removeSubrange(start...)
        bytes += head
        for index in kept { bytes += contents[(members[index].range.lowerBound - start)..<(members[index].range.upperBound - start)] }
    }

    private func header(_ tag: Tag, count: Int, length: Int) -> [UInt8] {
        var header = RowEncoder()
        header.bytes.append(tag.rawValue)
        header.writeNumber(UInt64(count))
        for i in 0..<4 { header.bytes.append(UInt8(truncatingIfNeeded: UInt32(length) >> (8 * UInt32(i)))) }
        return header.bytes
    }

    mutating func writeNumber(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }
}

struct RowReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var at: Int
    let keys: [String]

    init(bytes: UnsafeBufferPointer<UInt8>, at: Int, keys: [String]) {
        self.bytes = bytes
        self.at = at
        self.keys = keys
    }

    mutating func value() -> JSON {
        let tag = Tag(rawValue: bytes[at])!
        at += 1
        switch tag {
        case .null: return .null
        case .false: return .bool(false)
        case .true: return .bool(true)
        case .int:
            let z = readNumber()
            return .int(Int(Int64(bitPattern: (z >> 1) ^ (0 &- (z & 1)))))
        case .double:
            var bits: UInt64 = 0
            for i in 0..<8 { bits |= UInt64(bytes[at + i]) << (8 * UInt64(i)) }
            at += 8
            return .double(Double(bitPattern: bits))
        case .string, .decimal:
            let length = Int(readNumber())
            defer { at += length }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[at..<at + length]), as: UTF8.self)
            return tag == .string ? .string(text) : .decimal(text)
        case .array:
            let count = Int(readNumber())
            at += 4
            var items: [JSON] = []
            items.reserveCapacity(count)
            for _ in 0..<count { items.append(value()) }
            return .array(items)
        case .object:
            let count = Int(readNumber())
            at += 4
            var members: [String: JSON] = [:]
            members.reserveCapacity(count)
            for _ in 0..<count {
                let key = keys[Int(readNumber())]
                members[key] = value()
            }
            return .object(members)
        }
    }

    /// The member with key id `key` of the object here; nil if absent or not an object.
    mutating func member(_ key: Int) -> JSON? {
        guard bytes[at] == Tag.object.rawValue else { return nil }
        at += 1
        let count = Int(readNumber())
        at += 4
        for _ in 0..<count {
            let id = Int(readNumber())
            if id == key { return value() }
            if id > key { return nil }
            skip()
        }
        return nil
    }

    private mutating func skip() {
        let tag = Tag(rawValue: bytes[at])!
        at += 1
        switch tag {
        case .null, .false, .true: break
        case .int: _ = readNumber()
        case .double: at += 8
        case .string, .decimal: at += Int(readNumber())
        case .array, .object:
            _ = readNumber()
            at += 4 + (0..<4).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) }
        }
    }

    private mutating func readNumber() -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = bytes[at]
            at += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }
}

/// The `/` filter's view of a row: every scalar value lower-cased, each followed by U+001F.
enum SearchText {
    static func append(_ value: JSON, to out: inout [UInt8]) {
        switch value {
        case .string(let s): appendLowercased(s, to: &out); out.append(0x1F)
        case .decimal(let text): out.append(contentsOf: text.utf8); out.append(0x1F)
        case .int(let i): out.append(contentsOf: String(i).utf8); out.append(0x1F)
        case .double(let d): out.append(contentsOf: String(d).utf8); out.append(0x1F)
        case .array(let items): for item in items { append(item, to: &out) }
        case .object(let members): for member in members.values { append(member, to: &out) }
        case .null, .bool: break
        }
    }

    /// ASCII is lower-cased byte by byte; other text by `String.lowercased()`.
    static func appendLowercased(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendLowercased($0, to: &out) }
    }

    /// The same for text as UTF-8.
    static func appendLowercased(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return out.append(contentsOf: String(decoding: utf8, as: UTF8.self).lowercased().utf8) }
        for byte in utf8 { out.append(byte &- 0x41 < 26 ? byte | 0x20 : byte) }
    }

    /// Where `needle` first occurs in `text[from..<to]`: memchr to each candidate first byte.
    static func find(_ needle: [UInt8], in text: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        guard let first = needle.first else { return from }
        let last = to - needle.count
        guard from <= last, let base = text.baseAddress else { return nil }
        return needle.withUnsafeBufferPointer { n in
            var i = from
            while i <= last {
                guard let hit = memchr(base + i, Int32(first), last - i + 1) else { return nil }
                i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + i, n.baseAddress!, n.count) == 0 { return i }
                i += 1
            }
            return nil
        }
    }
}
