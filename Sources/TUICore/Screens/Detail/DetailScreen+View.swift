import PipedriveEngine

extension DetailScreen {
    func status(_ shared: Shared) -> ScreenStatus {
        var parts = ["field \(cursor.index + 1) of \(lines.count)"]
        if hidesEmpty { parts.append("empty fields hidden") }
        if loading != nil { parts.append("gathering fields") }
        return ScreenStatus(parts, loading: loading != nil, error: error)
    }

    /// What the banner of a deleted record says.
    /// (Pipedrive answers a typed id that never existed as it answers a deleted record in v1: not found.)
    var deletedNote: String {
        let what = PromptField.singular(resource)
        return existed ? "Deleted on Pipedrive: this \(what) is gone and cannot be edited"
            : "Deleted on Pipedrive (or never created): no \(what) \(RecordID(record["id"])?.description ?? "") there to edit"
    }

    func hints(_ shared: Shared) -> [Hint] {
        if deleted { return [Hint(.copy, "copy"), Hint(.command, "command"), Hint(.back, "back")] }
        let drills = lines[safe: cursor.index]?.target != nil
        return (drills ? [Hint(.open, "drill in")] : []) + shared.editHints(resource, new: false) + shared.transferHints(resource)
            + (link == nil ? [] : [Hint(.openLink, "open in Pipedrive")])
            + [Hint(.copy, "copy"), Hint(.hideEmpty, shared.hidesEmptyFields ? "show empty" : "hide empty"),
               Hint(.command, "command"), Hint(.back, "back")]
    }

    func draw(_ area: Rect, _ ctx: inout Context) {
        let (theme, glyphs) = (ctx.theme, ctx.glyphs)
        var r = area
        if deleted, r.height > 0 {
            ctx.line(r.y, " " + deletedNote, theme[.statusError], fillWidth: r.width)
            r = Rect(x: r.x, y: r.y + 1, width: r.width, height: r.height - 1)
        }
        let labelWidth = min(32, max(8, lines.map { TextWidth.of($0.label) }.max() ?? 8))
        for i in 0..<r.height {
            let index = cursor.top + i
            guard lines.indices.contains(index) else { break }
            let l = lines[index]
            let y = r.y + i
            if l.isSection {
                ctx.line(y, " " + l.label, theme[.helpSection], fillWidth: r.width)
            } else {
                let base = theme[i % 2 == 1 ? .rowAlt : .base]
                ctx.buffer.fill(x: 0, y: y, width: r.width, height: 1, style: base)
                ctx.buffer.put(" " + TextWidth.fit(l.label, to: labelWidth, ellipsis: glyphs.ellipsis), x: 0, y: y, style: theme[.fieldName])
                let valueX = labelWidth + 3
                if l.target != nil {
                    let text = glyphs.drill + " " + (l.value.isEmpty ? "open" : l.value)
                    ctx.buffer.put(text, x: valueX, y: y, style: theme[.fieldDrill], maxWidth: r.width - valueX)
                } else {
                    let text = TextWidth.truncate(l.value, to: r.width - valueX, ellipsis: glyphs.ellipsis)
                    let used = ctx.buffer.put(text, x: valueX, y: y, style: base, maxWidth: r.width - valueX)
                    if l.label == Self.linkLabel, l.value == link, let link { ctx.buffer.link(link, x: valueX, y: y, width: used) }
                }
            }
            if index == cursor.index { ctx.buffer.restyle(x: 0, y: y, width: r.width) { _ in theme[.rowCursor] } }
        }
    }
}
