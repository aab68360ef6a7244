/// A mouse event as the backend decodes it: a click, a double-click (a second press on the same cell
/// soon after), or a turn of the wheel, at a cell of the screen (0-based).
public struct MouseEvent: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case click, doubleClick, wheelUp, wheelDown }

    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}
