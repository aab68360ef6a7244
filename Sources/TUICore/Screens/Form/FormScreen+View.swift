import PipedriveEngine

/// The edit and create forms: one line per field (required and staged marks, label, input, the
/// expected format or what is wrong), the Stage line, the focused field's full hint at the foot, and
/// the pick list or the found records over the focused field.
extension Context {
    mutating func drawForm(_ form: FormScreen, in r: Rect) {
        line(r.y, " " + form.title, theme[.title], fillWidth: r.width)
        let legend = form.isNew ? "* required  " : form.fields.contains(where: \.isStaged) ? "• staged  " : ""
        if !legend.isEmpty, TextWidth.of(form.title) + TextWidth.of(legend) + 4 < r.width {
            buffer.put(legend, x: r.width - TextWidth.of(legend), y: r.y, style: theme[.promptHint])
        }
        if form.confirmingDiscard {
            line(r.y + 1, " Discard what you typed? y discards, n keeps editing", theme[.statusWarn], fillWidth: r.width)
        } else if let error = form.error {
            line(r.y + 1, " " + TextWidth.truncate(error, to: r.width - 2, ellipsis: glyphs.ellipsis), theme[.promptError])
        } else if form.loading != nil {
            line(r.y + 1, " \(spinner) loading the fields", theme[.promptHint])
        }
        guard form.schema != nil else { return }

        let layout = FormLayout(form, width: r.width)
        let rows = state.shared.formRows
        var focusY: Int?
        for i in 0..<rows {
            let index = form.top + i
            let y = r.y + 2 + i
            if index == form.focus { focusY = y }
            if index < form.fields.count {
                drawField(form.fields[index], focused: index == form.focus, y: y, layout)
            } else if index == form.stageLine {
                let count = form.bulkRecords.count
                let label = form.isNew ? "[ Stage the new record ]" : count > 0 ? "[ Stage changes on \(count) records ]" : "[ Stage changes ]"
                buffer.put(form.focus == index ? glyphs.drill : " ", x: 1, y: y, style: theme[.prompt])
                buffer.put(label, x: 3, y: y, style: form.focus == index ? theme[.rowCursor] : theme[.promptLabel])
                buffer.put("  Enter or Ctrl-S (from any field) stages", x: 3 + TextWidth.of(label), y: y,
                           style: theme[.promptHint], maxWidth: r.width - 3 - TextWidth.of(label))
            }
        }
        drawFoot(form, y: r.y + r.height - 1, width: r.width)
        if let focusY, let field = form.focused { drawPopup(form, field, below: focusY, layout, in: r) }
    }

    private mutating func drawField(_ field: FormField, focused: Bool, y: Int, _ layout: FormLayout) {
        let mark = field.field.isMandatory ? "*" : field.isStaged ? "•" : " "
        buffer.put(focused ? glyphs.drill : " ", x: 0, y: y, style: theme[.prompt])
        buffer.put(mark, x: 1, y: y, style: theme[field.field.isMandatory ? .promptError : .promptHint])
        let label = TextWidth.fit(ValueFormatter.clean(field.field.title), to: layout.labelWidth, ellipsis: glyphs.ellipsis)
        buffer.put(label, x: 3, y: y, style: focused ? theme[.rowCursor] : theme[.promptLabel])

        let x = layout.inputX, w = layout.inputWidth
        buffer.fill(x: x, y: y, width: w, height: 1, style: theme[.promptInput])
        var text = display(field)
        var cursorColumn: Int?
        if focused, field.isTyped {
            cursorColumn = TextWidth.of(String(field.editor.text.prefix(field.editor.cursor)))
        }
        // Text longer than the box scrolls to keep the cursor in it.
        var shift = 0
        if let column = cursorColumn, column >= w {
            while shift < column - w + 1, let first = text.first {
                shift += TextWidth.of(first)
                text.removeFirst()
            }
        }
        if field.searching != nil { text += " " + spinner }
        if field.isVarious, !field.isChanged, text.isEmpty || field.input == .toggle {
            buffer.put("(various)", x: x, y: y, style: theme[.promptInput].adding(.dim), maxWidth: w)
        } else {
            buffer.put(text, x: x, y: y, style: theme[.promptInput], maxWidth: w)
        }
        if field.isPick { buffer.put(ascii ? "v" : "▾", x: x + w - 1, y: y, style: theme[.promptInput]) }
        if let column = cursorColumn, column - shift < w {
            buffer.restyle(x: x + column - shift, y: y, width: 1) { $0.adding(.reverse) }
        }

        let noteX = x + w + 2
        guard noteX < width else { return }
        let note: String, style: Style
        if let error = field.error {
            (note, style) = ("✗ " + error, theme[.promptError])
        } else if let picked = field.picked, picked.label == field.editor.text {
            (note, style) = ("#\(picked.id)", theme[.promptHint])
        } else {
            (note, style) = (field.shortHint, theme[.promptHint])
        }
        buffer.put(TextWidth.truncate(note, to: width - noteX, ellipsis: glyphs.ellipsis), x: noteX, y: y, style: style, maxWidth: width - noteX)
    }

