extension PromptScreen {
    func status(_ shared: Shared) -> ScreenStatus {
        ScreenStatus(loading: fields.contains { $0.searching != nil })
    }

    func hints(_ shared: Shared) -> [Hint] {
        // Tab and ↑↓ only where they do something: another field, matches to pick from.
        [Hint(fixed: "Enter", "run")] + (fields.count > 1 ? [Hint(.nextField, "next field")] : [])
            + (fields[safe: focus]?.choices.isEmpty == false ? [Hint(fixed: "↑↓", "pick")] : []) + [Hint(fixed: "Esc", "back")]
    }

    func draw(_ r: Rect, _ ctx: inout Context) {
        let (theme, glyphs, prompt) = (ctx.theme, ctx.glyphs, self)
        var y = r.y + 1
        let titleWidth = ctx.buffer.put(" \(prompt.title)", x: r.x, y: y, style: theme[.title])
        let titleY = y
        y += 2
        let boxWidth = max(10, min(50, r.width - 6))
        let first = prompt.firstShown(height: r.height - 3)
        var last = first - 1
        for (i, field) in prompt.fields.enumerated() where i >= first && y < r.y + r.height {
            if y + 1 < r.y + r.height { last = i }  // shown when its input shows, not its label alone
            let focused = i == prompt.focus
            ctx.line(y, " \(field.parameter.name)\(field.parameter.isRequired ? "" : " (optional)")", theme[.promptLabel])
            y += 1
            let marker = focused ? glyphs.drill + " " : "  "
            ctx.line(y, " " + marker, theme[.prompt])
            let inputX = 3 + TextWidth.of(marker) - 2
            ctx.buffer.fill(x: inputX, y: y, width: boxWidth, height: 1, style: theme[.promptInput])
            let shown = field.searching != nil ? field.text + " " + ctx.spinner : field.text
            ctx.buffer.put(shown, x: inputX, y: y, style: theme[.promptInput], maxWidth: boxWidth)
            if focused {
                let cursorX = inputX + TextWidth.of(String(field.text.prefix(field.editor.cursor)))
                if cursorX < inputX + boxWidth { ctx.buffer.restyle(x: cursorX, y: y, width: 1) { $0.adding(.reverse) } }
            }
            if let picked = field.picked { ctx.buffer.put("  #\(picked.id)", x: inputX + boxWidth, y: y, style: theme[.promptHint]) }
            y += 1
            if let error = field.error {
                ctx.line(y, "   " + error, theme[.promptError])
            } else {
                ctx.line(y, "   " + field.hint, theme[.promptHint])
            }
            y += 1
            if focused, !field.choices.isEmpty {
                for (c, choice) in field.choices.prefix(8).enumerated() where y < r.y + r.height {
                    let text = "   " + TextWidth.fit("\(choice.label)  #\(choice.id)", to: boxWidth, ellipsis: glyphs.ellipsis)
                    ctx.line(y, text, c == field.choiceIndex ? theme[.rowCursor] : theme[.promptSuggestion])
                    y += 1
                }
            }
            y += 1
        }
        // Fields scrolled out of the rows are named beside the title (Tab and Shift-Tab reach them).
        let below = prompt.fields.count - 1 - last
        let hidden = (first > 0 ? ["\(first) more above"] : []) + (below > 0 ? ["\(below) more below"] : [])
        if !hidden.isEmpty {
            ctx.buffer.put("  (" + hidden.joined(separator: " · ") + ")", x: r.x + titleWidth, y: titleY, style: theme[.promptHint])
        }
    }

    /// The first field drawn in `height` rows: fields scroll so that the focused one and its matches show
    /// (the filter prompt has more fields than 24 rows hold).
    func firstShown(height: Int) -> Int {
        func rows(_ i: Int) -> Int { 4 + (i == focus ? min(8, fields[i].choices.count) : 0) }
        var first = 0
        while first < focus, (first...focus).map(rows).reduce(0, +) - 1 > height { first += 1 }
        return first
    }
}
