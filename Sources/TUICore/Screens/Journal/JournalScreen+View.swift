import JSONValue
import PipedriveEngine

extension JournalScreen {
    func status(_ shared: Shared) -> ScreenStatus {
        let position = entries.isEmpty ? "no changes" : "change \(cursor.index + 1) of \(entries.count)"
        return ScreenStatus([opened == nil ? position : "line \(lineCursor.index + 1) of \(detailLines.count)"],
                            loading: loading != nil, error: error)
    }

    func hints(_ shared: Shared) -> [Hint] {
        // Undo only where the change can be undone (the list says why the others cannot).
        let entry = opened ?? selected
        let undo = shared.writeMode == .readOnly || entry.map { refusals[$0.id] != nil } != false ? [] : [Hint(.undo, "undo this change")]
        if opened != nil { return undo + [Hint([.down, .up], "move"), Hint(.back, "list")] }
        return [Hint(.open, "open")] + undo + [Hint(.reload, "reload"), Hint([.down, .up], "move"), Hint(.back, "back")]
    }

    func draw(_ r: Rect, _ ctx: inout Context) {
        if opened != nil { drawEntry(r, &ctx) } else { drawList(r, &ctx) }
    }

    /// One row per entry: time, change, records, outcome, fields old → new.
    private func drawList(_ r: Rect, _ ctx: inout Context) {
        let theme = ctx.theme
        // Fields old → new take what is left, so they show at 80 columns too.
        var columns = [19, 20, 8, r.width >= 120 ? 28 : 12]
        columns.append(max(0, r.width - 1 - columns.reduce(0, +) - columns.count))
        func row(_ cells: [String]) -> String {
            zip(cells, columns).map { TextWidth.fit($0, to: $1, ellipsis: ctx.glyphs.ellipsis) }.joined(separator: " ")
        }
        ctx.line(r.y, " " + row(["Time (UTC)", "Change", "Records", "Outcome", "Fields (old → new)"]), theme[.header], fillWidth: r.width)
        if entries.isEmpty, loading == nil {
            ctx.line(r.y + 2, "  No committed changes on this connection yet.", theme[.promptHint])
            return
        }
        for i in 0..<(r.height - 1) {
            let index = cursor.top + i
            guard entries.indices.contains(index) else { break }
            let entry = entries[index]
            let listing = entry.listing
            let outcome = refusals[entry.id] == "it is undone already" ? "undone" : listing[5]
            let text = " " + row([listing[0], listing[2], listing[3], outcome, Self.fieldSummary(entry)])
            let style = index == cursor.index ? theme[.rowCursor] : theme[i % 2 == 1 ? .rowAlt : .base]
            ctx.line(r.y + 1 + i, text, style, fillWidth: r.width)
        }
    }

    /// The opened entry: what, when, outcome, then each record's fields, old → new.
    private func drawEntry(_ r: Rect, _ ctx: inout Context) {
        let theme = ctx.theme
        for i in 0..<r.height {
            let index = lineCursor.top + i
            guard detailLines.indices.contains(index) else { break }
            let (text, isSection) = detailLines[index]
            let style = index == lineCursor.index ? theme[.rowCursor] : isSection ? theme[.helpSection] : theme[.base]
            ctx.line(r.y + i, " " + TextWidth.fit(text, to: r.width - 1, ellipsis: ctx.glyphs.ellipsis), style, fillWidth: r.width)
        }
    }

    /// The opened entry's lines (a section title is true).
    var detailLines: [(String, Bool)] {
        guard let entry = opened else { return [] }
        let listing = entry.listing
        var lines: [(String, Bool)] = [
            ("\(listing[2]) at \(listing[0]) UTC", true), ("outcome: \(listing[5])", false),
        ]
        if let reason = refusals[entry.id] { lines.append(("cannot be undone: \(reason)", false)) }
        for record in entry.records {
            lines.append(("\(entry.resource) \(record.id?.description ?? "(new)")", true))
            let keys = Set(record.before.keys).union(record.after.keys).sorted()
            for key in keys {
                lines.append(("  \(entry.title(of: key)): \(Self.text(record.before[key])) → \(Self.text(record.after[key]))", false))
            }
        }
        return lines
    }

    /// The fields an entry wrote, old → new when it changed one record, else their names.
    static func fieldSummary(_ entry: JournalEntry) -> String {
        guard entry.kind == .update, entry.records.count == 1, let record = entry.records.first else {
            return entry.listing[4]
        }
        return record.after.keys.sorted().map { "\(entry.title(of: $0)): \(text(record.before[$0])) → \(text(record.after[$0]))" }
            .joined(separator: ", ")
    }

    /// A journaled value: text quoted, nothing as an empty mark, the rest as JSON.
    static func text(_ value: JSON?) -> String {
        switch value {
        case nil, .null?: return "∅"
        // The buffer makes control characters inert as it draws; this only bounds the length.
        case .string(let s)?: return "“" + String(s.prefix(80)) + "”"
        case let v?: return String(String(decoding: v.serialized(), as: UTF8.self).prefix(80))
        }
    }
}
