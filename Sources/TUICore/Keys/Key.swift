/// A key press, decoded by the backend from the terminal's input.
public enum Key: Sendable, Hashable {
    case char(Character)
    case up, down, left, right
    case shiftUp, shiftDown
    case pageUp, pageDown, home, end
    case enter, escape, backspace, delete, tab, backTab
    /// Ctrl with a letter, e.g. `.ctrl("c")`.
    case ctrl(Character)
    case function(Int)
}

public struct Size: Sendable, Equatable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}
