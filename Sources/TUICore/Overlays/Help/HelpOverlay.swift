/// `?`: every key in the user's keys, scrolled line by line (Space pages); Esc, `?`, `q` or Enter closes.
struct HelpOverlay: OverlayComponent, Equatable {
    /// The first line shown.
    var cursor = ListCursor()

    var keyContext: KeyContext? { .help }

    /// Its own keys: it takes every key, so the screen's under it would do nothing.
    func hints(_ shared: Shared) -> [Hint]? {
        [Hint([.down, .up], "scroll"), Hint(fixed: "Space", "page"), Hint([.top, .bottom], "ends"), Hint(.back, "close")]
    }

    /// Lines of text the box shows: the body minus its top and bottom rows.
    static func rows(_ shared: Shared) -> Int { max(1, shared.bodyHeight - 2) }

    mutating func handle(_ key: Key, _ action: KeyAction?, _ shared: inout Shared) -> Step {
        // Its cursor is the first line shown, up to the one that shows the last line. A page is the lines
        // the box shows, so paging skips none.
        let height = Self.rows(shared)
        let scrollPositions = max(0, HelpText.lines(shared.writeMode, keyMap: shared.keyMap).count - height) + 1
        if key == .char(" ") {
            cursor.move(height, count: scrollPositions, height: height)
            return Step()
        }
        switch action {
        case .back?, .help?, .quit?, .open?: return Step(overlay: .close)
        default: _ = cursor.navigate(action, count: scrollPositions, height: height)
        }
        return Step()
    }

    /// A box the height of the body: across the whole width on a narrow terminal (so no sliver of
    /// the screen under it shows at the sides), else centred, framed, and wide enough for every line.
    func draw(_ ctx: inout Context) {
        let shared = ctx.state.shared
        let lines = HelpText.lines(shared.writeMode, keyMap: shared.keyMap)
        let width = ctx.width
        let framed = width >= 96
        let longest = lines.map { TextWidth.of($0.text) }.max() ?? 0
        let boxWidth = framed ? min(width - 8, max(76, longest + 26)) : width
        let boxHeight = min(lines.count + 2, shared.bodyHeight)
        guard boxWidth > 10, boxHeight > 2 else { return }
        let (theme, glyphs) = (ctx.theme, ctx.glyphs)
        let x0 = (width - boxWidth) / 2
        let y0 = 1
        ctx.buffer.fill(x: x0, y: y0, width: boxWidth, height: boxHeight, style: theme[.dialog])
        if framed { ctx.drawFrame(x: x0, y: y0, width: boxWidth, height: boxHeight) }
        ctx.buffer.put(" Keys (Esc closes) ", x: x0 + 2, y: y0, style: theme[.helpSection])
        let keyWidth = 20
        let textX = x0 + 2
        let right = x0 + boxWidth - (framed ? 2 : 1)  // a column of margin, inside the frame
        for i in 0..<(boxHeight - 2) {
            let index = cursor.index + i
            guard lines.indices.contains(index) else { break }
            let (key, text) = (lines[index].key, lines[index].text)
            let y = y0 + 1 + i
            if key.isEmpty {
                ctx.buffer.put(text, x: textX, y: y, style: theme[.helpSection], maxWidth: right - textX)
            } else {
                ctx.buffer.put(TextWidth.fit(key, to: keyWidth), x: textX, y: y, style: theme[.helpKey], maxWidth: right - textX)
                let x = textX + keyWidth + 1
                ctx.buffer.put(TextWidth.truncate(text, to: right - x, ellipsis: glyphs.ellipsis), x: x, y: y, style: theme[.dialog], maxWidth: right - x)
            }
        }
    }
}
