extension Catalog {
    /// The call that fetches a gathered field's value for one record: a v1 sub-endpoint
    /// (`/deals/{id}/flow`), or another resource's action with the record's id as its parameter
    /// (Activity `Read deal` with `deal_id`, which v2 serves as `GET /activities?deal_id=`).
    public func gatherCall(for field: Field, item: Record, version: APIVersion? = nil) throws(CallError) -> ResolvedCall? {
        guard let gather = field.gather else { return nil }
        guard let id = item.id else { throw .missingItem(action: "Read \(field.name)", field: "id") }
        switch gather {
        case .endpoint(let path, let extraction):
            let paging: Paging = extraction == .bytes ? .none : .offset
            let request = APIRequest(.get, .v1, Action.fill(path, ["id": id.description]), paging: paging)
            return ResolvedCall(version: .v1, requests: [request], extraction: extraction)
        case .action(let resourceName, let actionName, let parameter):
            guard let action = resource(named: resourceName)?.action(named: actionName) else { return nil }
            return try action.resolve(CallInput(parameters: [parameter: id.description], version: version))
        }
    }
}
