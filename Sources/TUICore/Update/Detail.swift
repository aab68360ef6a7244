import PipedriveEngine
import JSONValue

/// Every field of one record; array and object fields and related lists open as grids.
public struct DetailScreen: Sendable {
    public var title: String
    public var resource: String
    public var record: JSON
    /// The columns of the grid it was opened from: the field titles and kinds.
    public var columns: [ColumnInfo]
    public var lines: [DetailLine] = []
    public var cursor = ListCursor()
    /// The request gathering the record's remaining fields.
    public var loading: Int?
    public var error: String?
}

public struct DetailLine: Sendable, Equatable {
    public var label: String
    public var value: String
    public var target: DrillTarget?
    public var isSection = false
}

public enum DrillTarget: Sendable, Equatable {
    /// A field holding an array or an object, opened as a grid of its items.
    case field(String)
    /// Another resource's action that takes this record's id, e.g. activities `Read deal`.
    case related(resource: String, action: String, parameter: String)
}

extension AppState {
    mutating func openDetail(_ row: JSON, resource: String, columns: [ColumnInfo]) -> Step {
        let info = self.resource(resource)
        let name = info?.nameKey.flatMap { row[$0]?.stringValue }
            ?? row.objectValue.flatMap(ValueFormat.name(of:)) ?? "record"
        var detail = DetailScreen(title: Sanitizer.inert(name), resource: resource, record: row, columns: columns)
        detail.lines = detailLines(row, resource: resource, columns: columns)
        var effects: [Effect] = []
        if info != nil, row["id"] != nil {
            let id = newRequestID()
            detail.loading = id
            effects.append(.loadRecord(id, resource: resource, row: row))
        }
        return Step(.push(.detail(detail)), effects: effects)
    }

    /// The template's fields first (by their titles), then any other key, then related lists.
    func detailLines(_ record: JSON, resource: String, columns: [ColumnInfo]) -> [DetailLine] {
        let members = record.objectValue ?? [:]
        var lines: [DetailLine] = []
        var shown = Set<String>()
        func line(_ key: String, _ title: String, _ column: ColumnInfo?) {
            let value = members[key] ?? .null
            shown.insert(key)
            var target: DrillTarget?
            switch value {
            case .array(let items) where !items.isEmpty: target = .field(key)
            case .object: target = .field(key)
            default: break
            }
            let text = column.map { format.format(value, as: $0.kind, options: $0.options) } ?? format.plain(value)
            lines.append(DetailLine(label: title, value: text, target: target))
        }
        for column in columns { line(column.key, column.title, column) }
        for key in members.keys.sorted() where !shown.contains(key) { line(key, key, nil) }
        let related = catalog.flatMap { other in
            other.actions.compactMap { action -> DetailLine? in
                guard action.parameters.count == 1, action.parameters[0].kind == .id(of: resource) else { return nil }
                return DetailLine(label: "\(other.title): \(action.name)", value: "",
                                  target: .related(resource: other.id, action: action.name, parameter: action.parameters[0].name))
            }
        }
        if !related.isEmpty, members["id"] != nil {
            lines.append(DetailLine(label: "Related", value: "", isSection: true))
            lines += related
        }
        return lines
    }

    mutating func detailKey(_ key: Key, _ detail: inout DetailScreen) -> Step {
        let action = action(key, .detail)
        if detail.cursor.navigate(action, count: detail.lines.count, height: bodyHeight) { return Step() }
        switch action {
        case .open?, .right?:
            guard detail.lines.indices.contains(detail.cursor.index),
                  let target = detail.lines[detail.cursor.index].target else { return Step() }
            switch target {
            case .field(let name):
                let items: [JSON]
                switch detail.record[name] {
                case .array(let a)?: items = a
                case let v?: items = [v]
                case nil: items = []
                }
                let grid = GridScreen(title: name, resource: name, local: items, format: format)
                return Step(.push(.grid(grid)))
            case .related(let resource, let action, let parameter):
                guard let info = self.resource(resource), let act = info.actions.first(where: { $0.name == action }),
                      let id = detail.record["id"]?.intValue else { return Step() }
                return shared.open(info, act, values: [parameter: String(id)])
            }
        case .copy?:
            guard detail.lines.indices.contains(detail.cursor.index) else { return Step() }
            let line = detail.lines[detail.cursor.index]
            setNotice("copied \(line.label)")
            return Step(effects: [.copy(line.value)])
        case .left?: return Step(.pop)
        case .edit?: return openEditForm(detail.record, resource: detail.resource)
        default: return commonKey(action) ?? Step()
        }
    }

    mutating func receiveRecord(_ id: Int, _ record: JSON) {
        for s in stack.indices {
            guard case .detail(var d) = stack[s], d.loading == id else { continue }
            d.loading = nil
            d.record = record
            d.lines = detailLines(record, resource: d.resource, columns: d.columns)
            d.cursor.clamp(count: d.lines.count, height: bodyHeight)
            stack[s] = .detail(d)
        }
    }
}
