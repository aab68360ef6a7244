/// Clicks in the grid: a row (and the cell under the pointer) becomes the selection; a double-click opens it.
extension GridScreen {
    mutating func click(row: Int, x: Int, double: Bool, _ shared: inout Shared) -> Step? {
        // Row 0 is the header.
        let position = top + row - 1
        guard row >= 1, position < visibleCount else { return Step() }
        cursor = position
        if let column = columnAt(x, shared) { self.column = column }
        return double ? handle(.enter, .open, &shared) : Step()
    }

    /// The column drawn at `x`, laid out as the last frame was (same rows, widths and gutter).
    private func columnAt(_ x: Int, _ shared: Shared) -> Int? {
        var state = AppState(catalog: shared.catalog, size: shared.size)
        state.shared = shared
        let ctx = Context(buffer: Buffer(width: 0, height: 0), theme: .plain, format: shared.format, state: state)
        let gutter = gutterWidth(shared)
        let layout = ctx.layOutColumns(self, rows: visibleRows(height: shared.bodyHeight), width: shared.size.width - gutter)
        var left = gutter
        for column in layout.shown {
            let right = left + layout.widths[column]
            if x >= left, x <= right { return column }  // its separator counts as its own
            left = right + 1
        }
        return nil
    }
}

extension GridScreen {
    /// Marked and staged rows show in a gutter at the left, there only while some are.
    /// (Rows drilled out of a record are not the resource's own records, whatever their field's name.)
    func gutterWidth(_ shared: Shared) -> Int {
        let staged = request != nil && !shared.stagedKinds(of: resource).isEmpty
        return marked.isEmpty && !staged && newRows.isEmpty ? 0 : 2
    }
}
