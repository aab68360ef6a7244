import Foundation
import PipedriveEngine

/// A list's optional server-side filter as a prompt field: a record picked by name (owner, stage, person,
/// saved filter …), one of fixed options (status, sort order), or a day. Names go to the engine as typed
/// (`owner=me`, `stage=Proposal made`), which resolves them before the list is read.
public struct ListFilterField: Sendable, Equatable {
    public enum Input: Sendable, Equatable {
        /// A record of this resource, searched by name as the user types; a saved filter for `filters`.
        case pick(String)
        case options([String])
        /// `YYYY-MM-DD` or RFC 3339.
        case day
    }

    /// The filter's name in the API (`owner_id`), which is also what the command line shows (`owner=`).
    public let name: String
    public let input: Input

    /// The short name the command line and the field label use: `owner_id` → `owner`.
    public var label: String {
        Self.shortNames[name] ?? name
    }

    static let shortNames = [
        "owner_id": "owner", "user_id": "owner", "person_id": "person", "org_id": "org", "organization_id": "org",
        "pipeline_id": "pipeline", "stage_id": "stage", "deal_id": "deal", "lead_id": "lead", "filter_id": "filter",
        "updated_since": "since", "updated_until": "until", "sort_by": "sort", "sort_direction": "direction",
    ]

    /// How each filter is entered; filters not listed (`ids`, `first_char`) are left out of prompts.
    static let inputs: [String: Input] = [
        "owner_id": .pick("users"), "user_id": .pick("users"), "person_id": .pick("persons"), "org_id": .pick("organizations"),
        "organization_id": .pick("organizations"), "deal_id": .pick("deals"), "pipeline_id": .pick("pipelines"),
        "stage_id": .pick("stages"), "filter_id": .pick("filters"),
        "status": .options(["open", "won", "lost", "deleted", "all_not_deleted"]),
        "done": .options(["0", "1"]),
        "updated_since": .day, "updated_until": .day, "start_date": .day, "end_date": .day,
        "sort_by": .options(["id", "update_time", "add_time"]), "sort_direction": .options(["asc", "desc"]),
    ]

    /// The filters `resource`'s list takes (v2's where it has moved, else v1's), saved filter first.
    public static func fields(of resource: String) -> [ListFilterField] {
        let names = ListFilters.names(of: resource, version: .v2).isEmpty
            ? ListFilters.names(of: resource, version: .v1) : ListFilters.names(of: resource, version: .v2)
        let fields = names.compactMap { name in inputs[name].map { ListFilterField(name: name, input: $0) } }
        return fields.filter { $0.name == "filter_id" } + fields.filter { $0.name != "filter_id" }
    }

    /// What to show under the field.
    var hint: String {
        switch input {
        case .pick("filters"): return "a saved filter: type part of its name, or its number (↑↓ Enter pick)"
        case .pick("users"): return "a user: me, a name to search, or a number"
        case .pick(let resource): return "\(PromptField.article(resource)): type a name to search, or its number"
        case .options(let options): return "one of: \(options.joined(separator: ", ")) (←/→ to change)"
        case .day: return "a day YYYY-MM-DD (UTC) or an RFC 3339 time"
        }
    }

    /// The value as the engine takes it (an id, or a name it resolves), or why it cannot be sent.
    func check(_ value: String, picked: Choice?) -> Result<String, PromptField.FieldError> {
        switch input {
        case .pick:
            if let picked, picked.label == value { return .success(String(picked.id)) }
            return .success(value)
        case .options(let options):
            return options.contains(value)
                ? .success(value) : .failure(.init(message: "must be one of: \(options.joined(separator: ", "))"))
        case .day:
            let isDay = value.count == 10 && PromptField.parseTimestamp(value + " 00:00:00") != nil
            return isDay || ISO8601DateFormatter().date(from: value) != nil
                ? .success(value) : .failure(.init(message: "not a day: use YYYY-MM-DD, e.g. 2026-11-29, or 2026-11-29T08:00:00Z"))
        }
    }
}

/// The command line's filters: `status=open owner=me stage="Proposal made"`, `filter "My open deals"`.
enum ListFilterSyntax {
    /// Words split at spaces, a quoted part (`"Proposal made"`, also inside `stage="…"`) kept whole.
    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var quoted = false
        for character in line {
            if let q = quote {
                if character == q { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
                quoted = true
            } else if character == " " {
                if !current.isEmpty || quoted { words.append(current) }
                current = ""
                quoted = false
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty || quoted { words.append(current) }
        return words
    }

    /// The filters named by words after the resource, or nil when they are not filters (an action's words).
    /// `filter NAME` is the saved filter NAME.
    static func filters(_ words: [String]) -> Result<[QueryItem], PromptField.FieldError>? {
        guard let first = words.first, first.contains("=") || first.lowercased() == "filter" else { return nil }
        var items: [QueryItem] = []
        var rest = words[...]
        while let word = rest.popFirst() {
            if word.lowercased() == "filter", !word.contains("=") {
                guard let name = rest.popFirst() else { return .failure(.init(message: "filter needs a saved filter's name or id")) }
                items.append(QueryItem("filter_id", name))
                continue
            }
            let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                return .failure(.init(message: "\"\(Sanitize.inline(word))\" is not a filter: write name=value, e.g. status=open owner=me"))
            }
            items.append(QueryItem(String(parts[0]), String(parts[1])))
        }
        return .success(items)
    }
}

extension ListFilterField {
    /// The saved filters of `resource`'s list whose name contains `term` (all for an empty term), as choices.
    static func savedFilters(_ id: Int, resource: String, term: String) -> Effect {
        .session(id, SessionWork(name: "saved filters of \(resource) matching \(term)") { session in
            let needle = term.lowercased()
            let found = try await session.savedFilters(for: resource)
            return .choices(found.filter { needle.isEmpty || $0.name.lowercased().contains(needle) }.map { Choice(id: $0.id, label: $0.name) })
        })
    }
}