    private var ascii: Bool { buffer.ascii }

    /// A field's value as the input box shows it.
    private func display(_ field: FormField) -> String {
        switch field.input {
        case .toggle:
            switch field.editor.text {
            case "yes": return "[x] yes"
            case "no": return "[ ] no"
            default: return "[ ]"
            }
        case .pick: return field.shown
        case .longText:
            let lines = field.editor.text.split(separator: "\n", omittingEmptySubsequences: false)
            guard let first = lines.first, !field.editor.text.isEmpty else { return "" }
            return lines.count > 1 ? "\(first) (+\(lines.count - 1) lines)" : String(first)
        case .line, .reference: return field.editor.text
        }
    }

    /// The foot: the focused field's name, type and full hint, or what is wrong with it.
    private mutating func drawFoot(_ form: FormScreen, y: Int, width: Int) {
        guard let field = form.focused else {
            line(y, " Stage hands the changes to the staging area; nothing is sent before a commit (c)", theme[.promptHint], fillWidth: width)
            return
        }
        let title = ValueFormatter.clean(field.field.title)
        let required = field.field.isMandatory ? " (required)" : ""
        if let error = field.error {
            line(y, " \(title)\(required): \(error)", theme[.promptError], fillWidth: width)
        } else {
            line(y, " \(title)\(required): \(field.hint(timeZone: format.timeZone))", theme[.promptHint], fillWidth: width)
        }
    }

    /// The pick list, or the records found for a reference, under the focused field (above it when
    /// there is no room below).
    private mutating func drawPopup(_ form: FormScreen, _ field: FormField, below fieldY: Int, _ layout: FormLayout, in r: Rect) {
        var lines: [(text: String, selected: Bool)] = []
        var header: String?
        if let list = form.pickList {
            let visible = list.visible(field.options)
            header = list.filter.text.isEmpty ? "type to narrow" : "narrowed to \"\(list.filter.text)\""
            for (i, option) in visible.enumerated() {
                let mark = list.multiple ? (list.marked.contains(option.id) ? "[x] " : "[ ] ")
                    : (field.selected.contains(option.id) ? "(•) " : "( ) ")
                lines.append((mark + ValueFormatter.clean(option.label), i == list.cursor))
            }
            if visible.isEmpty { lines.append(("no option matches", false)) }
        } else if !field.choices.isEmpty {
            for (i, choice) in field.choices.enumerated() {
                lines.append(("\(ValueFormatter.clean(choice.label))  #\(choice.id)", i == field.choiceIndex))
            }
        } else {
            return
        }
        let cursor = lines.firstIndex(where: \.selected) ?? 0
        let room = max(r.y + r.height - 1 - (fieldY + 1), fieldY - (r.y + 1))
        let shown = max(1, min(lines.count, 8, room - (header == nil ? 0 : 1)))
        let first = max(0, min(cursor - shown + 1, lines.count - shown))
        let height = shown + (header == nil ? 0 : 1)
        let boxWidth = min(r.width - layout.inputX, max(layout.inputWidth, (lines.map { TextWidth.of($0.text) }.max() ?? 0) + 2))
        let y0 = fieldY + 1 + height <= r.y + r.height - 1 ? fieldY + 1 : fieldY - height
        buffer.fill(x: layout.inputX, y: y0, width: boxWidth, height: height, style: theme[.dialog])
        var y = y0
        if let header {
            buffer.put(" " + header, x: layout.inputX, y: y, style: theme[.promptHint], maxWidth: boxWidth)
            y += 1
        }
        for (text, selected) in lines[first..<(first + shown)] {
            let style = selected ? theme[.rowCursor] : theme[.dialog]
            buffer.fill(x: layout.inputX, y: y, width: boxWidth, height: 1, style: style)
            buffer.put(" " + TextWidth.truncate(text, to: boxWidth - 2, ellipsis: glyphs.ellipsis), x: layout.inputX, y: y, style: style, maxWidth: boxWidth)
            y += 1
        }
    }

}

