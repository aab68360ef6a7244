import Foundation
import JSONValue

/// Shows values as text for a screen: by kind, in the viewer's time zone, options by label, references
/// by name, arrays by count, empty as empty. Control characters from the API never pass through.
public struct ValueFormatter: Sendable {
    public var timeZone: TimeZone

    public init(timeZone: TimeZone = .current) {
        self.timeZone = timeZone
    }

    public func display(_ value: JSON?, for field: RecordField) -> String {
        display(value, kind: field.kind, options: field.options)
    }

    public func display(_ value: JSON?, kind: ValueKind, options: [FieldOption] = []) -> String {
        guard let value, !Self.isEmpty(value) else { return "" }
        // A built-in field with options whose ids are not numbers (a deal's status `"won"`, an activity's type).
        if case .text = kind, let option = options.first(where: { $0.matches(value) }) { return Self.clean(option.label) }
        switch (kind, value) {
        case (.integer, .int(let number)): return String(number)
        case (.decimal, _) where value.doubleValue != nil: return Self.decimal(value)
        case (.money, .object):
            // `{value, currency}`, or a lead's `{amount, currency}`.
            let amount = (value["value"] ?? value["amount"]).map { display($0, kind: .money) } ?? ""
            let currency = value["currency"]?.stringValue.map(Self.clean) ?? ""
            return [amount, currency].filter { !$0.isEmpty }.joined(separator: " ")
        case (.money, _) where value.doubleValue != nil: return Self.money(value)
        case (.boolean, _): return Self.bool(value).map { $0 ? "yes" : "no" } ?? generic(value)
        case (.timestamp, .string(let text)): return timestamp(text) ?? Self.clean(text)
        case (.date, .object), (.time, .object): return display(value["value"], kind: kind)
        case (.time, .string(let text)): return ClockTime(text).map { Self.shortTime($0) } ?? Self.clean(text)
        case (.dateRange, .object), (.timeRange, .object):
            let part: ValueKind = kind == .dateRange ? .date : .time
            let start = display(value["value"], kind: part), end = display(value["until"], kind: part)
            return end.isEmpty ? start : "\(start) – \(end)"
        case (.option, _), (.options, _), (.visibility, _):
            let options = kind == .visibility && options.isEmpty ? FieldOption.visibilityLevels : options
            let ids = value.arrayValue ?? (value.stringValue?.split(separator: ",").map { .string(String($0)) } ?? [value])
            return ids.map { id in
                if let label = id["label"]?.stringValue { return Self.clean(label) }
                return options.first { $0.matches(id) }.map { Self.clean($0.label) } ?? generic(id)
            }.joined(separator: ", ")
        case (.address, .object):
            return (value["formatted_address"] ?? value["value"]).map(generic) ?? ""
        case (.json, _): return Self.clean(value.serializedString)
        default: return generic(value)
        }
    }

    /// Any value by its shape: objects by name, arrays by count.
    func generic(_ value: JSON) -> String {
        switch value {
        case .null: return ""
        case .bool(let flag): return flag ? "yes" : "no"
        case .int(let number): return String(number)
        case .double, .decimal: return Self.decimal(value)
        case .string(let text): return Self.clean(text)
        case .array(let items):
            if let contact = Self.primaryContact(items) { return contact }
            return items.isEmpty ? "" : items.count == 1 ? "1 item" : "\(items.count) items"
        case .object where value["amount"]?.doubleValue != nil && value["currency"] != nil:
            return display(value, kind: .money)
        case .object:
            for key in ["name", "title", "label", "subject", "formatted_address", "value", "id"] {
                if let member = value[key], !Self.isEmpty(member), member.objectValue == nil { return generic(member) }
            }
            return "{…}"
        }
    }

    /// Emails and phones (`[{value, primary, label}]`): the primary one, and how many more there are.
    static func primaryContact(_ items: [JSON]) -> String? {
        guard !items.isEmpty, items.allSatisfy({ $0["value"]?.stringValue != nil }) else { return nil }
        // Real v1 answers hold `[{"value": "", "primary": true}]` for a person with no email or phone.
        let items = items.filter { $0["value"]?.stringValue?.isEmpty == false }
        guard !items.isEmpty else { return "" }
        let primary = items.first { $0["primary"]?.boolValue == true } ?? items[0]
        let text = clean(primary["value"]?.stringValue ?? "")
        return items.count > 1 ? "\(text) +\(items.count - 1)" : text
    }

    /// `YYYY-MM-DD HH:MM` in the time zone, from v1's UTC `YYYY-MM-DD HH:MM:SS` or v2's RFC 3339.
    func timestamp(_ text: String) -> String? {
        guard let seconds = Moment.seconds(parsing: text) else { return nil }
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        return Moment.text(seconds + offset, seconds: false)
    }

    static func isEmpty(_ value: JSON) -> Bool {
        switch value {
        case .null: true
        case .string(let text): text.isEmpty
        case .array(let items): items.isEmpty
        default: false
        }
    }

    static func bool(_ value: JSON) -> Bool? {
        switch value {
        case .bool(let flag): flag
        case .int(let number) where number == 0 || number == 1: number == 1
        case .string(let text): ["true": true, "1": true, "false": false, "0": false][text.lowercased()]
        default: nil
        }
    }

    /// A number with every digit it has (`0.1`, `123456789012345678.99`), without an exponent when short.
    static func decimal(_ value: JSON) -> String {
        if case .double(let number) = value, number.rounded() == number, abs(number) < 1e15 { return String(Int(number)) }
        guard let number = JSONNumber(value) else { return "" }
        return abs(number.exponent) <= 20 ? number.plain : number.scientific
    }

    /// Two decimals, thousands grouped with commas: `1,234.50`; rounded from the exact digits, half away from zero.
    static func money(_ value: JSON) -> String {
        guard let number = JSONNumber(value), number.exponent < 40 else { return value.numberText ?? "" }
        let (negative, whole, fraction) = number.rounded(places: 2)
        var digits = Substring(whole), grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits = digits.dropLast(3)
        }
        return (negative ? "-" : "") + digits + grouped + "." + fraction
    }

    static func shortTime(_ time: ClockTime) -> String {
        time.second == 0 ? "\(pad(time.hour)):\(pad(time.minute))" : time.text
    }

    /// The text with control characters replaced: line breaks and tabs by spaces, others dropped.
    public static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if !isControl(scalar) {
                scalars.append(scalar)
            } else if scalar == "\n" || scalar == "\t" || scalar == "\r" {
                scalars.append(" ")
            }
        }
        return String(scalars)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
