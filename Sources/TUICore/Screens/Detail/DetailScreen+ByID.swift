import JSONValue
import PipedriveEngine

/// `:deals 7`, and `:7` in a grid when row 7 is not loaded: a record's detail opened by its id. The
/// record is read first, then named and gathered as a grid row's detail is.
extension DetailScreen {
    static func open(id: Int, of info: ResourceInfo, _ shared: inout Shared) -> Step {
        var detail = DetailScreen(
            id: shared.newScreenID(), title: "\(info.title) \(id)", resource: info.id, record: ["id": .int(id)], columns: info.columns)
        let request = shared.newRequestID(for: detail.id)
        detail.loading = request
        detail.readingByID = true
        let name = info.id
        let work = SessionWork(name: "read \(name) \(id)") { session in
            let schema = try await session.schema(of: try session.resource(named: name))
            var record = try await session.records([.int(id)], of: schema)[0]
            record.values["id"] = record.values["id"] ?? .int(id)
            return .record(.object(record.values))
        }
        return Step(.push(.component(ComponentEntry(id: detail.id, screen: detail))), effects: [.session(request, work)])
    }

    /// The record read by id arrived: shown at once, then named and gathered like a grid row.
    mutating func receiveByID(_ record: JSON, _ shared: inout Shared) -> [Effect] {
        readingByID = false
        self.record = record
        let info = shared.resource(resource)
        title = Sanitizer.inert(info?.nameKey.flatMap { record[$0]?.stringValue } ?? record.objectValue.flatMap(ValueFormat.name(of:)) ?? title)
        lines = Self.lines(record, resource: resource, columns: columns, shared)
        let request = shared.newRequestID(for: id)
        loading = request
        return [.loadRecord(request, resource: resource, row: record)]
    }
}
