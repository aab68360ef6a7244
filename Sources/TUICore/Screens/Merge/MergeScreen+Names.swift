import JSONValue

/// The preview names references (an owner, a key account manager, an organization) as the grid does: each
/// surviving and overruled value goes through the session's name cache once the plan is read.
extension MergeScreen {
    /// One row per value shown, `{field: value}`, in the order `named(_:)` puts them back.
    func valueRows() -> [JSON] {
        (plan?.values ?? []).flatMap { value in ([value.value] + value.over).map { JSON.object([value.field: $0]) } }
    }

    mutating func nameValues(_ shared: inout Shared) -> [Effect] {
        let rows = valueRows()
        guard !rows.isEmpty else { return [] }
        let request = shared.newRequestID(for: id)
        naming = request
        return [.nameRows(request, resource: resource, rows: rows)]
    }

    /// Puts the named values in place; a failed lookup leaves the ids.
    mutating func receiveNames(_ result: Result<Output, UserError>) {
        naming = nil
        guard case .success(.names(let named)) = result, var plan, named.rows.count == valueRows().count else { return }
        var rows = named.rows.makeIterator()
        for i in plan.values.indices {
            let field = plan.values[i].field
            if let value = rows.next()?[field] { plan.values[i].value = value }
            plan.values[i].over = plan.values[i].over.map { rows.next()?[field] ?? $0 }
        }
        self.plan = plan
    }
}
