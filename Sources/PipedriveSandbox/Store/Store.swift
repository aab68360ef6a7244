import Foundation
import JSONValue

/// The sandbox account's whole state. Write handlers get it `inout` under one lock, so a request sees and
/// leaves a consistent account, and a rejected request leaves it untouched (handlers validate first); read
/// handlers get a snapshot of it, outside the lock.
public struct Store: Sendable {
    /// Live rows by entity type, e.g. `deals`, `persons`, `dealFields`.
    public var tables: [String: Table] = [:]
    /// Rows deleted through the API, by entity type (Pipedrive keeps them 30 days).
    public var deleted: [String: Table] = [:]
    /// Binary content, e.g. a file's bytes by `files/<id>`.
    public var blobs: [String: [UInt8]] = [:]
    /// The last id handed out per entity type.
    public var lastIDs: [String: Int] = [:]
    /// The last moment handed out by `tick()`, in seconds since 1970.
    public private(set) var clock: Int

    public init(clock: Int) { self.clock = clock }

    /// A new id for a row of `entity`.
    public mutating func nextID(_ entity: String) -> Int {
        let id = max(lastIDs[entity] ?? 0, tables[entity]?.ids.last ?? 0, deleted[entity]?.ids.last ?? 0) + 1
        lastIDs[entity] = id
        return id
    }

    /// The moment of a write: the wall clock, but always later than the previous write so that
    /// `update_time` visibly advances on every write.
    public mutating func tick(now: Date = Date()) -> Int {
        clock = max(Int(now.timeIntervalSince1970), clock + 1)
        return clock
    }

    /// A table by entity type. Mutations through it happen in place: a get-and-set would copy the whole
    /// table on every row written.
    public subscript(entity: String) -> Table {
        get { tables[entity] ?? Table() }
        _modify { yield &tables[entity, default: Table()] }
        set { tables[entity] = newValue }
    }
}

/// Pipedrive's timestamp formats, computed arithmetically (UTC, proleptic Gregorian) because the
/// generator formats hundreds of thousands of them and a DateFormatter per call is far too slow.
public enum Timestamp {
    /// v1: `YYYY-MM-DD HH:MM:SS` in UTC.
    public static func v1(_ seconds: Int) -> String {
        let (date, time) = split(seconds)
        return "\(date) \(time)"
    }
    /// v2: RFC 3339 in UTC, e.g. `2024-01-01T00:00:00Z`.
    public static func v2(_ seconds: Int) -> String {
        let (date, time) = split(seconds)
        return "\(date)T\(time)Z"
    }
    /// `YYYY-MM-DD`.
    public static func date(_ seconds: Int) -> String { split(seconds).date }
    /// `YYYY-MM-DDTHH:MM:SS.000Z`, the form of mail, call log and webhook times in v1.
    public static func iso(_ seconds: Int) -> String { v2(seconds).dropLast() + ".000Z" }

    /// Parses `YYYY-MM-DD HH:MM:SS` (UTC).
    public static func parseV1(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 19, bytes[10] == UInt8(ascii: " ") else { return nil }
        return parseFields(bytes, offset: 0)
    }

    /// Parses RFC 3339 with or without fractional seconds, with `Z` or a `±HH:MM` offset.
    public static func parseV2(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
            let base = parseFields(bytes, offset: 0)
        else { return nil }
        var index = 19
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let digitsStart = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            if index == digitsStart { return nil }
        }
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"): return index + 1 == bytes.count ? base : nil
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard bytes.count == index + 6, bytes[index + 3] == UInt8(ascii: ":"),
                let hours = number(bytes, index + 1, 2), let minutes = number(bytes, index + 4, 2),
                hours < 24, minutes < 60
            else { return nil }
            let offset = hours * 3600 + minutes * 60
            return bytes[index] == UInt8(ascii: "+") ? base - offset : base + offset
        default: return nil
        }
    }

    /// The midnight (UTC) of the `YYYY-MM-DD` in the first ten bytes.
    private static func midnight(_ bytes: ArraySlice<UInt8>) -> Int? {
        let bytes = Array(bytes)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = number(bytes, 0, 4), let month = number(bytes, 5, 2), let day = number(bytes, 8, 2),
            (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        return days(year: year, month: month, day: day) * 86_400
    }

    private static func parseFields(_ bytes: [UInt8], offset: Int) -> Int? {
        guard let midnight = midnight(bytes[0..<10]),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let hour = number(bytes, 11, 2), let minute = number(bytes, 14, 2), let second = number(bytes, 17, 2),
            hour < 24, minute < 60, second < 60
        else { return nil }
        return midnight + hour * 3600 + minute * 60 + second
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func number(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for byte in bytes[start..<start + count] {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    private static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func split(_ seconds: Int) -> (date: String, time: String) {
        let dayCount = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - dayCount * 86_400
        // civil_from_days
        let z = dayCount + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        // Written as bytes: the generator formats hundreds of thousands of these.
        var date = [UInt8](repeating: UInt8(ascii: "-"), count: 10)
        var time = [UInt8](repeating: UInt8(ascii: ":"), count: 8)
        digits(year, width: 4, into: &date, at: 0)
        digits(month, width: 2, into: &date, at: 5)
        digits(day, width: 2, into: &date, at: 8)
        digits(secondOfDay / 3600, width: 2, into: &time, at: 0)
        digits(secondOfDay / 60 % 60, width: 2, into: &time, at: 3)
        digits(secondOfDay % 60, width: 2, into: &time, at: 6)
        return (String(decoding: date, as: UTF8.self), String(decoding: time, as: UTF8.self))
    }

    private static func digits(_ value: Int, width: Int, into bytes: inout [UInt8], at start: Int) {
        var rest = max(0, value)
        for index in stride(from: start + width - 1, through: start, by: -1) {
            bytes[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
    }
}
