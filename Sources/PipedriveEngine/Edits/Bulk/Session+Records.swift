import JSONValue

extension Session {
    /// These records as Pipedrive has them now, in the order of `ids`; an id that cannot be read is
    /// refused with why (nothing is written).
    public func records(_ ids: [RecordID], of schema: Schema) async throws -> [Record] {
        let found = try await currentRecords(ids, schema: schema)
        return try ids.map { id throws(PipedriveError) in
            switch found[id] {
            case .success(let record)?: return record
            case .failure(let error)?: throw error
            case nil: throw PipedriveError(.notFound, "\(schema.resource.name) \(id) was not found.")
            }
        }
    }

    /// Each record as Pipedrive has it now, by id: v2's `ids=` filter reads 100 a call where the resource
    /// has it (Pipedrive's spec: "up to 100 entity ids"; deals not listed are looked for among the archived
    /// ones), else, and for ids a list did not return, one read on the update's own path each. A read that
    /// fails is that id's failure; a failed list read falls back to single reads.
    func currentRecords(_ ids: [RecordID], schema: Schema) async throws -> [RecordID: Result<Record, PipedriveError>] {
        var found: [RecordID: Result<Record, PipedriveError>] = [:]
        let update = try writeAction(.update, of: schema.resource)
        if version(of: update) == .v2, ids.count > 1, let paths = ReferenceNames.byIDs[schema.resource.name] {
            var missing = ids.compactMap { id -> Int? in if case .int(let value) = id { value } else { nil } }
            for path in paths where !missing.isEmpty {
                for start in stride(from: 0, to: missing.count, by: ReferenceNames.idsPerRequest) {
                    let batch = missing[start..<min(start + ReferenceNames.idsPerRequest, missing.count)]
                    let request = APIRequest(.get, .v2, path, query: [
                        QueryItem("ids", batch.map(String.init).joined(separator: ",")),
                        QueryItem("limit", String(ReferenceNames.idsPerRequest)),
                    ])
                    guard let response = try? await client.send(request) else { continue }
                    for row in Extraction.data.rows(from: response.json) {
                        let record = schema.record(from: row)
                        if let id = record.id, batch.contains(where: { RecordID.int($0) == id }) { found[id] = .success(record) }
                    }
                }
                missing = missing.filter { found[.int($0)] == nil }
            }
        }
        for id in ids where found[id] == nil {
            do {
                found[id] = .success(try await reread(Record(id: id, values: [:]), schema: schema))
            } catch let error as PipedriveError {
                found[id] = .failure(error)
            }
        }
        return found
    }
}
