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

    /// A table by entity type. Mutations through it happen in place: a get-and-set would copy the whole
    /// table on every row written.
    public subscript(entity: String) -> Table {
        get { tables[entity] ?? Table() }
        _modify { yield &tables[entity, default: Table()] }
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

    private static func format(_ seconds: Int, _ pattern: String) -> String {
        formatter(pattern).string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    private static func parse(_ text: String, _ pattern: String) -> Int? {
        formatter(pattern).date(from: text).map { Int($0.timeIntervalSince1970) }
    }
}
