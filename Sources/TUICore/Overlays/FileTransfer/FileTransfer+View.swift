import PipedriveEngine

extension FileTransfer {
    func draw(_ ctx: inout Context) { ctx.drawTransfer(self) }

    /// Its keys, in the box and on the hint bar (the screen's keys under it do nothing while it is open).
    func hints(_ shared: Shared) -> [Hint]? {
        switch stage {
        case .choosingPath:
            let isUpload = if case .upload = kind { true } else { false }
            return [Hint(fixed: "Enter", isUpload ? "check the file" : "download"), Hint(fixed: "Esc", "cancel")]
        case .confirmingUpload: return [Hint(fixed: "y", "upload"), Hint(fixed: "n Esc", "cancel")]
        case .confirmingOverwrite: return [Hint(fixed: "y", "replace"), Hint(fixed: "n Esc", "keep it, choose another path")]
        case .working(_, let isCheck): return isCheck ? [Hint(fixed: "Esc", "stop")] : []
        }
    }
}

extension Context {
    /// The upload or download dialog, centred over the body.
    fileprivate mutating func drawTransfer(_ t: FileTransfer) {
        let boxWidth = min(76, width - 2)
        guard boxWidth > 20, state.bodyHeight >= 8 else { return }
        let x0 = (width - boxWidth) / 2
        let inner = boxWidth - 4
        var lines: [(String, Style)] = []
        var input: String?
        switch t.kind {
        case .upload(_, let label):
            lines.append(("To " + label, theme[.dialog]))
        case .download(let id, let name, let size):
            lines.append(("File #\(id) " + name + (size.map { " (\(FileTransfer.byteCount($0)))" } ?? ""), theme[.dialog]))
        }
        switch t.stage {
        case .choosingPath:
            let isUpload = if case .upload = t.kind { true } else { false }
            lines.append((isUpload ? "Local file (~ is your home folder):" : "Save to (a folder keeps the file's name):", theme[.promptLabel]))
            input = t.path.text
        case .confirmingUpload(let file):
            lines.append(("Upload " + file.name + " (\(FileTransfer.byteCount(file.size)))?", theme[.title]))
            lines.append((file.path, theme[.promptHint]))
            if state.writeMode == .dryRun { lines.append(("Dry run: nothing will be sent.", theme[.promptHint])) }
        case .confirmingOverwrite(let path):
            lines.append((path + " already exists.", theme[.promptError]))
            lines.append(("Replace it with the download?", theme[.title]))
        case .working(let what, _):
            lines.append((what + " " + spinner, theme[.statusWarn]))
        }
        let boxHeight = lines.count + (input == nil ? 0 : 1) + (t.error == nil ? 0 : 1) + 4
        let y0 = max(1, 1 + (state.bodyHeight - boxHeight) / 2)
        buffer.fill(x: x0, y: y0, width: boxWidth, height: boxHeight, style: theme[.dialog])
        let title = if case .upload = t.kind { " Upload a file " } else { " Download a file " }
        buffer.put(title, x: x0 + 2, y: y0, style: theme[.helpSection])
        var y = y0 + 1
        for (text, style) in lines {
            buffer.put(TextWidth.truncate(text, to: inner, ellipsis: glyphs.ellipsis), x: x0 + 2, y: y, style: style, maxWidth: inner)
            y += 1
        }
        if let input {
            buffer.fill(x: x0 + 2, y: y, width: inner, height: 1, style: theme[.promptInput])
            // Long paths scroll so that the cursor stays in view.
            let before = String(input.prefix(t.path.cursor))
            let skip = max(0, TextWidth.of(before) - (inner - 1))
            let shown = String(input.dropFirst(skip))
            buffer.put(shown, x: x0 + 2, y: y, style: theme[.promptInput], maxWidth: inner)
            let cursorX = x0 + 2 + TextWidth.of(before) - skip
            if cursorX < x0 + 2 + inner { buffer.restyle(x: cursorX, y: y, width: 1) { $0.adding(.reverse) } }
            y += 1
        }
        if let error = t.error {
            buffer.put(TextWidth.truncate(error, to: inner, ellipsis: glyphs.ellipsis), x: x0 + 2, y: y, style: theme[.promptError], maxWidth: inner)
            y += 1
        }
        y += 1
        var x = x0 + 2
        for hint in t.hints(state.shared) ?? [] {
            x += buffer.put(hint.label(state.keyMap), x: x, y: y, style: theme[.helpKey], maxWidth: x0 + boxWidth - x)
            x += buffer.put(" " + hint.text + "  ", x: x, y: y, style: theme[.dialog], maxWidth: x0 + boxWidth - x)
        }
    }
}

extension Shared {
    /// Key hints for `U` and `D` on a record of `resource`, where they apply.
    func transferHints(_ resource: String) -> [Hint] {
        if resource == "files" { return [Hint(.download, "download")] }
        if writeMode != .readOnly, FileTarget(resource: resource, id: 1) != nil { return [Hint(.upload, "upload")] }
        return []
    }
}
