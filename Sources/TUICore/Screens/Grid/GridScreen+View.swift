import JSONValue
import PipedriveEngine

extension GridScreen {
    func status(_ shared: Shared) -> ScreenStatus {
        var parts = [visibleCount == 0 ? "no rows" : "row \(cursor + 1) of \(visibleCount)"]
        parts.append("\(rows.count) loaded, \(exhausted ? "all loaded" : "more to load")")
        if seekingEnd { parts.append("G: loading every page (Esc stops)") }
        if !filter.text.isEmpty {
            // More pages exist: the filter saw only the rows loaded; the resource's search sees them all.
            let searchable = shared.resource(resource)?.actions.contains { $0.parameters.contains { $0.kind == .term } } == true
            let partial = exhausted ? "" : " in loaded rows only" + (searchable ? ": S searches Pipedrive" : "")
            parts.append("filter \"\(filter.text)\"\(partial)")
        }
        if let sort, let col = columns.first(where: { $0.key == sort.column }) {
            parts.append("sorted by \(col.title) \(sort.ascending ? shared.format.glyphs.sortAscending : shared.format.glyphs.sortDescending)")
        }
        return ScreenStatus(parts, loading: loading != nil, error: error)
    }

    /// The likeliest keys first: the bar keeps what fits (every key is in `?`). Write keys only for the
    /// resource's own records, and not in read-only mode.
    func hints(_ shared: Shared) -> [Hint] {
        let writes = shared.writeMode != .readOnly && isPaged
        // Deleting and marking (for `d`) only where the resource has a Delete (not on item search results).
        let deletes = writes && shared.resource(resource)?.writeActions.contains(.delete) == true
        return [Hint(.open, "detail")] + shared.editHints(resource, new: true) + (deletes ? [Hint(.delete, "delete")] : [])
            + (currentRow == nil ? [] : shared.transferHints(resource))
            + [Hint(.filter, "filter"), Hint(.sort, "sort"), Hint(.columns, "columns")]
            + (deletes ? [Hint(.mark, "mark")] : []) + (writes ? [Hint(.undo, "undo")] : [])
            + [Hint([.left, .right], "column"), Hint(.copy, "copy"), Hint(.reload, "reload"), Hint(.command, "command"), Hint(.back, "back")]
    }

    /// The filter line while it is open.
    var inputLine: InputLine? { filtering ? InputLine(prefix: "/", editor: filter, role: .filter) : nil }

    func draw(_ area: Rect, _ ctx: inout Context) { ctx.drawGrid(self, in: area) }
}

