import JSONValue
import PipedriveEngine

/// Which columns a frame of the grid shows and how wide each is.
struct GridLayout {
    /// Width per column (index into the grid's columns).
    var widths: [Int]
    /// Column indices shown, left to right: the frozen key columns, then the scrolled ones.
    var shown: [Int]
    /// The first scrolling column shown (index into the non-key columns).
    var first: Int
    var frozenWidth: Int
    /// Cells used, separators included; more than the width when the last column is cut.
    var used: Int
    var hiddenRight: Bool
    /// The visible rows' cells, by column index, for the columns measured (every shown one).
    var texts: [Int: [CellText]]
}

extension GridScreen {
    /// The positions of the rows a body `height` rows high shows below the header.
    func visibleRows(height: Int) -> Range<Int> {
        top..<max(top, min(visibleCount, top + height - 1))
    }

    /// Column `column` of the rows at these positions, as `format` shows them: a stored row's cells are
    /// formatted once and remembered for the next frames (see `CellTexts`).
    func cells(_ column: Int, rows positions: Range<Int>, _ format: ValueFormat) -> [CellText] {
        let info = columns[column]
        let staged = positions.clamped(to: 0..<newRows.count)
        let stored = positions.clamped(to: newRows.count..<visibleCount).map { order[$0 - newRows.count] }
        return staged.map { CellText(format.cell(newRows[$0].values, info)) }
            + rows.texts(column, at: stored, stamp: CellStamp(columns: columnsStamp, format: format)) { format.cell($0, info) }
    }
}

extension Context {
    /// Widths follow the template and the content: each column takes its title and visible values
    /// within its template's width (the name column up to a fifth of the screen). Room left at the
    /// right goes to text columns whose values were cut, in proportion to what they miss, rather
    /// than to a sliver of a column cut at the edge; numbers, dates and marks stay tight.
    func layOutColumns(_ grid: GridScreen, rows: Range<Int>, width total: Int) -> GridLayout {
        // (The catalog may not know the name field before the account's fields arrive.)
        let nameKey = state.resource(grid.resource)?.nameKey
            ?? ResourceInfo.nameKeys.first { key in grid.columns.contains { $0.key == key } }
        // Only the columns the frame reaches are measured (and their cells formatted): a wide resource has
        // many more columns than the screen shows.
        var measures: [Int: (base: Int, want: Int)] = [:]
        var texts: [Int: [CellText]] = [:]
        var widths = [Int](repeating: 0, count: grid.columns.count)
        func measured(_ column: Int) -> (base: Int, want: Int) {
            if let known = measures[column] { return known }
            let info = grid.columns[column]
            let cells = grid.cells(column, rows: rows, format)
            let result = measure(info, cells: cells, isName: info.key == nameKey, screenWidth: total)
            (measures[column], texts[column], widths[column]) = (result, cells, result.base)
            return result
        }
        func width(_ column: Int) -> Int {
            _ = measured(column)
            return widths[column]
        }
        let frozen = grid.columns.indices.filter { grid.columns[$0].isKey }
        let scrolling = grid.columns.indices.filter { !grid.columns[$0].isKey }
        let frozenWidth = frozen.reduce(0) { $0 + width($1) + 1 }

        // The first scrolling column shown: no later than the selected one, and early enough to show it.
        var first = min(grid.firstColumn, scrolling.firstIndex(of: grid.column) ?? 0)
        if let selected = scrolling.firstIndex(of: grid.column) {
            while first < selected, frozenWidth + (first...selected).reduce(0, { $0 + width(scrolling[$1]) + 1 }) > total {
                first += 1
            }
        }
        var shown = frozen
        var used = frozenWidth
        var hiddenRight = false
        for i in scrolling.indices.dropFirst(first) {
            let column = scrolling[i]
            if used >= total { hiddenRight = true; break }
            shown.append(column)
            used += width(column) + 1
        }

        // Spare room: what is left after the last whole column (a cut column gives its room up when
        // a shown text column wants it, and is then one `l` away like the others).
        var whole = shown
        if used > total, let last = whole.last, !frozen.contains(last), last != grid.column, whole.count > frozen.count + 1 {
            whole.removeLast()
        }
        let wholeUsed = whole.reduce(0) { $0 + widths[$1] + 1 }
        let spare = total - wholeUsed
        let wants = whole.map { measured($0).want - widths[$0] }
        let wanted = wants.reduce(0, +)
        if spare > 0, wanted > 0 {
            let give = min(spare, wanted)
            var left = give
            for (i, column) in whole.enumerated() where wants[i] > 0 {
                let share = min(wants[i], give * wants[i] / wanted)
                widths[column] += share
                left -= share
            }
            // What rounding left over goes to the columns still short, left to right.
            for (i, column) in whole.enumerated() where left > 0 && widths[column] < measured(column).base + wants[i] {
                let more = min(left, measured(column).base + wants[i] - widths[column])
                widths[column] += more
                left -= more
            }
            // The cut column stays when the text columns could not use all of its room.
            if whole.count < shown.count, give == spare {
                hiddenRight = true
                shown = whole
            }
            used = shown.reduce(0) { $0 + widths[$1] + 1 }
        }
        return GridLayout(
            widths: widths, shown: shown, first: first, frozenWidth: frozenWidth, used: used, hiddenRight: hiddenRight, texts: texts)
    }

    /// A column's width before spare room is shared (`base`: its title and visible values within the
    /// template's width, at least 10 so short templates still show short values whole) and the width
    /// its visible values would need whole (`want`), for text columns only.
    func measure(_ column: ColumnInfo, cells: [CellText], isName: Bool, screenWidth: Int) -> (base: Int, want: Int) {
        var cap = max(column.width ?? 20, 10)
        if isName { cap = max(cap, screenWidth / 5) }
        let limit = column.kind.growsWithContent && !column.isKey ? max(cap, 60) : cap
        var content = 1
        for cell in cells {
            content = max(content, cell.width)
            if content >= limit { break }
        }
        content = min(content, limit)
        let title = TextWidth.of(column.title) + 1
        let base = max(3, min(max(content, min(title, cap)), cap))
        return (base, max(base, content))
    }
}

extension ValueKind {
    /// Whether a column of this kind holds text of any length (names, notes, labels), which gets spare room;
    /// numbers, moments and marks have a width of their own.
    var growsWithContent: Bool {
        switch self {
        case .integer, .decimal, .money, .boolean, .date, .time, .timestamp, .dateRange, .timeRange, .list: return false
        default: return true
        }
    }
}
