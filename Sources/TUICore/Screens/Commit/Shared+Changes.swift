import JSONValue
import PipedriveEngine

/// How staged changes read, in the commit view and the dialogs about them.
extension Shared {
    /// The lines the commit view's cursor visits with every group folded.
    public var commitTargets: [CommitTarget] { commitTargets(expanded: []) }

    /// The lines the commit view's cursor visits: each change, and each field of an update; a group's
    /// line, and its records' lines when it is expanded.
    public func commitTargets(expanded: Set<Int>) -> [CommitTarget] {
        commitEntries.flatMap { entry -> [CommitTarget] in
            if let group = entry.change.group {
                return [.group(group.id)] + (expanded.contains(group.id) ? entry.members.flatMap(Self.targets) : [])
            }
            return Self.targets(entry.change)
        }
    }

    private static func targets(_ change: StagedChange) -> [CommitTarget] {
        guard case .update(_, let edits) = change.kind else { return [.change(change.id)] }
        return [.change(change.id)] + edits.map { .field(change.id, $0.key) }
    }

    /// The staged changes in order, each group once where its first member stands, with its members.
    var commitEntries: [(change: StagedChange, members: [StagedChange])] {
        var seen: Set<Int> = []
        return staging.changes.compactMap { change in
            guard let group = change.group else { return (change, []) }
            guard seen.insert(group.id).inserted else { return nil }
            return (change, staging.changes.filter { $0.group == group })
        }
    }

    /// `Update deals 5 “Acme renewal”`, `Delete persons 1, 2, 3`, `Create persons “Ada”`.
    func summary(of change: StagedChange) -> String {
        switch change.kind {
        case .update(let base, _):
            return "Update \(change.resource) \(base.id?.description ?? "")" + quoted(name(of: base.values, in: change.resource))
        case .create(let values):
            return "Create \(change.resource)" + quoted(name(of: values, in: change.resource))
        case .delete(let records):
            let ids = records.compactMap(\.id).map(\.description)
            let shown = ids.count > 8 ? ids.prefix(8).joined(separator: ", ") + " and \(ids.count - 8) more" : ids.joined(separator: ", ")
            let one = records.count == 1 ? quoted(name(of: records[0].values, in: change.resource)) : ""
            return "Delete \(change.resource) \(shown)" + one
        }
    }

    private func quoted(_ text: String?) -> String { text.map { " “\($0)”" } ?? "" }

    /// A record's name (its title, name or subject), made inert for the screen.
    func name(of values: [String: JSON], in resource: String, width: Int = 40) -> String? {
        let text = self.resource(resource)?.nameKey.flatMap { values[$0]?.stringValue } ?? ValueFormat.name(of: values.filter { $0.key != "id" })
        return text.map { Sanitizer.inert(TextWidth.truncate($0, to: width)) }
    }

    /// A field's title as the user knows it: as staged with the edit, else the grid's column title.
    func fieldTitle(_ key: String, of change: StagedChange) -> String {
        if case .update(_, let edits) = change.kind, let edit = edits.first(where: { $0.key == key }) { return edit.title }
        return resource(change.resource)?.columns.first { $0.key == key }?.title ?? key
    }

    /// A value as the grid shows it (options by label, money, times), `(empty)` for none.
    func display(_ value: JSON?, key: String, in resource: String) -> String {
        guard let value, value != .null else { return "(empty)" }
        let text: String
        if let column = self.resource(resource)?.columns.first(where: { $0.key == key }) {
            text = format.format(value, as: column.kind, options: column.options)
        } else {
            text = format.plain(value)
        }
        if case .string = value { return "“\(text)”" }
        return text.isEmpty ? "(empty)" : text
    }
}