extension Context {
    /// The grid: a header row, then only the visible rows; the key column stays at the left while
    /// the other columns scroll sideways to keep the selected one in view.
    fileprivate mutating func drawGrid(_ grid: GridScreen, in area: Rect) {
        // Marked and staged rows show in a gutter at the left, there only while some are.
        // (Rows drilled out of a record are not the resource's own records, whatever their field's name.)
        let kinds = grid.request == nil ? [:] : state.shared.stagedKinds(of: grid.resource)
        let gutter = grid.gutterWidth(state.shared)
        let r = Rect(x: area.x + gutter, y: area.y, width: area.width - gutter, height: area.height)
        // Until the first page names the columns (custom fields, the account's titles), there is no header to show.
        guard !grid.columns.isEmpty, grid.visibleCount > 0 || grid.loading == nil else {
            line(r.y + 1, grid.loading != nil ? " loading \(spinner)" : " no columns", theme[.promptHint])
            return
        }
        let positions = grid.visibleRows(height: r.height)
        let visible = positions.compactMap { grid.row(at: $0) }
        let layout = layOutColumns(grid, rows: positions, width: r.width)
        let (widths, shown, first, frozenWidth, used, hiddenRight, texts) =
            (layout.widths, layout.shown, layout.first, layout.frozenWidth, layout.used, layout.hiddenRight, layout.texts)

        // Header.
        buffer.fill(x: area.x, y: r.y, width: area.width, height: 1, style: theme[.header])
        var x = r.x
        for column in shown {
            let info = grid.columns[column]
            var title = info.title
            var style = theme[.header]
            if let sort = grid.sort, sort.column == info.key {
                title += sort.ascending ? glyphs.sortAscending : glyphs.sortDescending
                style = theme[.headerSorted]
            }
            if column == grid.column { style = style.adding(.underline) }
            let w = min(widths[column], r.x + r.width - x)
            buffer.put(TextWidth.fit(title, to: w, alignRight: info.kind.alignsRight, ellipsis: glyphs.ellipsis), x: x, y: r.y, style: style, maxWidth: w)
            x += widths[column]
            if x < r.x + r.width { buffer.put(glyphs.columnSeparator, x: x, y: r.y, style: theme[.header]) }
            x += 1
        }
        if first > 0, frozenWidth < r.width { buffer.put(glyphs.moreLeft, x: r.x + frozenWidth - 1, y: r.y, style: theme[.headerSorted]) }
        if hiddenRight || used > r.width { buffer.put(glyphs.moreRight, x: r.x + r.width - 1, y: r.y, style: theme[.headerSorted]) }

        // Rows.
        for (i, row) in visible.enumerated() {
            let y = r.y + 1 + i
            let isCursor = grid.top + i == grid.cursor
            let tone = stagedTone(grid, position: grid.top + i, row: row, kinds: kinds)
            let rowStyle = theme[tone ?? (i % 2 == 1 ? .rowAlt : .base)]
            let pending = grid.namesPending(at: grid.top + i)
            buffer.fill(x: r.x, y: y, width: r.width, height: 1, style: rowStyle)
            var x = r.x
            for column in shown {
                let info = grid.columns[column]
                let value = row[info.key]
                let cell = texts[column]?[i] ?? CellText(format.cell(row, info))
                // A staged or marked row keeps its style across; other rows style cells by kind.
                var style = rowStyle
                if tone == nil, info.isKey { style = theme[.columnKey] }
                else if tone == nil, value == nil || value == .null { style = theme[.cellNull] }
                // An id whose name is on its way.
                else if tone == nil, pending, value?.intValue != nil, ReferenceFields.target(key: info.key, kind: info.kind) != nil {
                    style = theme[.cellNull]
                }
                else if tone == nil, info.kind == .boolean { style = cell.text == glyphs.boolTrue ? theme[.cellTrue] : theme[.cellFalse] }
                else if tone == nil, info.kind.alignsRight { style = theme[.cellNumber] }
                let w = min(widths[column], r.x + r.width - x)
                put(cell, x: x, y: y, width: w, alignRight: info.kind.alignsRight, style: style)
                x += widths[column]
                if x < r.x + r.width { buffer.put(glyphs.columnSeparator, x: x, y: y, style: theme[.border]) }
                x += 1
            }
            if gutter > 0 { drawGutter(grid, position: grid.top + i, row: row, kinds: kinds, y: y, style: rowStyle) }
            if isCursor {
                let cursorStyle = theme[.rowCursor]
                buffer.restyle(x: area.x, y: y, width: area.width) { _ in cursorStyle }
            }
        }
        if positions.isEmpty {
            let text: String
            if grid.loading != nil { text = " loading \(spinner)" }
            else if grid.error != nil { text = " could not load: see the status line (r retries)" }
            else if !grid.filter.text.isEmpty { text = " no loaded row matches \"\(grid.filter.text)\"" }
            else { text = " no rows" }
            line(r.y + 1, text, theme[.promptHint])
        }
    }

    /// A cell in `width` columns: cut with an ellipsis when longer, else padded with blanks in its style
    /// (what `TextWidth.fit` makes, without making the padded text).
    private mutating func put(_ cell: CellText, x: Int, y: Int, width: Int, alignRight: Bool, style: Style) {
        guard cell.width <= width else {
            buffer.put(TextWidth.fit(cell.text, to: width, alignRight: alignRight, ellipsis: glyphs.ellipsis), x: x, y: y, style: style, maxWidth: width)
            return
        }
        let pad = width - cell.width
        buffer.fill(x: alignRight ? x : x + cell.width, y: y, width: pad, height: 1, style: style)
        buffer.put(cell.text, x: alignRight ? x + pad : x, y: y, style: style, maxWidth: cell.width)
    }
}
