/// How many colours the terminal can show; themes are resolved down to it.
public enum ColorDepth: Int, Sendable, CaseIterable {
    /// NO_COLOR, a monochrome terminal or `TERM=dumb`: attributes only.
    case none = 0
    case eight = 8
    case sixteen = 16
    case full = 256

    public init(colors: Int) {
        switch colors {
        case ..<8: self = .none
        case ..<16: self = .eight
        case ..<256: self = .sixteen
        default: self = .full
        }
    }
}

/// One colour token of a theme file: `default`, a basic name, `bright-<name>`, `0`-`255` or `#rrggbb`.
enum ColorToken: Equatable {
    case terminalDefault
    case index(Int)
    case rgb(Int, Int, Int)

    static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    init?(_ token: String) {
        let t = token.lowercased()
        if t == "default" { self = .terminalDefault; return }
        if let i = Self.names.firstIndex(of: t) { self = .index(i); return }
        if t.hasPrefix("bright-"), let i = Self.names.firstIndex(of: String(t.dropFirst(7))) { self = .index(i + 8); return }
        if let n = Int(t), (0...255).contains(n) { self = .index(n); return }
        if t.hasPrefix("#"), t.count == 7, let v = Int(t.dropFirst(), radix: 16) {
            self = .rgb(v >> 16 & 0xFF, v >> 8 & 0xFF, v & 0xFF)
            return
        }
        return nil
    }

    /// Whether the terminal can show this token as written.
    func fits(_ depth: ColorDepth) -> Bool {
        switch self {
        case .terminalDefault: return true
        case .index(let i): return i < depth.rawValue
        case .rgb: return depth == .full
        }
    }

    /// The token as a terminal colour at a depth, approximating when it does not fit.
    func resolve(_ depth: ColorDepth) -> Color {
        switch self {
        case .terminalDefault: return .terminalDefault
        case .index(let i) where i < depth.rawValue: return .indexed(UInt8(i))
        case .index(let i): return .indexed(UInt8(Self.nearestBasic(Self.rgbOf(index: i), count: depth.rawValue)))
        case .rgb(let r, let g, let b) where depth == .full: return .indexed(UInt8(Self.nearest256(r, g, b)))
        case .rgb(let r, let g, let b): return .indexed(UInt8(Self.nearestBasic((r, g, b), count: depth.rawValue)))
        }
    }

    private static let cube = [0, 95, 135, 175, 215, 255]
    private static let basic: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    static func rgbOf(index i: Int) -> (Int, Int, Int) {
        if i < 16 { return basic[i] }
        if i >= 232 { let v = 8 + (i - 232) * 10; return (v, v, v) }
        let c = i - 16
        return (cube[c / 36], cube[c / 6 % 6], cube[c % 6])
    }

    static func nearest256(_ r: Int, _ g: Int, _ b: Int) -> Int {
        (16...255).min { distance(rgbOf(index: $0), (r, g, b)) < distance(rgbOf(index: $1), (r, g, b)) } ?? 7
    }

    static func nearestBasic(_ c: (Int, Int, Int), count: Int) -> Int {
        (0..<max(1, min(count, 16))).min { distance(basic[$0], c) < distance(basic[$1], c) } ?? 7
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }
}
