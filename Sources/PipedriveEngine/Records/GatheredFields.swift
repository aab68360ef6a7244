import JSONValue

extension Session {
    /// `record` of `resource` with gathered fields fetched (`names`, else every gathered field of the
    /// resource: flow, participants, a deal's activities…), each on its own and all at once, at most `limit`
    /// rows each: one that cannot be fetched holds why (`could not load: …`), the others still load.
    public func gathering(_ names: [String]? = nil, into record: Record, of resource: Resource, limit: Int = 200) async -> Record {
        let fields = resource.fields.filter { $0.gather != nil && (names?.contains($0.name) ?? true) }
        var record = record
        let base = record
        // Tasks rather than a task group: in release builds Swift 6.3 crashed handing a group's
        // `(String, JSON)` child result back to an actor.
        let gathering = fields.map { field in (field.name, Task { try await self.gather(field, of: base, limit: limit) }) }
        await withTaskCancellationHandler {
            for (name, task) in gathering {
                do { record[name] = try await task.value } catch { record[name] = .string("could not load: \(error)") }
            }
        } onCancel: {
            for (_, task) in gathering { task.cancel() }
        }
        return record
    }
}
