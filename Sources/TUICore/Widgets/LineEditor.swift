/// A one-line text editor (readline keys: ←/→, Home/End, ^A ^E ^U ^W, Backspace, Delete).
public struct LineEditor: Sendable, Equatable {
    public private(set) var text: String
    /// Cursor position in characters.
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        self.text = text
        cursor = text.count
    }

    /// Applies an editing key; returns true when the text changed.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .char(let c):
            insert(String(c))
            return true
        case .backspace, .ctrl("h"):
            guard cursor > 0 else { return false }
            remove(cursor - 1..<cursor)
            return true
        case .delete, .ctrl("d"):
            guard cursor < text.count else { return false }
            remove(cursor..<cursor + 1)
            return true
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(text.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = text.count
        case .ctrl("u"):
            guard cursor > 0 else { return false }
            remove(0..<cursor)
            return true
        case .ctrl("w"):
            let chars = Array(text)
            var start = cursor
            while start > 0, chars[start - 1] == " " { start -= 1 }
            while start > 0, chars[start - 1] != " " { start -= 1 }
            guard start < cursor else { return false }
            remove(start..<cursor)
            return true
        default: break
        }
        return false
    }

    public mutating func insert(_ s: String) {
        var chars = Array(text)
        chars.insert(contentsOf: Array(s), at: cursor)
        text = String(chars)
        cursor += s.count
    }

    private mutating func remove(_ range: Range<Int>) {
        var chars = Array(text)
        chars.removeSubrange(range)
        text = String(chars)
        cursor = range.lowerBound
    }
}
