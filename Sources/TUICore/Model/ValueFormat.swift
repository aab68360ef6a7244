import Foundation
import JSONValue
import PipedriveEngine

/// Turns a record's value into the text of a grid cell or a detail line: the engine's
/// `ValueFormatter` (local times, money, options by label, objects by name, arrays by count), with
/// booleans as the theme's marks and text kept whole so that `Buffer` can show control characters
/// as visible glyphs (`␛`) rather than silently dropping them.
public struct ValueFormat: Sendable, Equatable {
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

    public func format(_ value: JSON?, as kind: ValueKind, options: [FieldOption] = []) -> String {
        guard let value else { return "" }
        switch (kind, value) {
        case (_, .bool(let b)): return b ? glyphs.boolTrue : glyphs.boolFalse
        case (.boolean, .int(let i)) where i == 0 || i == 1: return i == 1 ? glyphs.boolTrue : glyphs.boolFalse
        case (.text, .string(let s)) where options.isEmpty, (.longText, .string(let s)): return s
        case (.date, .string(let s)) where s.count > 10:  // a moment in a date field: show it as one
            return ValueFormatter(timeZone: timeZone).display(value, kind: .timestamp)
        default: return ValueFormatter(timeZone: timeZone).display(value, kind: kind, options: options)
        }
    }

    /// A value with no declared kind: objects by name, arrays by count.
    public func plain(_ value: JSON) -> String {
        switch value {
        case .bool(let b): return b ? glyphs.boolTrue : glyphs.boolFalse
        case .string(let s): return s
        default: return ValueFormatter(timeZone: timeZone).display(value, kind: .object)
        }
    }

    /// The human name of a record or nested object, e.g. an owner `{id, name, email}`.
    public static func name(of members: [String: JSON]) -> String? { NamedRecord.name(of: members) }
}
