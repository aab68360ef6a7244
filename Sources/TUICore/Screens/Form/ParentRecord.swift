/// The record a list belongs to (deal 7 for `:activities deal 7`), which `n` fills into the new record.
struct ParentRecord: Sendable, Equatable {
    var resource: String
    var id: Int
}

extension GridScreen {
    /// The parent of the rows when the grid's action reads another record's list (its one id parameter).
    func parent(_ shared: Shared) -> ParentRecord? {
        guard let request, let action = shared.resource(resource)?.actions.first(where: { $0.name == request.action }) else { return nil }
        for parameter in action.parameters {
            if case .id(let of) = parameter.kind, of != resource, let id = request.parameters[parameter.name].flatMap(Int.init) {
                return ParentRecord(resource: of, id: id)
            }
        }
        return nil
    }
}
