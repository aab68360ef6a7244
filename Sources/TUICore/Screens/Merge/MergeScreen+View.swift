import JSONValue
import PipedriveEngine

extension MergeScreen {
    func status(_ shared: Shared) -> ScreenStatus {
        let what = report != nil ? "merged" : plan == nil ? "reading the records" : waiting != nil ? "merging" : "preview"
        return ScreenStatus([what], loading: waiting != nil, error: error)
    }

    func hints(_ shared: Shared) -> [Hint] {
        if report != nil { return [Hint(fixed: "Enter", "back")] }
        return [Hint(fixed: "← →", "Cancel / Merge"), Hint(fixed: "Enter", "choose"), Hint([.down, .up], "scroll"), Hint(fixed: "Esc", "cancel")]
    }

    /// The preview, line by line (a section title is true); values shown as the grid's `columns` show them.
    func lines(_ columns: [ColumnInfo], _ format: ValueFormat) -> [(String, Bool)] {
        guard let plan else { return [(error.map { "Cannot merge: \($0)" } ?? "Reading the records and what would move…", false)] }
        var lines: [(String, Bool)] = []
        let noun = plan.merged.count == 1 ? PromptField.singular(resource) : resource
        lines.append(("Merge \(plan.merged.count) \(noun) into \(Self.label(plan.survivor)) (kept)", true))
        for record in plan.merged { lines.append(("  merged away: \(Self.label(record))", false)) }
        lines.append(("What moves to #\(survivor)", true))
        let moves = plan.moves.map { "\($0.count) \($0.kind)" }.joined(separator: ", ")
        lines.append(("  " + (moves.isEmpty ? "nothing" : moves), false))
        lines.append(("Which values survive", true))
        if plan.values.isEmpty { lines.append(("  the records hold the same values", false)) }
        for value in plan.values {
            let column = columns.first { $0.key == value.field }
            let text = { (v: JSON) in column.map { format.format(v, as: $0.kind, options: $0.options) } ?? JournalScreen.text(v) }
            let name = column?.title ?? value.field
            if value.over.isEmpty {
                lines.append(("  \(name): \(text(value.value)) (filled from #\(value.from))", false))
            } else {
                lines.append(("  \(name): \(text(value.value)) kept over \(value.over.map(text).joined(separator: ", "))", false))
            }
        }
        lines.append(("Undo", true))
        lines.append(("  " + MergePlan.warning, false))
        if let report {
            lines.append(("Done", true))
            lines.append(("  merged " + (report.merged.isEmpty ? "none" : report.merged.map { "#\($0)" }.joined(separator: ", ")) + " into #\(report.survivor)", false))
            if let failure = report.failure { lines.append(("  " + failure, false)) }
        }
        return lines
    }

    /// `#12 “Ana Lopez”`.
    static func label(_ record: JSON) -> String {
        let id = record["id"]?.intValue.map(String.init) ?? "?"
        let name = (record["name"] ?? record["title"])?.stringValue ?? ""
        return "#\(id) “\(name)”"
    }

    func draw(_ r: Rect, _ ctx: inout Context) {
        let theme = ctx.theme
        let body = max(1, r.height - 2)
        var y = r.y
        for (text, isSection) in lines(shownColumns(ctx.state.shared), ctx.format).dropFirst(scroll.index).prefix(body) {
            // Long lines wrap: the warning must be read whole.
            for part in Self.wrap(" " + text, width: r.width - 1) where y < r.y + body {
                ctx.line(y, part, isSection ? theme[.helpSection] : theme[.base], fillWidth: r.width)
                y += 1
            }
        }
        guard plan != nil, report == nil else { return }
        let buttons = [("Cancel", !mergeFocused), ("Merge", mergeFocused)]
        var x = 2
        for (name, focused) in buttons {
            x += ctx.buffer.put("[ \(name) ]", x: x, y: r.y + r.height - 1, style: focused ? theme[.rowCursor] : theme[.dialog]) + 2
        }
    }

    /// Cuts text at spaces into lines of at most `width` columns; later lines are indented under the first.
    static func wrap(_ text: String, width: Int) -> [String] {
        let indent = String(text.prefix { $0 == " " })
        var lines: [String] = []
        var line = indent
        for word in text.split(separator: " ") {
            let candidate = line.allSatisfy({ $0 == " " }) ? line + word : line + " " + word
            if TextWidth.of(candidate) > width, !line.allSatisfy({ $0 == " " }) {
                lines.append(line)
                line = indent + "  " + word
            } else {
                line = candidate
            }
        }
        lines.append(line)
        return lines
    }
}
