import PipedriveEngine

extension GridScreen {
    /// `M`: the marked rows merge into the row under the cursor, after the preview. The marks are used up.
    mutating func merge(_ shared: inout Shared) -> Step {
        guard let survivor = currentRow.flatMap({ $0["id"]?.intValue }) else {
            shared.setError("no record under the cursor to merge into")
            return Step()
        }
        let ids = markedRows.compactMap { $0["id"]?.intValue }.filter { $0 != survivor }
        if !ids.isEmpty { marked = [] }
        return MergeScreen.open(resource: resource, ids: ids, into: survivor, &shared)
    }
}
