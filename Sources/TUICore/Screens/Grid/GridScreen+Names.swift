import JSONValue
import PipedriveEngine

/// Rows first, names after: a page's rows show as soon as it arrives, their references as ids (styled as
/// pending), and only the rows in view are named, with the two screens ahead while the user scrolls.
/// The names come from the session's one cache, shared by every screen.
extension GridScreen {
    /// How many screens of rows below the top are named while the user scrolls: the one shown and two ahead.
    /// At rest only the one shown is: the screens ahead may never be seen.
    static let namedScreens = 3
    /// Name lookups in flight at once for a grid: scrolling faster than they return queues the rest.
    static let namingAtOnce = 2

    /// Asks for the names of the unnamed rows from the top of the screen to the end of the prefetch window,
    /// cancelling lookups for rows the user has scrolled away from (they are asked again if seen again).
    /// At rest, and near the burst limit, only the screen in view is named.
    mutating func nameInView(_ shared: inout Shared) -> [Effect] {
        guard !unnamed.isEmpty else { return [] }
        let screens = shared.rateLimit?.burstRunningLow == true || pacing.speed == 0 ? 1 : Self.namedScreens
        let from = max(0, top - newRows.count), upTo = min(order.count, top - newRows.count + screens * shared.gridRows)
        guard from < upTo else { return [] }
        let window = Set(order[from..<upTo])
        var effects: [Effect] = []
        for (id, rows) in naming.sorted(by: { $0.key < $1.key }) where !rows.contains(where: window.contains) {
            naming[id] = nil
            _ = shared.finish(id)
            effects.append(.cancel(id))
        }
        guard naming.count < Self.namingAtOnce else { return effects }
        let asked = Set(naming.values.joined())
        let wanted = order[from..<upTo].filter { unnamed.contains($0) && !asked.contains($0) }
        guard !wanted.isEmpty else { return effects }
        let id = shared.newRequestID(for: self.id)
        naming[id] = wanted
        return effects + [.nameRows(id, resource: resource, rows: wanted.map { rows[$0] })]
    }

    /// Puts the named rows in place; a failed lookup leaves its rows with ids and says why.
    mutating func receiveNames(_ id: Int, _ result: Result<Output, UserError>, _ shared: inout Shared) {
        guard let asked = naming.removeValue(forKey: id) else { return }
        unnamed.subtract(asked)
        switch result {
        case .success(.names(let named)) where named.rows.count == asked.count:
            rows.replace(Dictionary(uniqueKeysWithValues: zip(asked, named.rows)))
            if let notice = named.notice { shared.setError(notice) }
            // A sort or filter over names sees them now.
            if sort != nil || !filter.text.isEmpty {
                resorting = true
                rebuildOrder(format: shared.format)
            }
        case .failure(let failure): shared.setError(failure.message)
        default: break
        }
    }

    /// Drops the lookups in flight and the rows waiting for names (the grid is loaded again).
    mutating func forgetNames(_ shared: inout Shared) -> [Effect] {
        let cancels = naming.keys.sorted().map { id -> Effect in
            _ = shared.finish(id)
            return .cancel(id)
        }
        naming = [:]
        unnamed = []
        return cancels
    }

    /// Whether the row at this display position still shows ids where names will be.
    public func namesPending(at position: Int) -> Bool {
        let loaded = position - newRows.count
        return order.indices.contains(loaded) && unnamed.contains(order[loaded])
    }

    /// Whether `row`'s references are still ids, its names not yet looked up.
    func isUnnamed(_ row: JSON) -> Bool {
        let id = RecordID(row["id"])
        return id != nil && unnamed.contains { RecordID(rows[$0]["id"]) == id }
    }
}
