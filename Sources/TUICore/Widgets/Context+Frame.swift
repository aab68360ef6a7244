extension Context {
    /// A line around a box, so it stands out in every theme (mono's dialog style has no colour).
    mutating func drawFrame(x: Int, y: Int, width w: Int, height h: Int) {
        let (horizontal, vertical, corners) = buffer.ascii ? ("-", "|", ["+", "+", "+", "+"]) : ("─", "│", ["┌", "┐", "└", "┘"])
        let style = theme[.dialog]
        buffer.put(corners[0] + String(repeating: horizontal, count: max(0, w - 2)) + corners[1], x: x, y: y, style: style)
        buffer.put(corners[2] + String(repeating: horizontal, count: max(0, w - 2)) + corners[3], x: x, y: y + h - 1, style: style)
        for row in (y + 1)..<max(y + 1, y + h - 1) {
            buffer.put(vertical, x: x, y: row, style: style)
            buffer.put(vertical, x: x + w - 1, y: row, style: style)
        }
    }
}
