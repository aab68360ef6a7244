/// A terminal colour as a theme names it; the backend maps it down to what the terminal can show.
public enum Color: Sendable, Hashable {
    /// The terminal's own colour (ncurses -1), so a transparent background stays transparent.
    case terminalDefault
    /// One of the 256 xterm colours (0-7 basic, 8-15 bright).
    case indexed(UInt8)
    /// A 24-bit colour, drawn as its nearest xterm-256 colour.
    case rgb(UInt8, UInt8, UInt8)
}

/// Text attributes; they survive NO_COLOR, so the cursor and selection stay visible without colour.
public struct Attributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = Attributes(rawValue: 1)
    public static let dim = Attributes(rawValue: 2)
    public static let italic = Attributes(rawValue: 4)
    public static let underline = Attributes(rawValue: 8)
    public static let reverse = Attributes(rawValue: 16)
    public static let strikethrough = Attributes(rawValue: 32)
}

/// How a cell looks: colours with fallbacks already chosen by the theme, plus attributes.
public struct Style: Sendable, Hashable {
    public var fg: Color
    public var bg: Color
    public var attributes: Attributes

    public init(fg: Color = .terminalDefault, bg: Color = .terminalDefault, attributes: Attributes = []) {
        self.fg = fg
        self.bg = bg
        self.attributes = attributes
    }

    public static let plain = Style()

    /// This style with extra attributes (e.g. reverse for the cursor row).
    public func adding(_ extra: Attributes) -> Style {
        var copy = self
        copy.attributes.formUnion(extra)
        return copy
    }
}
