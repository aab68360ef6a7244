import Foundation
import PipedriveEngine

/// The form that asks for an action's parameters, each typed and checked before any request.
public struct PromptScreen: Sendable {
    public let id: ScreenID
    public var resource: String
    public var action: Action
    public var title: String
    public var fields: [PromptField]
    public var focus = 0

    /// With `filters` (the list's filters given so far), the list's optional server-side filters follow the
    /// action's parameters.
    public init(resource: ResourceInfo, action: Action, now: Date, id: ScreenID, filters: [QueryItem]? = nil) {
        self.id = id
        self.resource = resource.id
        self.action = action
        title = "\(resource.title): \(action.name)"
        fields = action.parameters.map { PromptField(parameter: $0, now: now) }
        if let filters {
            for filter in ListFilterField.fields(of: resource.id) {
                var field = PromptField(filter: filter)
                field.text = filters.first { $0.name == filter.name || $0.name == filter.label }?.value ?? ""
                fields.append(field)
            }
        }
    }

    /// The filter fields' values, as given (names are resolved by the engine); valid after `validate`.
    public var filterItems: [QueryItem] {
        fields.compactMap { field in
            guard let filter = field.filter, case .success(let value?) = field.check() else { return nil }
            return QueryItem(filter.name, value)
        }
    }

    /// The parameter values as the API takes them, or nil with each wrong field's error set.
    public mutating func validate() -> [String: String]? {
        var values: [String: String] = [:]
        var firstError: Int?
        for i in fields.indices {
            switch fields[i].check() {
            case .success(let value):
                fields[i].error = nil
                if let value, fields[i].filter == nil { values[fields[i].parameter.name] = value }
            case .failure(let error):
                fields[i].error = error.message
                if firstError == nil { firstError = i }
            }
        }
        if let firstError { focus = firstError; return nil }
        return values
    }
}

public struct PromptField: Sendable {
    public var parameter: Parameter
    public var editor: LineEditor
    public var error: String?
    /// Records found for an id parameter's text, best first.
    public var choices: [Choice] = []
    public var choiceIndex = 0
    /// The record picked from `choices`; cleared when the text changes.
    public var picked: Choice?
    /// The search request in flight for this field.
    public var searching: Int?
    /// Set for a list's server-side filter (see `ListFilterField`), which is sent as a filter, not a parameter.
    public var filter: ListFilterField?

    public var text: String {
        get { editor.text }
        set { editor = LineEditor(newValue) }
    }

    init(parameter: Parameter, now: Date) {
        self.parameter = parameter
        editor = LineEditor()
        switch parameter.kind {
        case .timestamp: editor = LineEditor(Self.timestamp(now.addingTimeInterval(-24 * 3600)))
        case .folder: editor = LineEditor(Self.folders[0])
        default: break
        }
    }

    init(filter: ListFilterField) {
        let kind: ParameterKind = if case .pick(let resource) = filter.input { .id(of: resource) } else { .term }
        self.init(parameter: Parameter(name: filter.label, isRequired: false, description: filter.name, kind: kind), now: Date())
        self.filter = filter
    }

    /// What to show under the field: the expected format and how to fill it.
    public var hint: String {
        if let filter { return filter.hint }
        switch parameter.kind {
        case .id(let resource): return "\(Self.article(resource)): type a name to search, or its number"
        case .term: return "search text, at least 2 characters"
        case .folder: return "a mail folder: \(Self.folders.joined(separator: ", ")) (←/→ to change)"
        case .timestamp: return "UTC, YYYY-MM-DD HH:MM:SS (proposed: 24 hours ago)"
        }
    }

    struct FieldError: Error { let message: String }

    /// The value to send, nil for an empty optional field, or why it cannot be sent.
    func check() -> Result<String?, FieldError> {
        let value = text.trimmingCharacters(in: .whitespaces)
        if value.isEmpty {
            return parameter.isRequired ? .failure(FieldError(message: "\(parameter.name) is required")) : .success(nil)
        }
        if let filter { return filter.check(value, picked: picked).map { $0 } }
        switch parameter.kind {
        case .id(let resource):
            if let picked, picked.label == value { return .success(String(picked.id)) }
            if let n = Int(value), n > 0 { return .success(String(n)) }
            return .failure(FieldError(message: "not a \(Self.singular(resource)) id: pick a match from the list or type a number"))
        case .term:
            return value.count >= 2 ? .success(value) : .failure(FieldError(message: "type at least 2 characters"))
        case .folder:
            return Self.folders.contains(value)
                ? .success(value) : .failure(FieldError(message: "must be one of: \(Self.folders.joined(separator: ", "))"))
        case .timestamp:
            return Self.parseTimestamp(value) != nil
                ? .success(value) : .failure(FieldError(message: "not a timestamp: use YYYY-MM-DD HH:MM:SS, e.g. 2026-11-29 08:00:00"))
        }
    }

    /// The mail folders Pipedrive's mailbox has.
    static let folders = ["inbox", "drafts", "sent", "archive"]

    /// "a deal", "an organization".
    static func article(_ resource: String) -> String {
        let word = singular(resource)
        return ("aeiou".contains(word.prefix(1).lowercased()) ? "an " : "a ") + word
    }

    static func singular(_ resource: String) -> String {
        if resource.hasSuffix("ies") { return String(resource.dropLast(3)) + "y" }
        if resource.hasSuffix("s") { return String(resource.dropLast()) }
        return resource
    }

    static func timestamp(_ date: Date) -> String {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        let d = c.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", d.year ?? 0, d.month ?? 0, d.day ?? 0,
                      d.hour ?? 0, d.minute ?? 0, d.second ?? 0)
    }

    static func parseTimestamp(_ text: String) -> Date? {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" })
        guard text.count == 19, parts.count == 6, let y = Int(parts[0]), let mo = Int(parts[1]), let d = Int(parts[2]),
              let h = Int(parts[3]), let mi = Int(parts[4]), let s = Int(parts[5]),
              (1...12).contains(mo), (1...31).contains(d), (0...23).contains(h), (0...59).contains(mi), (0...59).contains(s)
        else { return nil }
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: y, month: mo, day: d, hour: h, minute: mi, second: s)
        guard let date = c.date(from: components), c.component(.day, from: date) == d else { return nil }
        return date
    }
}
