import PipedriveEngine

/// Paging: the first page as the grid opens, the next as the cursor nears the end, all again on `r`
/// or after a commit. Each page request is routed back to this grid by its id; the position to go on
/// from (`next`) stays here, so leaving the grid leaves nothing behind.
extension GridScreen {
    /// A grid for an action's results, asking for its first page.
    static func open(_ title: String, resource: ResourceInfo, request: PageRequest, _ shared: inout Shared) -> (GridScreen, [Effect]) {
        var grid = GridScreen(id: shared.newScreenID(), title: title, resource: resource.id, request: request, columns: resource.columns)
        let effects = grid.reload(&shared, keepingPlace: false)
        return (grid, effects)
    }

    /// Loads the grid again from its first page (after `r`, or a commit that changed its records).
    mutating func reload(_ shared: inout Shared, keepingPlace: Bool) -> [Effect] {
        guard let request else { return [] }
        var effects = dropPageInFlight(&shared)
        effects += forgetNames(&shared)
        let place = (cursor, top)
        let keep = keepingPlace ? RecordID(currentRow?["id"]).map { Reselect(id: $0, line: cursor - top, loaded: rows.count) } : nil
        seekingEnd = false
        clear()
        if keepingPlace { (cursor, top) = place }
        reselect = keep
        var first = request
        first.cursor = nil
        let id = shared.newRequestID(for: self.id)
        loading = id
        effects.append(.loadPage(id, first))
        return effects
    }

    /// Loads the next page early enough for the measured round trip and the user's scroll speed (see
    /// `Prefetch`); cancels one the user has left behind.
    mutating func prefetch(_ shared: inout Shared) -> [Effect] {
        pacing.cursorAt(cursor, time: shared.now)
        // Moving off the last row while `G` loads every page leaves that to the prefetch (which may cancel it).
        if seekingEnd, cursor < visibleCount - 1 { seekingEnd = false }
        guard request != nil, !exhausted, next != nil, error == nil, filter.text.isEmpty, !rows.isEmpty else { return [] }
        let decision = pacing.decide(cursor: cursor, loaded: visibleCount, screen: shared.gridRows, loading: loading != nil,
                                     burstLow: shared.rateLimit?.burstRunningLow == true)
        switch decision {
        case .wait: return []
        case .cancel:
            pacing.pageArrived(took: nil)
            return dropPageInFlight(&shared)
        case .fetch:
            pacing.asked(at: cursor)
            return nextPage(&shared)
        }
    }

    /// Cancels the page being read, if any, so its answer is dropped (a later read asks for it again).
    mutating func dropPageInFlight(_ shared: inout Shared) -> [Effect] {
        guard let loading else { return [] }
        _ = shared.finish(loading)
        self.loading = nil
        return [.cancel(loading)]
    }

    /// Asks for the page after the last loaded, unless one is in flight or none is left.
    mutating func nextPage(_ shared: inout Shared) -> [Effect] {
        guard var nextRequest = request, loading == nil, let next else { return [] }
        nextRequest.cursor = next
        let id = shared.newRequestID(for: self.id)
        loading = id
        return [.loadPage(id, nextRequest)]
    }

    mutating func receive(_ id: Int, _ result: Result<Output, UserError>, _ shared: inout Shared) -> Step {
        if receiveCommandResult(id, result, &shared) { return Step() }
        if naming[id] != nil { receiveNames(id, result, &shared); return Step() }
        guard id == loading else { return Step(effects: shared.linkOpened(result)) }  // `o`
        loading = nil
        switch result {
        case .success(.page(let page)):
            pacing.pageArrived(took: page.roundTrip)
            receive(page, &shared)
            return Step(effects: continueExport(&shared) + continueToEnd(&shared) + continueReselect(&shared))
        case .success: break
        case .failure(let failure):
            error = failure.message
            shared.setError(failure.message)
            if exporting?.request == nil { exporting = nil }
            seekingEnd = false
            reselect = nil
        }
        return Step()
    }

    private mutating func receive(_ page: RowPage, _ shared: inout Shared) {
        if let notice = page.notice { shared.setError(notice) }
        if let columns = page.columns {
            receive(columns, layout: shared.columnLayouts[resource])
            // Later screens of this resource (detail, other actions) use the account's columns too.
            shared.setColumns(columns, of: resource)
        }
        if page.namesPending { unnamed.formUnion(rows.count..<rows.count + page.rows.count) }
        append(page.rows, format: shared.format)
        clampCursor(height: shared.gridRows)
        next = page.next
        exhausted = page.next == nil
    }

    /// Records of these resources were committed or undone: reload from the first page, keeping the cursor's place.
    mutating func dataChanged(_ resources: Set<String>, _ shared: inout Shared) -> [Effect] {
        guard resources.contains(resource), isPaged else { return [] }
        return reload(&shared, keepingPlace: true)
    }
}
