/// A cursor over a list with the first visible row kept so that the cursor stays in view.
public struct ListCursor: Sendable, Equatable {
    public var index = 0
    public var top = 0

    public init(index: Int = 0, top: Int = 0) {
        self.index = index
        self.top = top
    }

    /// Moves by `delta` (clamped) and scrolls so that the cursor is visible in `height` rows.
    public mutating func move(_ delta: Int, count: Int, height: Int) {
        index = index + delta
        clamp(count: count, height: height)
    }

    public mutating func clamp(count: Int, height: Int) {
        index = max(0, min(index, count - 1))
        let h = max(1, height)
        if index < top { top = index }
        if index >= top + h { top = index - h + 1 }
        top = max(0, min(top, max(0, count - h)))
    }

    /// The list actions shared by every list: returns true when the action moved the cursor.
    mutating func navigate(_ action: KeyAction?, count: Int, height: Int) -> Bool {
        switch action {
        case .down?: move(1, count: count, height: height)
        case .up?: move(-1, count: count, height: height)
        case .pageDown?: move(height, count: count, height: height)
        case .pageUp?: move(-height, count: count, height: height)
        case .halfPageDown?: move(height / 2, count: count, height: height)
        case .halfPageUp?: move(-height / 2, count: count, height: height)
        case .top?: move(-index, count: count, height: height)
        case .bottom?: move(count, count: count, height: height)
        default: return false
        }
        return true
    }
}