extension FormScreen {
    func status(_ shared: Shared) -> ScreenStatus { ScreenStatus([position(self)], loading: !pendingRequests.isEmpty) }

    func hints(_ shared: Shared) -> [Hint] { formHints(self) }

    func draw(_ r: Rect, _ ctx: inout Context) { ctx.drawForm(self, in: r) }

    private func position(_ form: FormScreen) -> String {
        guard form.schema != nil else { return form.loading != nil ? "loading the fields" : "no fields" }
        let changed = form.fields.filter(\.isChanged).count
        let position = form.focus < form.stageLine ? "field \(form.focus + 1) of \(form.fields.count)" : "Stage"
        return position + (changed > 0 ? " · \(changed) changed" : "")
    }

    private func formHints(_ form: FormScreen) -> [Hint] {
        if form.confirmingDiscard { return [Hint(fixed: "y", "discard"), Hint(fixed: "n", "keep editing")] }
        if let list = form.pickList {
            return list.multiple
                ? [Hint(fixed: "↑↓", "move"), Hint(fixed: "Space", "mark"), Hint(fixed: "Enter", "done"), Hint(fixed: "a-z", "narrow"), Hint(fixed: "Esc", "close")]
                : [Hint(fixed: "↑↓", "move"), Hint(fixed: "Enter", "pick"), Hint(fixed: "a-z", "narrow"), Hint(fixed: "Esc", "close")]
        }
        if let field = form.focused, !field.choices.isEmpty {
            return [Hint(fixed: "↑↓", "choose"), Hint(fixed: "Enter", "pick"), Hint(fixed: "Esc", "close the list")]
        }
        let enter: String
        switch form.focused?.input {
        case nil: enter = "stage"
        case .pick?: enter = "open the list"
        case .longText?: enter = "$EDITOR"
        default: enter = "next"
        }
        var hints = [Hint(fixed: "Tab ↑↓", "field"), Hint(fixed: "Enter", enter)]
        if form.focused?.input == .toggle { hints.append(Hint(fixed: "Space", "toggle")) }
        return hints + [Hint(fixed: "^S", "stage"), Hint(fixed: "Esc", "cancel")]
    }

}

extension Shared {
    /// `e` (and `n` with `new`) where the resource has them and writes are allowed.
    func editHints(_ resource: String, new: Bool) -> [Hint] {
        guard writeMode != .readOnly, let info = self.resource(resource) else { return [] }
        var hints: [Hint] = []
        if info.writeActions.contains(.update) { hints.append(Hint(.edit, "edit")) }
        if new, info.writeActions.contains(.create) { hints.append(Hint(.new, "new")) }
        return hints
    }
}

/// Where a form's columns go at a width.
struct FormLayout {
    let labelWidth: Int
    let inputX: Int
    let inputWidth: Int

    init(_ form: FormScreen, width: Int) {
        let longest = form.fields.map { TextWidth.of($0.field.title) }.max() ?? 10
        labelWidth = max(8, min(longest, 24, width / 4))
        inputX = 3 + labelWidth + 1
        inputWidth = max(8, min(48, (width - inputX) / 2))
    }
}
