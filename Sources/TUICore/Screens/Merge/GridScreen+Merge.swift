import PipedriveEngine

extension GridScreen {
    /// `M`: the marked rows merge into the row under the cursor, after the preview.
    func merge(_ shared: inout Shared) -> Step {
        guard let survivor = currentRow.flatMap({ $0["id"]?.intValue }) else {
            shared.setError("no record under the cursor to merge into")
            return Step()
        }
        let ids = markedRows.compactMap { $0["id"]?.intValue }.filter { $0 != survivor }
        return MergeScreen.open(resource: resource, ids: ids, into: survivor, &shared)
    }
}
