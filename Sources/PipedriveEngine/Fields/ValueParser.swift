import Foundation
import JSONValue

/// Why the user's text is not a value for a field.
public struct ValueError: Error, Sendable, Equatable, CustomStringConvertible {
    public let field: String
    public let input: String
    public let reason: String

    /// A long value is not quoted whole: the reason comes first, then the value's start and length.
    public var description: String {
        if input.isEmpty { return "\(field): \(reason)." }
        guard input.unicodeScalars.count > 60 else { return "\(field): \"\(input)\" \(reason)." }
        return "\(field): \(reason); the value has \(input.count) characters (\"\(input.prefix(40))…\")."
    }
}

/// Reads what the user typed into a field's canonical value (see `CustomField.canonicalValue`),
/// checking it before anything is sent.
public struct ValueParser: Sendable {
    public var timeZone: TimeZone

    public init(timeZone: TimeZone = .current) {
        self.timeZone = timeZone
    }

    /// The value for `text`; empty text clears the field. `current` is the field's value now: a money
    /// value keeps its currency when the text names none.
    public func parse(_ text: String, for field: RecordField, current: JSON? = nil) throws(ValueError) -> JSON {
        // The length first, before any work on a value that cannot be taken anyway.
        if let limit = field.custom?.type.maxLength, [.text, .longText, .phone].contains(field.kind),
            text.unicodeScalars.count > limit, text.trimmingCharacters(in: .whitespaces).count > limit
        {
            throw ValueError(field: field.title, input: text, reason: "is too long (at most \(limit) characters)")
        }
        let input = text.trimmingCharacters(in: .whitespaces)
        func fail(_ reason: String) -> ValueError { ValueError(field: field.title, input: input, reason: reason) }
        // Creates and updates check which of the two takes the field (`isCreatable`, `isWritable`).
        guard field.isWritable || field.isCreatable else { throw fail(field.readOnlyReason) }
        guard !input.isEmpty else {
            if field.isMandatory { throw fail("is required") }
            return .null
        }
        switch field.kind {
        case .text where !field.options.isEmpty:
            // A built-in field whose options have codes for ids (a deal's `status` `won`, an activity's `type`).
            guard let option = Self.option(input, in: field.options) else {
                throw fail("is not one of \(Self.labels(field.options))")
            }
            return option.value
        case .text, .longText, .phone:
            if let limit = field.custom?.type.maxLength, input.count > limit {
                throw fail("is too long (at most \(limit) characters)")
            }
            return .string(text)
        case .integer:
            guard let number = Int(Self.digits(input)) else { throw fail("is not a whole number") }
            return .int(number)
        case .decimal:
            guard let number = Self.number(input) else { throw fail("is not a number, e.g. 12.5") }
            return number
        case .money:
            return try money(input, current: current, fail: fail)
        case .boolean:
            if let option = Self.option(input, in: field.options) { return option.value }  // `Busy` → true
            guard let flag = ["yes": true, "y": true, "true": true, "1": true, "on": true,
                              "no": false, "n": false, "false": false, "0": false, "off": false][input.lowercased()]
            else { throw fail("is not yes or no") }
            return .bool(flag)
        case .date:
            guard let date = CalendarDate(input) else { throw fail("is not a date YYYY-MM-DD") }
            return .string(date.text)
        case .time:
            guard let time = ClockTime(input) else { throw fail("is not a time HH:MM or HH:MM:SS") }
            // A built-in time (an activity's due time, its duration) is the plain `HH:MM` both versions
            // document; only a custom time field is `{value, timezone_id}`.
            return field.isCustom ? ["value": .string(time.text)] : .string(time.shortText)
        case .dateRange, .timeRange:
            let parts = Self.range(input)
            let start = parts.map { field.kind == .dateRange ? CalendarDate($0.0)?.text : ClockTime($0.0)?.text }
            let end = parts.map { field.kind == .dateRange ? CalendarDate($0.1)?.text : ClockTime($0.1)?.text }
            guard let start = start ?? nil, let end = end ?? nil, start <= end else {
                throw fail(field.kind == .dateRange
                    ? "is not a date range, e.g. 2026-01-01 - 2026-01-31" : "is not a time range, e.g. 09:00 - 17:30")
            }
            return ["value": .string(start), "until": .string(end)]
        case .timestamp:
            guard let local = Moment.seconds(parsing: input.count == 16 ? input + ":00" : input) else {
                throw fail("is not a date and time YYYY-MM-DD HH:MM")
            }
            let hasZone = input.contains("T")
            let offset = hasZone ? 0 : timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local)))
            return .string(Moment.text(local - offset))
        case .option:
            guard let option = Self.option(input, in: field.options) else {
                throw fail("is not one of \(Self.labels(field.options))")
            }
            return Self.written(option)
        case .options:
            var ids: [JSON] = []
            for label in input.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !label.isEmpty {
                guard let option = Self.option(label, in: field.options) else {
                    throw fail("has \"\(label)\", which is not one of \(Self.labels(field.options))")
                }
                if !ids.contains(Self.written(option)) { ids.append(Self.written(option)) }
            }
            return .array(ids)
        case .user, .person, .organization, .reference:
            guard let id = Int(input), id > 0 else { throw fail("is not a record id (a positive whole number)") }
            return .int(id)
        case .address:
            return field.isCustom ? ["value": .string(text)] : .string(text)
        case .visibility:
            guard let code = Int(input), [1, 3, 5, 7].contains(code) else { throw fail("is not one of 1, 3, 5, 7") }
            return .int(code)
        case .json:
            guard let value = try? JSON(parsing: input) else { throw fail("is not valid JSON") }
            return value
        case .list, .object, .bytes:
            throw fail("cannot be edited as text")
        }
    }

    private func money(_ input: String, current: JSON?, fail: (String) -> ValueError) throws(ValueError) -> JSON {
        var amount = input, currency = current?["currency"]?.stringValue
        let words = input.split(separator: " ").map(String.init)
        if words.count == 2 {
            let code = Self.isCurrency(words[0]) ? words[0] : Self.isCurrency(words[1]) ? words[1] : nil
            guard let code else { throw fail("is not an amount with a currency, e.g. 1234.50 EUR") }
            currency = code.uppercased()
            amount = code == words[0] ? words[1] : words[0]
        }
        guard let value = Self.number(amount) else { throw fail("is not an amount, e.g. 1234.50 EUR") }
        guard let currency else { throw fail("needs a currency, e.g. 1234.50 EUR") }
        return ["value": value, "currency": .string(currency)]
    }

    static func isCurrency(_ word: String) -> Bool {
        word.count == 3 && word.allSatisfy { $0.isASCII && $0.isLetter }
    }

    /// The text without thousands separators (`1,234` → `1234`).
    static func digits(_ text: String) -> String {
        text.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "_", with: "")
    }

    /// The number as exact decimal digits (never through `Double`, which keeps about 15): `.int`, `.double`
    /// when that holds every digit, else `.decimal` with the exact text.
    static func number(_ text: String) -> JSON? {
        var plain = digits(text)
        if plain.hasPrefix("+") { plain.removeFirst() }
        guard plain.count <= 64, plain.allSatisfy({ $0.isASCII }), let number = JSONNumber(plain), abs(number.exponent) <= 64
        else { return nil }
        return number.json
    }

    static func range(_ text: String) -> (String, String)? {
        for separator in [" - ", " – ", "..", "–", "/"] {
            let parts = text.components(separatedBy: separator)
            if parts.count == 2 {
                return (parts[0].trimmingCharacters(in: .whitespaces), parts[1].trimmingCharacters(in: .whitespaces))
            }
        }
        return nil
    }

    /// The option with that label, that id, or that code (`won`, a lead label's UUID).
    static func option(_ text: String, in options: [FieldOption]) -> FieldOption? {
        let wanted = text.lowercased()
        return options.first { $0.label.lowercased() == wanted } ?? Int(text).flatMap { id in options.first { $0.id == id } }
            ?? options.first { $0.value.stringValue == text }
    }

    /// An option's id as Pipedrive takes it: a number where it is one, else as the API wrote it (`"won"`).
    static func written(_ option: FieldOption) -> JSON {
        option.value.intValue != nil || option.value.stringValue.flatMap({ Int($0) }) != nil ? .int(option.id) : option.value
    }

    static func labels(_ options: [FieldOption]) -> String {
        options.isEmpty ? "the field's options (it has none)" : options.map(\.label).joined(separator: ", ")
    }
}
