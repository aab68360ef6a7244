import JSONValue
import PipedriveEngine

/// `:deals 7`, and `:7` in a grid when row 7 is not loaded: a record's detail opened by its id. The
/// account's fields come first (for the field names), then the record is read, then it is named and
/// gathered as a grid row's detail is. A record no longer there (deleted on Pipedrive) shows as deleted.
extension DetailScreen {
    /// Where opening by id is: waiting for the fields, or for the record.
    enum OpeningByID: Sendable, Equatable {
        case fields(Int)
        case record
    }

    /// `name`: the record's name where it is known already (a reference's), for the breadcrumb while it loads.
    static func open(id: Int, of info: ResourceInfo, name: String? = nil, _ shared: inout Shared) -> Step {
        // A record is read by id on its update path, which only resources that can be changed have.
        guard info.writeActions.contains(.update) else {
            shared.setError("\(info.title) has no call that reads one record by id: open :\(info.id) and find it there")
            return Step()
        }
        var detail = DetailScreen(
            id: shared.newScreenID(), title: name.flatMap { $0.isEmpty ? nil : Sanitizer.inert($0) } ?? "\(info.title) \(id)", resource: info.id, record: ["id": .int(id)], columns: info.columns)
        let request = shared.newRequestID(for: detail.id)
        detail.loading = request
        detail.openingByID = .fields(id)
        detail.existed = name?.isEmpty == false
        return Step(.push(ComponentEntry(id: detail.id, screen: detail)), effects: [.loadSchema(request, resource: info.id)])
    }

    /// The next step of opening by id with this result; nil when the detail is not opening by id.
    mutating func receiveByID(_ result: Result<Output, UserError>, _ shared: inout Shared) -> [Effect]? {
        switch (openingByID, result) {
        case (.fields(let recordID)?, .success(.schema(let schema))):
            columns = ResourceInfo(schema).columns
            shared.setColumns(columns, of: resource)
            lines = Self.lines(record, resource: resource, columns: columns, shared)
            openingByID = .record
            let request = shared.newRequestID(for: id)
            loading = request
            let name = resource
            let work = SessionWork(name: "read \(name) \(recordID)") { session in
                let schema = try await session.schema(of: try session.resource(named: name))
                var record = try await session.records([.int(recordID)], of: schema)[0]
                record.values["id"] = record.values["id"] ?? .int(recordID)
                return .record(.object(record.values))
            }
            return [.session(request, work)]
        case (.record?, .success(.record(let read))):
            openingByID = nil
            record = read
            let info = shared.resource(resource)
            title = Sanitizer.inert(info?.nameKey.flatMap { read[$0]?.stringValue } ?? read.objectValue.flatMap(ValueFormat.name(of:)) ?? title)
            lines = Self.lines(read, resource: resource, columns: columns, shared)
            let request = shared.newRequestID(for: id)
            loading = request
            return [.loadRecord(request, resource: resource, row: read)]
        case (.record?, .failure(let failure)) where failure.kind == .notFound:
            // v1 answers a deleted record 404, v2 200 flagged `is_deleted` (the engine reads that as not found):
            // either way it is gone, which the detail says instead of blaming the id.
            openingByID = nil
            deleted = true
            lines = [DetailLine(label: "id", value: record["id"].map(shared.format.plain) ?? "")]
            cursor = ListCursor()
            return []
        default:
            openingByID = nil
            return nil
        }
    }
}
