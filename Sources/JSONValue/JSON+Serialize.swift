extension JSON {
    /// The compact UTF-8 serialization, object keys sorted.
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(into: &out)
        return out
    }

    /// The compact serialization as a string.
    public var serializedString: String { String(decoding: serialized(), as: UTF8.self) }

    public func write(into out: inout [UInt8]) {
        var writer = JSONWriter()
        writer.write(self, into: &out)
    }

    static func writeDouble(_ value: Double, into out: inout [UInt8]) {
        guard value.isFinite else {
            out.append(contentsOf: "null".utf8)  // JSON has no NaN or infinity
            return
        }
        if value.rounded() == value, abs(value) < 1e15 {
            writeInt(Int(value), into: &out)
        } else {
            out.append(contentsOf: value.description.utf8)
        }
    }

    /// Decimal digits, without making a string.
    static func writeInt(_ value: Int, into out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // up to 20 digits, written backwards
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[23 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            out.append(contentsOf: buffer[(24 - count)...])
        }
    }

    /// Runs of bytes that need no escape go in one copy.
    static func writeString(_ value: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var run = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<index]))
                run = index + 1
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: [92, 34])
                case UInt8(ascii: "\\"): out.append(contentsOf: [92, 92])
                case 0x0A: out.append(contentsOf: [92, UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [92, UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [92, UInt8(ascii: "t")])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension JSON: CustomStringConvertible {
    public var description: String { serializedString }
}

/// Writes JSON values one after another (a stream of rows) compactly, object keys sorted. It remembers the
/// sorted keys of each size of object it wrote: the next object of that size with the same keys (rows are
/// alike) is written with one lookup per key instead of a sort.
public struct JSONWriter {
    private var keyOrders: [Int: [String]] = [:]

    public init() {}

    public mutating func write(_ value: JSON, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .int(let value): JSON.writeInt(value, into: &out)
        case .double(let value): JSON.writeDouble(value, into: &out)
        case .decimal(let text): out.append(contentsOf: text.utf8)
        case .string(let value): JSON.writeString(value, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            if let keys = keyOrders[members.count], write(members, keys, into: &out) {
                out.append(UInt8(ascii: "}"))
                return
            }
            let sorted = members.sorted(by: { $0.key < $1.key })
            keyOrders[members.count] = sorted.map(\.key)
            for (index, member) in sorted.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSON.writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(member.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// The members in the order of `keys`; false, and nothing written, when a key is missing (the object
    /// has other keys than the last one of its size).
    private mutating func write(_ members: [String: JSON], _ keys: [String], into out: inout [UInt8]) -> Bool {
        let start = out.count
        for (index, key) in keys.enumerated() {
            guard let value = members[key] else {
                out.removeSubrange(start...)
                return false
            }
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSON.writeString(key, into: &out)
            out.append(UInt8(ascii: ":"))
            write(value, into: &out)
        }
        return true
    }
}
