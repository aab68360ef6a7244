import Foundation
import JSONValue
import PipedriveEngine

/// Turns a record's value into the text of a grid cell or a detail line.
public struct ValueFormat: Sendable {
    public var timeZone: TimeZone
    public var glyphs: Glyphs

    public init(timeZone: TimeZone = .current, glyphs: Glyphs = Glyphs()) {
        self.timeZone = timeZone
        self.glyphs = glyphs
    }

    /// A column's value in a row.
    public func cell(_ row: JSON, _ column: ColumnInfo) -> String {
        format(row[column.key], as: column.kind, options: column.options)
    }

    public func format(_ value: JSON?, as kind: ValueKind, options: [Int: String] = [:]) -> String {
        guard let value, !value.isNull else { return "" }
        switch (kind, value) {
        case (.boolean, .bool(let b)): return b ? glyphs.boolTrue : glyphs.boolFalse
        case (.boolean, .int(let i)): return i != 0 ? glyphs.boolTrue : glyphs.boolFalse
        case (.timestamp, .string(let s)): return localTime(s) ?? s
        case (.money, .object(let m)):
            let amount = m["value"].map(plain) ?? ""
            return [amount, m["currency"]?.stringValue ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
        case (.money, _), (.decimal, _):
            if let d = value.doubleValue { return Self.decimal(d) }
        case (.option, _), (.options, _):
            let ids: [String]
            switch value {
            case .string(let s): ids = s.split(separator: ",").map { String($0) }
            case .array(let a): ids = a.map(plain)
            default: ids = [plain(value)]
            }
            return ids.map { Int($0).flatMap { options[$0] } ?? $0 }.joined(separator: ", ")
        default: break
        }
        return plain(value)
    }

    /// A value with no declared kind: objects by name, arrays by count.
    public func plain(_ value: JSON) -> String {
        switch value {
        case .null: return ""
        case .bool(let b): return b ? glyphs.boolTrue : glyphs.boolFalse
        case .int(let i): return String(i)
        case .double(let d): return Self.decimal(d)
        case .string(let s): return s
        case .array(let items): return items.count == 1 ? "1 item" : "\(items.count) items"
        case .object(let members): return Self.name(of: members) ?? "{\(members.count) fields}"
        }
    }

    /// The human name of a nested object, e.g. an owner `{id, name, email}` or an org `{value, name}`.
    public static func name(of members: [String: JSON]) -> String? {
        for key in ["name", "title", "subject", "label", "email", "value", "id"] {
            if let v = members[key] {
                if let s = v.stringValue, !s.isEmpty { return s }
                if let i = v.intValue { return String(i) }
                if case .array(let items) = v, let first = items.first?["value"]?.stringValue { return first }
            }
        }
        return nil
    }

    static func decimal(_ d: Double) -> String {
        if d.rounded() == d, abs(d) < 1e15 { return String(Int(d)) }
        return String(format: "%.2f", d)
    }

    /// Pipedrive timestamps are UTC, as `2024-05-01 09:30:00` (v1) or `2024-05-01T09:30:00Z` (v2).
    func localTime(_ text: String) -> String? {
        let digits = text.utf8.split(whereSeparator: { !(0x30...0x39).contains($0) }).prefix(6).map { Int(String(decoding: $0, as: UTF8.self)) ?? -1 }
        guard digits.count >= 5, text.utf8.count >= 16 else { return nil }
        let parts = DateComponents(year: digits[0], month: digits[1], day: digits[2], hour: digits[3], minute: digits[4],
                                   second: digits.count > 5 ? digits[5] : 0)
        guard let date = Self.utc.date(from: parts) else { return nil }
        var local = Calendar(identifier: .gregorian)
        local.timeZone = timeZone
        let c = local.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    private static let utc: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()
}
