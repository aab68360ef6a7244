/// A rectangle of styled cells that screens draw into; the backend diffs it to the terminal.
///
/// Every write clips to the buffer and passes text through `Sanitizer`, so nothing a record holds
/// can reach the terminal as a control sequence.
public struct Buffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// Draw ASCII only (the locale is not UTF-8): non-ASCII text becomes `?`.
    public let ascii: Bool
    public private(set) var cells: [Cell]
    /// Cells that show a web address: the backend makes them an OSC 8 hyperlink where the terminal has them.
    public private(set) var links: [Link] = []

    public struct Link: Sendable, Equatable {
        public let x: Int, y: Int, width: Int
        /// Printable ASCII only (see `link(_:x:y:width:)`), so it cannot end the escape sequence early.
        public let url: String
    }

    /// Marks `width` cells at (x, y) as a link to `url`; a URL with anything but printable ASCII is left out.
    public mutating func link(_ url: String, x: Int, y: Int, width: Int) {
        guard y >= 0, y < height, x >= 0, width > 0, !url.isEmpty, url.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else { return }
        links.append(Link(x: x, y: y, width: min(width, self.width - x), url: url))
    }

    public init(width: Int, height: Int, ascii: Bool = false, fill: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.ascii = ascii
        cells = Array(repeating: .blank(fill), count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// Paints a rectangle with blanks in a style.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, style: Style) {
        let x0 = max(0, x), y0 = max(0, y)
        let x1 = min(width, x + w), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        for row in y0..<y1 {
            for col in x0..<x1 { cells[row * width + col] = .blank(style) }
        }
    }

    /// Writes text at (x, y), clipped to `maxWidth` columns and to the buffer; returns columns used.
    /// Each cell holds what the terminal puts in one (see `TextWidth.cells`). A wide cell that would
    /// straddle the clip edge is replaced by a space.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style, maxWidth: Int = .max) -> Int {
        guard y >= 0, y < height else { return 0 }
        let limit = maxWidth >= width ? width : min(width, x + max(0, maxWidth))
        var col = x
        func place(_ character: Character) -> Bool {
            for (part, w) in TextWidth.cells(of: character) {
                if col + w > limit {
                    if col >= 0, col < limit { cells[y * width + col] = .blank(style) }
                    col = limit
                    return false
                }
                if col >= 0 {
                    cells[y * width + col] = Cell(text: part, width: UInt8(w), style: style)
                    if w == 2 { cells[y * width + col + 1] = .continuation(style) }
                }
                col += w
            }
            return true
        }
        for character in text {
            if col >= limit { break }
            if character.isASCII, let byte = character.asciiValue, byte >= 0x20, byte < 0x7F {
                if col >= 0 { cells[y * width + col] = Cell(text: String(character), width: 1, style: style) }
                col += 1
                continue
            }
            if let safe = Sanitizer.replacement(for: character, ascii: ascii) {
                guard safe.allSatisfy(place) else { break }
            } else if !place(character) {
                break
            }
        }
        return max(0, min(col, limit) - x)
    }

    /// Sets the style of existing cells (e.g. to highlight a row) without changing their text.
    public mutating func restyle(x: Int, y: Int, width w: Int, _ transform: (Style) -> Style) {
        guard y >= 0, y < height else { return }
        for col in max(0, x)..<min(width, x + w) {
            cells[y * width + col].style = transform(cells[y * width + col].style)
        }
    }

    /// The buffer as plain text, one line per row with trailing spaces kept: what tests compare.
    public func text() -> String {
        var lines: [String] = []
        lines.reserveCapacity(height)
        for row in 0..<height {
            var line = ""
            for col in 0..<width {
                let cell = cells[row * width + col]
                if !cell.isContinuation { line += cell.text }
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
