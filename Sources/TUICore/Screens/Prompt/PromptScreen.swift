import Foundation
import PipedriveEngine

/// The form that asks for an action's parameters, each typed and checked before any request.
public struct PromptScreen: Sendable {
    public var resource: String
    public var action: Action
    public var title: String
    public var fields: [PromptField]
    public var focus = 0

    public init(resource: ResourceInfo, action: Action, now: Date) {
        self.resource = resource.id
        self.action = action
        title = "\(resource.title): \(action.name)"
        fields = action.parameters.map { PromptField(parameter: $0, now: now) }
    }

    /// The parameter values as the API takes them, or nil with each wrong field's error set.
    public mutating func validate() -> [String: String]? {
        var values: [String: String] = [:]
        var firstError: Int?
        for i in fields.indices {
            switch fields[i].check() {
            case .success(let value):
                fields[i].error = nil
                if let value { values[fields[i].parameter.name] = value }
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

    /// What to show under the field: the expected format and how to fill it.
    public var hint: String {
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

extension AppState {
    mutating func promptKey(_ key: Key, _ prompt: inout PromptScreen) -> Step {
        guard prompt.fields.indices.contains(prompt.focus) else { return Step(.pop) }
        var field = prompt.fields[prompt.focus]
        defer { prompt.fields[prompt.focus] = field }
        if let move = fieldMove(key) {
            let delta = move == .nextField ? 1 : -1
            prompt.fields[prompt.focus] = field
            prompt.focus = (prompt.focus + delta + prompt.fields.count) % prompt.fields.count
            field = prompt.fields[prompt.focus]
            return Step()
        }
        switch key {
        case .escape: return Step(.pop)
        case .down where !field.choices.isEmpty:
            field.choiceIndex = min(field.choiceIndex + 1, field.choices.count - 1)
            return Step()
        case .up where !field.choices.isEmpty:
            field.choiceIndex = max(field.choiceIndex - 1, 0)
            return Step()
        case .left, .right:
            if field.parameter.kind == .folder {
                let options = PromptField.folders
                let i = options.firstIndex(of: field.text) ?? 0
                field.text = options[(i + (key == .right ? 1 : options.count - 1)) % options.count]
                field.error = nil
                return Step()
            }
        case .enter:
            if !field.choices.isEmpty, field.choices.indices.contains(field.choiceIndex) {
                let choice = field.choices[field.choiceIndex]
                field.text = choice.label
                field.picked = choice
                field.choices = []
                field.error = nil
                var effects: [Effect] = []
                if let s = field.searching { effects.append(.cancel(s)); field.searching = nil }
                if prompt.focus < prompt.fields.count - 1 {
                    prompt.fields[prompt.focus] = field
                    prompt.focus += 1
                    field = prompt.fields[prompt.focus]
                }
                return Step(effects: effects)
            }
            prompt.fields[prompt.focus] = field
            guard let values = prompt.validate() else {
                field = prompt.fields[prompt.focus]
                return Step()
            }
            field = prompt.fields[prompt.focus]
            guard let info = resource(prompt.resource) else { return Step() }
            var step = shared.openGrid(info, prompt.action, values)
            // The prompt stays below the grid, so Esc from the grid comes back to the filled form.
            if case .push = step.move { step.effects.append(contentsOf: prompt.fields.compactMap(\.searching).map(Effect.cancel)) }
            for i in prompt.fields.indices { prompt.fields[i].searching = nil }
            field.searching = nil
            return step
        default: break
        }
        guard field.editor.handle(key) else { return Step() }
        // The text changed: the old pick and error no longer apply; id fields search as you type.
        field.picked = nil
        field.error = nil
        guard case .id(let target) = field.parameter.kind else { return Step() }
        var effects: [Effect] = []
        if let s = field.searching { effects.append(.cancel(s)); field.searching = nil }
        let term = field.text.trimmingCharacters(in: .whitespaces)
        if term.count >= 2, Int(term) == nil {
            let id = newRequestID()
            field.searching = id
            effects.append(.search(id, resource: target, term: term))
        } else {
            field.choices = []
        }
        return Step(effects: effects)
    }

    mutating func receiveChoices(_ id: Int, _ choices: [Choice]) {
        for s in stack.indices {
            guard case .prompt(var prompt) = stack[s] else { continue }
            for f in prompt.fields.indices { prompt.fields[f].receive(choices, for: id) }
            stack[s] = .prompt(prompt)
        }
    }
}
