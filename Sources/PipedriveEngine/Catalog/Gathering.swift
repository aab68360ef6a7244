extension Catalog {
    /// The call that fetches a gathered field's value for one record: a sub-endpoint
    /// (`/deals/{id}/flow`), or another resource's action with the record's id as its parameter
    /// (Activity `Read deal` with `deal_id`, which v2 serves as `GET /activities?deal_id=`). Like actions,
    /// it uses v2 by default where Pipedrive moved the call.
    public func gatherCall(for field: Field, item: Record, version: APIVersion? = nil) throws(CallError) -> ResolvedCall? {
        guard let gather = field.gather else { return nil }
        guard let id = item.id else { throw .missingItem(action: "Read \(field.name)", field: "id") }
        switch gather {
        case .endpoint(let path, let extraction):
            if let v2 = Self.v2SubEndpoints[path], (version ?? .v2) == .v2 {
                let request = APIRequest(
                    v2.method, .v2, Action.fill(v2.path, ["id": id.description]),
                    query: v2.query.map { QueryItem($0, id.description) }, paging: .cursor)
                return ResolvedCall(version: .v2, requests: [request], extraction: extraction)
            }
            let paging: Paging = extraction == .bytes ? .none : .offset
            let request = APIRequest(.get, .v1, Action.fill(path, ["id": id.description]), paging: paging)
            return ResolvedCall(version: .v1, requests: [request], extraction: extraction)
        case .action(let resourceName, let actionName, let parameter):
            guard let action = resource(named: resourceName)?.action(named: actionName) else { return nil }
            return try action.resolve(CallInput(parameters: [parameter: id.description], version: version))
        }
    }

    /// The gathered sub-endpoints Pipedrive deprecated (CL-dep), and their v2 calls; a query parameter
    /// takes the record's id.
    static let v2SubEndpoints: [String: V2Call] = [
        "/deals/{id}/persons": V2Call(.get, "/persons", query: ["deal_id"]),
        "/deals/{id}/products": V2Call(.get, "/deals/{id}/products"),
        "/organizations/{id}/persons": V2Call(.get, "/persons", query: ["org_id"]),
    ]
}
