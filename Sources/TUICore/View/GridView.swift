import JSONValue
import PipedriveEngine

extension Context {
    /// The grid: a header row, then only the visible rows; the key column stays at the left while
    /// the other columns scroll sideways to keep the selected one in view.
    mutating func drawGrid(_ grid: GridScreen, in area: Rect) {
        // Marked and staged rows show in a gutter at the left, there only while some are.
        // (Rows drilled out of a record are not the resource's own records, whatever their field's name.)
        let kinds = grid.request == nil ? [:] : state.stagedKinds(of: grid.resource)
        let gutter = grid.marked.isEmpty && kinds.isEmpty && grid.newRows.isEmpty ? 0 : 2
        let r = Rect(x: area.x + gutter, y: area.y, width: area.width - gutter, height: area.height)
        guard !grid.columns.isEmpty else {
            line(r.y + 1, grid.loading != nil ? " loading \(spinner)" : " no columns", theme[.promptHint])
            return
        }
        let rows = max(0, r.height - 1)
        let visible = (0..<rows).compactMap { i -> JSON? in grid.row(at: grid.top + i) }
        let widths = grid.columns.map { width(of: $0, rows: visible) }
        let frozen = grid.columns.indices.filter { grid.columns[$0].isKey }
        let scrolling = grid.columns.indices.filter { !grid.columns[$0].isKey }
        let frozenWidth = frozen.reduce(0) { $0 + widths[$1] + 1 }

        // The first scrolling column shown: no later than the selected one, and early enough to show it.
        var first = min(grid.firstColumn, scrolling.firstIndex(of: grid.column) ?? 0)
        if let selected = scrolling.firstIndex(of: grid.column) {
            while first < selected, frozenWidth + (first...selected).reduce(0, { $0 + widths[scrolling[$1]] + 1 }) > r.width {
                first += 1
            }
        }
        var shown = frozen
        var used = frozenWidth
        var hiddenRight = false
        for i in scrolling.indices.dropFirst(first) {
            let column = scrolling[i]
            if used >= r.width { hiddenRight = true; break }
            shown.append(column)
            used += widths[column] + 1
        }

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
            buffer.fill(x: r.x, y: y, width: r.width, height: 1, style: rowStyle)
            var x = r.x
            for column in shown {
                let info = grid.columns[column]
                let value = row[info.key]
                let text = format.cell(row, info)
                // A staged or marked row keeps its style across; other rows style cells by kind.
                var style = rowStyle
                if tone == nil, info.isKey { style = theme[.columnKey] }
                else if tone == nil, value == nil || value == .null { style = theme[.cellNull] }
                else if tone == nil, info.kind == .boolean { style = text == glyphs.boolTrue ? theme[.cellTrue] : theme[.cellFalse] }
                else if tone == nil, info.kind.alignsRight { style = theme[.cellNumber] }
                let w = min(widths[column], r.x + r.width - x)
                buffer.put(TextWidth.fit(text, to: w, alignRight: info.kind.alignsRight, ellipsis: glyphs.ellipsis), x: x, y: y, style: style, maxWidth: w)
                x += widths[column]
                if x < r.x + r.width { buffer.put(glyphs.columnSeparator, x: x, y: y, style: theme[.border]) }
                x += 1
            }
            if gutter > 0 { drawGutter(grid, position: grid.top + i, row: row, kinds: kinds, y: y, style: rowStyle) }
            if isCursor { buffer.restyle(x: area.x, y: y, width: area.width) { _ in theme[.rowCursor] } }
        }
        if visible.isEmpty {
            let text: String
            if grid.loading != nil { text = " loading \(spinner)" }
            else if grid.error != nil { text = " could not load: see the status line (r retries)" }
            else if !grid.filter.text.isEmpty { text = " no loaded row matches \"\(grid.filter.text)\"" }
            else { text = " no rows" }
            line(r.y + 1, text, theme[.promptHint])
        }
    }

    /// A column's width: its title and the visible values, within the template's preferred width
    /// (at least 10 columns, so short templates still show short values whole).
    func width(of column: ColumnInfo, rows: [JSON]) -> Int {
        let cap = max(column.width ?? 20, 10)
        var content = 1
        for row in rows {
            content = max(content, TextWidth.of(format.cell(row, column)))
            if content >= cap { break }
        }
        let title = TextWidth.of(column.title) + 1
        return max(3, min(max(content, min(title, cap)), cap))
    }
}
