import Foundation
import JSONValue

/// The sandbox account's whole state. Handlers get it `inout` under one lock, so a request sees and
/// leaves a consistent account, and a rejected request leaves it untouched (handlers validate first).
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

    public subscript(entity: String) -> Table {
        get { tables[entity] ?? Table() }
        set { tables[entity] = newValue }
    }
}

/// Pipedrive's timestamp formats.
public enum Timestamp {
    /// v1: `YYYY-MM-DD HH:MM:SS` in UTC.
    public static func v1(_ seconds: Int) -> String { format(seconds, "yyyy-MM-dd HH:mm:ss") }
    /// v2: RFC 3339 in UTC, e.g. `2024-01-01T00:00:00Z`.
    public static func v2(_ seconds: Int) -> String { format(seconds, "yyyy-MM-dd'T'HH:mm:ss'Z'") }
    /// `YYYY-MM-DD`.
    public static func date(_ seconds: Int) -> String { format(seconds, "yyyy-MM-dd") }

    /// Parses `YYYY-MM-DD HH:MM:SS` (UTC).
    public static func parseV1(_ text: String) -> Int? { parse(text, "yyyy-MM-dd HH:mm:ss") }
    /// Parses RFC 3339 with or without fractional seconds.
    public static func parseV2(_ text: String) -> Int? {
        parse(text, "yyyy-MM-dd'T'HH:mm:ssXXXXX") ?? parse(text, "yyyy-MM-dd'T'HH:mm:ss.SSSXXXXX")
    }

    private static func formatter(_ pattern: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = pattern
        return formatter
    }

    /// `YYYY-MM-DDTHH:MM:SS.000Z`, the form of mail, call log and webhook times in v1.
    public static func iso(_ seconds: Int) -> String { v2(seconds).dropLast() + ".000Z" }

    /// Formats by calendar arithmetic: a DateFormatter per call would dominate account generation.
    private static func format(_ seconds: Int, _ pattern: String) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let second = seconds - days * 86_400
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        let date = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        let time = "\(pad(second / 3600, 2)):\(pad(second / 60 % 60, 2)):\(pad(second % 60, 2))"
        switch pattern {
        case "yyyy-MM-dd": return date
        case "yyyy-MM-dd HH:mm:ss": return date + " " + time
        default: return date + "T" + time + "Z"
        }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    private static func parse(_ text: String, _ pattern: String) -> Int? {
        formatter(pattern).date(from: text).map { Int($0.timeIntervalSince1970) }
    }
}
