import Foundation
import JSONValue
import PipedriveEngine

/// One field of an edit or create form: how it is filled (by the field's kind), what it holds now,
/// what it held when the form opened, and what is wrong with it.
public struct FormField: Sendable {
    /// How the user fills the field.
    public enum Input: Sendable, Equatable {
        /// Typed on one line: text, numbers, money, dates and times.
        case line
        /// yes / no, switched with Space.
        case toggle
        /// Options of a list, picked by label: one (`multiple` false) or several.
        case pick(multiple: Bool)
        /// A record of a resource (`persons`), found by typing its name, or typed as a number.
        case reference(String)
        /// Long text, edited in `$EDITOR`.
        case longText
    }

    public let field: RecordField
    public let input: Input
    /// The typed text (line, reference, long text) or `yes`/`no`/empty (toggle).
    public var editor = LineEditor()
    /// The picked option ids (pick).
    public var selected: [Int] = []
    /// What a pick list offers: the field's options, or Pipedrive's visibility levels.
    public let options: [FieldOption]
    /// The record chosen from `choices` (reference); it stands while the text is its label.
    public var picked: Choice?
    /// Records found for the typed name, best first.
    public var choices: [Choice] = []
    public var choiceIndex = 0
    /// The search request in flight.
    public var searching: Int?
    public var error: String?
    /// The record has a staged edit of this field: the form shows the staged value.
    public var isStaged = false
    /// In a bulk form: the records hold different values, so the field starts empty and shows `(various)`.
    public var isVarious = false
    /// The value as the form opened (loaded or staged), to tell what the user changed.
    public internal(set) var initial = ""

    /// Kinds a form cannot edit as text (arrays, objects, bytes) have no field.
    init?(_ field: RecordField) {
        self.field = field
        switch field.kind {
        case .list, .object, .bytes: return nil
        // A flag whose options name its two values (an activity's Free/Busy) is picked by those names.
        case .boolean: input = field.options.isEmpty ? .toggle : .pick(multiple: false)
        case .option: input = .pick(multiple: false)
        case .options: input = .pick(multiple: true)
        case .visibility: input = .pick(multiple: false)
        case .user: input = .reference("users")
        case .person: input = .reference("persons")
        case .organization: input = .reference("organizations")
        case .reference(let resource): input = .reference(resource)
        case .longText: input = .longText
        // A built-in field whose options have codes for ids (a deal's `status`, an activity's `type`).
        case .text where !field.options.isEmpty: input = .pick(multiple: false)
        default: input = .line
        }
        options = field.kind == .visibility && field.options.isEmpty ? FieldOption.visibilityLevels : field.options
    }

    // MARK: Values

    /// Fills the field with a record's value; `record` gives siblings (a money value's `currency`).
    mutating func load(_ value: JSON?, record: [String: JSON], format: ValueFormat) {
        let formatter = ValueFormatter(timeZone: format.timeZone)
        switch input {
        case .toggle:
            editor = LineEditor(Self.flag(value).map { $0 ? "yes" : "no" } ?? "")
        case .pick:
            selected = Self.selected(value, in: options)
        case .reference:
            if let id = value?.intValue ?? value?["value"]?.intValue ?? value?["id"]?.intValue {
                let name = value?.objectValue.flatMap(ValueFormat.name(of:))
                if let name, name != String(id) {
                    picked = Choice(id: id, label: ValueFormatter.clean(name))
                    editor = LineEditor(picked!.label)
                } else {
                    editor = LineEditor(String(id))
                }
            }
        case .longText:
            editor = LineEditor(value?.stringValue ?? "")
        case .line where [.text, .phone].contains(field.kind) && value?.stringValue != nil:
            // As stored, control characters included (the screen shows them inert), so that editing the
            // field changes only what the user typed.
            editor = LineEditor(value?.stringValue ?? "")
        case .line:
            // A moment in a date field (a deal's `won_time`) shows as one.
            let moment = field.kind == .date && (value?.stringValue?.count ?? 0) > 10
            var text = moment ? formatter.display(value, kind: .timestamp) : formatter.display(value, for: field)
            // A deal's own `value` is a bare amount with the currency beside it.
            if field.kind == .money, value?.objectValue == nil, !text.isEmpty, let currency = record["currency"]?.stringValue {
                text += " " + ValueFormatter.clean(currency)
            }
            editor = LineEditor(text)
        }
        initial = self.value
    }

    /// The text handed to the engine's parser (`Staging.edit`/`create`): what was typed, a picked
    /// record's id, picked options by label (by id where a label would be ambiguous).
    public var value: String {
        switch input {
        case .pick(let multiple):
            if field.kind == .visibility { return selected.first.map(String.init) ?? "" }
            return selected.map { id in
                guard let label = options.first(where: { $0.id == id })?.label else { return String(id) }
                let unambiguous = options.first { $0.label.lowercased() == label.lowercased() }?.id == id
                    && label == label.trimmingCharacters(in: .whitespaces) && !label.isEmpty && (!multiple || !label.contains(","))
                return unambiguous ? label : String(id)
            }.joined(separator: ", ")
        case .reference:
            if let picked, picked.label == editor.text { return String(picked.id) }
            return editor.text
        default:
            return editor.text
        }
    }

