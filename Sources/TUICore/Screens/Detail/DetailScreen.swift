import PipedriveEngine
import JSONValue

/// Every field of one record; array and object fields and related lists open as grids.
struct DetailScreen: ScreenComponent {
    let id: ScreenID
    var title: String
    var resource: String
    var record: JSON
    /// The columns of the grid it was opened from: the field titles and kinds.
    var columns: [ColumnInfo]
    var lines: [DetailLine] = []
    /// Whether `lines` leave out the empty fields (`Shared.hidesEmptyFields` when they were made; see `sync`).
    var hidesEmpty = false
    var cursor = ListCursor()
    /// The request gathering the record's remaining fields.
    var loading: Int?
    /// Opening by the record's id (`:deals 7`): what `loading` waits for (see `DetailScreen+ByID`).
    var openingByID: OpeningByID?
    /// Opened by id, the record is gone from Pipedrive (see `DetailScreen+ByID`): said in a banner, nothing to edit.
    var deleted = false
    /// Opened from a reference or a search hit, so the record existed (a typed id may never have).
    var existed = false
    var error: String?
    /// The record's page in Pipedrive's web app, shown first (see `DetailScreen+Link.swift`).
    var link: String?
    /// The requests for the link's address and for opening it.
    var linking: Int?
    var opening: Int?

    /// The detail of a grid's row, asking for the fields the row lacks.
    static func open(_ row: JSON, resource: String, columns: [ColumnInfo], _ shared: inout Shared) -> Step {
        let info = shared.resource(resource)
        let name = info?.nameKey.flatMap { row[$0]?.stringValue }
            ?? row.objectValue.flatMap(ValueFormat.name(of:)) ?? "record"
        var detail = DetailScreen(id: shared.newScreenID(), title: Sanitizer.inert(name), resource: resource, record: row, columns: columns)
        detail.lines = lines(row, resource: resource, columns: columns, shared)
        detail.hidesEmpty = shared.hidesEmptyFields
        var effects: [Effect] = []
        if info != nil, row["id"] != nil {
            let request = shared.newRequestID(for: detail.id)
            detail.loading = request
            effects.append(.loadRecord(request, resource: resource, row: row))
            effects += detail.askForLink(&shared)
        }
        return Step(.push(ComponentEntry(id: detail.id, screen: detail)), effects: effects)
    }

    func title(_ shared: Shared, onTop: Bool) -> String? { deleted ? title + " (deleted)" : title }

    var keyContext: KeyContext? { .detail }

    var pendingRequests: [Int] { [loading, linking, opening].compactMap { $0 } }

    var currentRecord: (String, JSON)? { deleted ? nil : (resource, record) }

    mutating func receive(_ id: Int, _ result: Result<Output, UserError>, _ shared: inout Shared) -> Step {
        if id == linking || id == opening { return Step(effects: receiveLink(id, result, &shared)) }
        guard id == loading else { return Step() }
        loading = nil
        if openingByID != nil, let effects = receiveByID(result, &shared) { return Step(effects: effects) }
        switch result {
        case .success(.record(let gathered)):
            record = gathered
            lines = Self.lines(gathered, resource: resource, columns: columns, shared, link: link)
            cursor.clamp(count: lines.count, height: shared.bodyHeight)
        case .success: break
        case .failure(let failure):
            error = failure.message
            shared.setError(failure.message)
        }
        return Step()
    }

    mutating func resize(_ shared: Shared) { cursor.clamp(count: lines.count, height: shared.bodyHeight) }

    /// Follows `z` (set in this detail or another): the lines again, the cursor kept on its field when it still shows.
    mutating func sync(_ shared: inout Shared, onTop: Bool) -> [Effect] {
        guard hidesEmpty != shared.hidesEmptyFields else { return [] }
        hidesEmpty = shared.hidesEmptyFields
        let label = lines[safe: cursor.index]?.label
        lines = Self.lines(record, resource: resource, columns: columns, shared, link: link)
        cursor.index = lines.firstIndex { $0.label == label } ?? min(cursor.index, max(0, lines.count - 1))
        cursor.clamp(count: lines.count, height: shared.bodyHeight)
        return []
    }

    /// The template's fields first (by their titles), then any other key, then related lists.
    static func lines(_ record: JSON, resource: String, columns: [ColumnInfo], _ shared: Shared, link: String? = nil) -> [DetailLine] {
        let members = record.objectValue ?? [:]
        var lines: [DetailLine] = link.map { [DetailLine(label: linkLabel, value: $0)] } ?? []
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
            if let reference = Self.referenced(key, value, column, shared) { target = reference }
            let text = column.map { shared.format.format(value, as: $0.kind, options: $0.options) } ?? shared.format.plain(value)
            if shared.hidesEmptyFields, text.isEmpty, target == nil { return }
            lines.append(DetailLine(label: title, value: text, target: target))
        }
        for column in columns { line(column.key, column.title, column) }
        for key in members.keys.sorted() where !shown.contains(key) { line(key, key, nil) }
        let related = shared.catalog.flatMap { other in
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
}

extension DetailScreen {
    /// A reference to a record whose own detail can be opened (read by id: resources with an update path).
    static func referenced(_ key: String, _ value: JSON, _ column: ColumnInfo?, _ shared: Shared) -> DrillTarget? {
        guard let resource = ReferenceFields.target(key: key, kind: column?.kind), resource != "users",
              shared.resource(resource)?.writeActions.contains(.update) == true,
              let id = value.intValue ?? value["value"]?.intValue ?? value["id"]?.intValue else { return nil }
        return .record(resource: resource, id: id)
    }
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
    /// A reference (a deal's organization): that record's own detail.
    case record(resource: String, id: Int)
}

