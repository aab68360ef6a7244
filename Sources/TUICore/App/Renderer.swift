import JSONValue
import PipedriveEngine

/// Draws the state into a buffer: breadcrumb on top, the screen's body, the status line, and the
/// key hints or command line at the bottom. Pure: the same state gives the same cells.
public struct Renderer: Sendable {
    public var theme: ResolvedTheme
    public var ascii: Bool

    public init(theme: ResolvedTheme, ascii: Bool = false) {
        self.theme = theme
        self.ascii = ascii
    }

    public func render(_ state: AppState) -> Buffer {
        var buffer = Buffer(width: state.size.width, height: state.size.height, ascii: ascii, fill: theme[.base])
        guard buffer.width > 0, buffer.height > 0 else { return buffer }
        var format = state.format
        format.glyphs = theme.glyphs
        var ctx = Context(buffer: buffer, theme: theme, format: format, state: state)
        ctx.drawCrumbs()
        let body = Rect(x: 0, y: 1, width: buffer.width, height: state.bodyHeight)
        state.stack.last?.screen.draw(body, &ctx)
        ctx.drawStatus(y: buffer.height - 2)
        ctx.drawBottom(y: buffer.height - 1)
        state.overlay?.draw(&ctx)
        buffer = ctx.buffer
        return buffer
    }
}

struct Rect {
    var x, y, width, height: Int
}

/// The drawing state of one frame.
struct Context {
    var buffer: Buffer
    let theme: ResolvedTheme
    let format: ValueFormat
    let state: AppState

    var glyphs: Glyphs { theme.glyphs }
    var width: Int { buffer.width }

    mutating func line(_ y: Int, _ text: String, _ style: Style, x: Int = 0, fillWidth: Int? = nil) {
        if let fillWidth { buffer.fill(x: x, y: y, width: fillWidth, height: 1, style: style) }
        buffer.put(text, x: x, y: y, style: style, maxWidth: (fillWidth ?? width - x))
    }

    mutating func drawCrumbs() {
        buffer.fill(x: 0, y: 0, width: width, height: 1, style: theme[.crumbs])
        var x = buffer.put(" \(state.accountName) ", x: 0, y: 0, style: theme[.title].adding(.bold))
        let crumbs = Self.fitted(state.crumbs, room: width - x, separator: glyphs.crumbSeparator, ellipsis: glyphs.ellipsis)
        for (i, crumb) in crumbs.enumerated() {
            let last = i == crumbs.count - 1
            if i > 0 { x += buffer.put(glyphs.crumbSeparator, x: x, y: 0, style: theme[.crumbs]) }
            x += buffer.put(last ? " \(crumb) " : crumb, x: x, y: 0, style: theme[last ? .crumbsActive : .crumbs])
        }
        let hint = " ? help "
        if x + TextWidth.of(hint) < width { buffer.put(hint, x: width - TextWidth.of(hint), y: 0, style: theme[.crumbs]) }
    }

    /// The breadcrumb in `room` columns: the screens on the left give way first (to one `…`), so that the
    /// current screen stays whole; only when it alone is too wide is it cut.
    static func fitted(_ crumbs: [String], room: Int, separator: String, ellipsis: String) -> [String] {
        func width(_ list: [String]) -> Int {
            list.map { TextWidth.of($0) }.reduce(0, +) + TextWidth.of(separator) * max(0, list.count - 1) + 2
        }
        guard width(crumbs) > room, crumbs.count > 1 else { return crumbs }
        var kept = Array(crumbs.dropFirst())
        while kept.count > 1, width([ellipsis] + kept) > room { kept.removeFirst() }
        return [ellipsis] + kept
    }

    var spinner: String {
        glyphs.spinner.isEmpty ? "*" : glyphs.spinner[state.tick % glyphs.spinner.count]
    }

    // MARK: status and bottom line

    mutating func drawStatus(y: Int) {
        buffer.fill(x: 0, y: y, width: width, height: 1, style: theme[.status])
        let status = state.stack.last?.screen.status(shared) ?? ScreenStatus()
        let (left, error) = (status.parts, status.error)
        let loading = status.loading || state.shared.requests.values.contains(.app)  // an undo is out
        var x = buffer.put(" " + left.joined(separator: " · "), x: 0, y: y, style: theme[.status])
        if loading { x += buffer.put(" " + spinner + " loading", x: x, y: y, style: theme[.statusWarn]) }
        var kept: [String] = []
        if !state.staging.isEmpty { kept.append("\(state.staging.changes.count) staged") }
        if let tag = state.writeMode.tag { kept.append(tag) }
        // The budget gives way first: in full, short, then not at all, so the staged count and mode always show.
        let budgets = state.rateLimit.map { [Self.budgetText($0), Self.budgetText($0, short: true)] } ?? []
        var right = ""
        for parts in budgets.map({ kept + [$0] }) + [kept] {
            right = parts.isEmpty ? "" : parts.joined(separator: " · ") + " "
            if width - TextWidth.of(right) > x { break }
        }
        if let error {
            let room = width - x - TextWidth.of(right) - 3
            if room > 8 {
                x += buffer.put(" · ", x: x, y: y, style: theme[.status])
                buffer.put("error: " + TextWidth.truncate(error, to: room - 7, ellipsis: glyphs.ellipsis), x: x, y: y, style: theme[.statusError])
            }
        }
        if !right.isEmpty, width - TextWidth.of(right) > x { buffer.put(right, x: width - TextWidth.of(right), y: y, style: theme[.status]) }
    }

    mutating func drawBottom(y: Int) {
        if let command = state.command {
            let cx = drawInput(InputLine(prefix: ":", editor: command, role: .prompt), y: y)
            let options = state.completions(for: command.text)
            if !options.isEmpty {
                let text = "  " + options.prefix(8).joined(separator: " ")
                buffer.put(text, x: cx + 1, y: y, style: theme[.promptSuggestion])
            }
            return
        }
        if let input = state.stack.last?.screen.inputLine {
            drawInput(input, y: y)
            return
        }
        if let message = state.message {
            line(y, " " + message.text, theme[message.isError ? .promptError : .statusOK], fillWidth: width)
            return
        }
        buffer.fill(x: 0, y: y, width: width, height: 1, style: theme[.base])
        var x = 1
        for hint in state.hints(shared) {
            let (key, text) = (hint.label(state.keyMap), hint.text)
            let w = TextWidth.of(key) + TextWidth.of(text) + 3
            if x + w > width { break }
            x += buffer.put(key, x: x, y: y, style: theme[.helpKey])
            x += buffer.put(" " + text + "  ", x: x, y: y, style: theme[.promptHint])
        }
    }

    /// Typed text with its prefix and the cursor shown; returns the cursor's column.
    @discardableResult
    mutating func drawInput(_ input: InputLine, y: Int) -> Int {
        line(y, input.prefix, theme[input.role], fillWidth: width)
        let x = TextWidth.of(input.prefix)
        buffer.put(input.editor.text, x: x, y: y, style: theme[input.role])
        let cx = x + TextWidth.of(String(input.editor.text.prefix(input.editor.cursor)))
        if cx < width { buffer.restyle(x: cx, y: y, width: 1) { $0.adding(.reverse) } }
        return cx
    }

    /// The shared state as screens describe themselves in this frame (the theme's glyphs).
    var shared: Shared {
        var shared = state.shared
        shared.format = format
        return shared
    }
}