    /// The name of the record picked for a reference, while the text is still its name.
    public var pickedName: String? {
        guard case .reference = input, let picked, picked.label == editor.text else { return nil }
        return picked.label
    }

    /// The value as the form shows it: labels for picks, the text otherwise.
    public var shown: String {
        switch input {
        case .pick: return selected.compactMap { id in options.first { $0.id == id }?.label }.joined(separator: ", ")
        default: return editor.text
        }
    }

    public var isChanged: Bool { value != initial }

    /// Filled by typing on its line (with a cursor).
    public var isTyped: Bool {
        switch input {
        case .line, .reference: return true
        default: return false
        }
    }

    public var isPick: Bool {
        if case .pick = input { return true }
        return false
    }

    // MARK: Checking

    /// Why the field's value cannot be written, checked with the engine's parser; nil when it can.
    func problem(parser: ValueParser, current: JSON?) -> String? {
        if case .reference = input {
            let text = editor.text.trimmingCharacters(in: .whitespaces)
            if !text.isEmpty, picked?.label != editor.text, Int(text) == nil {
                return "no \(Self.singular(of: input)) picked: choose a match (↑↓ Enter) or type its number"
            }
        }
        do {
            _ = try parser.parse(value, for: field, current: current)
            return nil
        } catch {
            return error.input.isEmpty ? error.reason : "\"\(error.input)\" \(error.reason)"
        }
    }

    /// A refusal from `Staging`, without the field's title in front (it is shown beside the field).
    static func shortened(_ refusal: String, title: String) -> String {
        let prefix = title + ": "
        var text = refusal.hasPrefix(prefix) ? String(refusal.dropFirst(prefix.count)) : refusal
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// What to type, shown beside the field: the expected format and how to fill it.
    public func hint(timeZone: TimeZone) -> String {
        switch input {
        case .toggle: return "yes / no: Space toggles"
        case .pick(let multiple):
            if options.isEmpty { return "the account has no options for it" }
            return multiple ? "any of \(options.count) options: Enter opens the list, Space marks" : "one of \(options.count) options: Enter opens the list"
        case .reference: return "\(PromptField.article(Self.resource(of: input))): type a name to search, or its number"
        case .longText: return "long text: Enter edits it in $EDITOR"
        case .line: break
        }
        switch field.kind {
        case .integer: return "a whole number, e.g. 12"
        case .decimal: return "a number, e.g. 12.5"
        case .money: return "an amount and a currency, e.g. 1234.50 EUR"
        case .date: return "a date YYYY-MM-DD"
        case .time: return "a time HH:MM"
        case .timestamp: return "date and time YYYY-MM-DD HH:MM (\(timeZone.identifier))"
        case .dateRange: return "dates YYYY-MM-DD - YYYY-MM-DD"
        case .timeRange: return "times HH:MM - HH:MM"
        case .address: return "an address"
        case .phone: return "a phone number"
        case .json: return "JSON"
        default: return "text"
        }
    }

    /// The type in a word or two, shown beside each field.
    public var shortHint: String {
        switch input {
        case .toggle: return "yes/no"
        case .pick(let multiple): return multiple ? "pick any" : "pick one"
        case .reference: return Self.singular(of: input)
        case .longText: return "long text ($EDITOR)"
        case .line: break
        }
        switch field.kind {
        case .integer: return "whole number"
        case .decimal: return "number"
        case .money: return "amount currency"
        case .date: return "YYYY-MM-DD"
        case .time: return "HH:MM"
        case .timestamp: return "YYYY-MM-DD HH:MM"
        case .dateRange: return "YYYY-MM-DD - YYYY-MM-DD"
        case .timeRange: return "HH:MM - HH:MM"
        case .address: return "address"
        case .phone: return "phone"
        case .json: return "JSON"
        default: return "text"
        }
    }

    /// Characters that can never make a number: flagged as they are typed.
    var refusesAsTyped: Bool {
        guard input == .line else { return false }
        switch field.kind {
        case .integer, .decimal, .money: return true
        default: return false
        }
    }

    static func resource(of input: Input) -> String {
        if case .reference(let resource) = input { return resource }
        return ""
    }

    static func singular(of input: Input) -> String { PromptField.singular(resource(of: input)) }

    static func flag(_ value: JSON?) -> Bool? {
        switch value {
        case .bool(let flag)?: flag
        case .int(let number)? where number == 0 || number == 1: number == 1
        case .string(let text)?: ["true": true, "1": true, "false": false, "0": false][text.lowercased()]
        default: nil
        }
    }

    /// The options a value names, by their ids: from `12`, `"12,13"`, `[12, 13]`, `{id, label}` objects, or
    /// ids that are not numbers (`"won"`, a lead label's UUID, `true`).
    static func selected(_ value: JSON?, in options: [FieldOption]) -> [Int] {
        var ids: [JSON]
        switch value {
        case .string(let text)? where text.contains(","):
            ids = text.split(separator: ",").map { .string($0.trimmingCharacters(in: .whitespaces)) }
        case .array(let items)?: ids = items
        case nil, .null?: ids = []
        case let single?: ids = [single]
        }
        ids = ids.map { $0.objectValue != nil ? $0["id"] ?? .null : $0 }
        return options.filter { option in ids.contains { option.matches($0) } }.map(\.id)
    }
}
