extension ColumnChooser {
    func draw(_ ctx: inout Context) { ctx.drawColumnChooser(self) }
}

extension Context {
    /// The column chooser: a box over the grid listing every column with its mark, the key column fixed.
    fileprivate mutating func drawColumnChooser(_ chooser: ColumnChooser) {
        let boxWidth = min(60, width - 2)
        let listHeight = chooser.listHeight(state.shared)
        let boxHeight = listHeight + 4
        guard boxWidth > 20, boxHeight <= state.bodyHeight else { return }
        let x0 = (width - boxWidth) / 2
        let y0 = 1
        buffer.fill(x: x0, y: y0, width: boxWidth, height: boxHeight, style: theme[.dialog])
        buffer.put(TextWidth.truncate(" Columns of \(chooser.title) ", to: boxWidth - 4, ellipsis: glyphs.ellipsis),
                   x: x0 + 2, y: y0, style: theme[.helpSection])
        let shown = chooser.items.filter(\.visible).count
        var summary = "\(shown) of \(chooser.items.count) columns shown"
        if !chooser.search.isEmpty {
            summary += " · find: " + Sanitizer.inert(chooser.search) + (chooser.firstMatch == nil ? " (no column has it)" : "")
        }
        buffer.put(TextWidth.truncate("  " + summary, to: boxWidth, ellipsis: glyphs.ellipsis), x: x0, y: y0 + 1,
                   style: theme[.promptHint], maxWidth: boxWidth)
        let top = chooser.cursor.top
        for i in 0..<listHeight {
            let index = top + i
            guard chooser.items.indices.contains(index) else { break }
            let item = chooser.items[index]
            let y = y0 + 2 + i
            let mark = item.visible ? "[x] " : "[ ] "
            let note = item.column.isKey ? "  (key column: stays first)" : ""
            let text = "  " + mark + TextWidth.truncate(item.column.title + note, to: boxWidth - 4 - TextWidth.of(mark), ellipsis: glyphs.ellipsis)
            let style = index == chooser.cursor.index ? theme[.rowCursor] : item.visible ? theme[.dialog] : theme[.promptHint]
            buffer.fill(x: x0, y: y, width: boxWidth, height: 1, style: style)
            buffer.put(text, x: x0, y: y, style: style, maxWidth: boxWidth)
        }
        if top + listHeight < chooser.items.count {
            buffer.put(" \(chooser.items.count - top - listHeight) more below ", x: x0 + 2, y: y0 + boxHeight - 1,
                       style: theme[.promptHint], maxWidth: boxWidth - 4)
        }
    }
}
