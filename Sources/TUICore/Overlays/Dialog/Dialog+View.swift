extension Dialog {
    func hints(_ shared: Shared) -> [Hint]? {
        if input != nil { return [Hint(fixed: "Enter", "confirm"), Hint(fixed: "Esc", "cancel")] }
        // A button's letter answers at once (a conflict's s, t, o): offered first.
        let letters = buttons.compactMap { button in button.key.map { Hint(fixed: String($0), button.label.lowercased()) } }
        return letters + [Hint(fixed: "←/→", "choose"), Hint(fixed: "Enter", "answer"), Hint(fixed: "Esc", "cancel")]
    }

    func draw(_ ctx: inout Context) { ctx.drawDialog(self) }
}

extension Context {
    /// A dialog in a box at the middle of the screen: its lines, a typed-confirmation field when it
    /// has one, and its buttons with the selected one reversed.
    fileprivate mutating func drawDialog(_ dialog: Dialog) {
        let longest = dialog.lines.map { TextWidth.of($0) }.max() ?? 0
        let boxWidth = min(width - 2, max(50, min(100, longest + 4)))
        guard boxWidth > 12 else { return }
        // A long line (a call with a whole record as its body) shows its start: three rows at most.
        var body = dialog.lines.flatMap { line -> [String] in
            let rows = wrap(line, .dialog, width: boxWidth - 4, indent: "    ").map { $0.pieces.map(\.text).joined() }
            return rows.count > 3 ? Array(rows.prefix(2)) + [TextWidth.truncate(rows[2] + "  ", to: boxWidth - 4, ellipsis: glyphs.ellipsis)] : rows
        }
        let extra = (dialog.input != nil ? 2 : 0) + 4  // title, blank (or the error), buttons, margin
        let room = max(1, state.bodyHeight - extra)
        if body.count > room { body = Array(body.prefix(room - 1)) + ["…"] }
        let boxHeight = body.count + extra
        let x0 = (width - boxWidth) / 2
        let y0 = max(1, 1 + (state.bodyHeight - boxHeight) / 2)
        buffer.fill(x: x0, y: y0, width: boxWidth, height: boxHeight, style: theme[.dialog])
        drawFrame(x: x0, y: y0, width: boxWidth, height: boxHeight)
        buffer.put(" " + dialog.title + " ", x: x0 + 2, y: y0, style: theme[.helpSection], maxWidth: boxWidth - 4)
        var y = y0 + 1
        for line in body {
            buffer.put(line, x: x0 + 2, y: y, style: theme[.dialog], maxWidth: boxWidth - 4)
            y += 1
        }
        y += 1
        if let input = dialog.input {
            buffer.put("> ", x: x0 + 2, y: y, style: theme[.promptLabel])
            buffer.fill(x: x0 + 4, y: y, width: 12, height: 1, style: theme[.promptInput])
            buffer.put(input.text, x: x0 + 4, y: y, style: theme[.promptInput], maxWidth: 12)
            let cx = x0 + 4 + TextWidth.of(String(input.text.prefix(input.cursor)))
            if cx < x0 + 16 { buffer.restyle(x: cx, y: y, width: 1) { $0.adding(.reverse) } }
            y += 2
        }
        if let error = dialog.error {
            buffer.put(error, x: x0 + 2, y: y - 1, style: theme[.promptError], maxWidth: boxWidth - 4)
        }
        var x = x0 + 2
        for (i, button) in dialog.buttons.enumerated() {
            let text = "[ " + button.label + (button.key.map { " (\($0))" } ?? "") + " ]"
            let style = i == dialog.selected && dialog.input == nil ? theme[.rowCursor] : theme[.helpKey]
            if x + TextWidth.of(text) > x0 + boxWidth - 1 { break }
            x += buffer.put(text, x: x, y: y, style: style) + 2
        }
    }
}
