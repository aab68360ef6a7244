/// A JSON number as exact decimal digits: `-12.340e1` is `negative`, digits `1234`, exponent `-1`.
/// Leading and trailing zeros are dropped, so two texts of the same value compare equal; zero has no digits.
/// Used where a `Double` would lose digits (money such as `123456789012345678.99`).
public struct JSONNumber: Sendable, Hashable {
    public let negative: Bool
    /// The significant digits as ASCII bytes, without leading or trailing zeros.
    public let digits: [UInt8]
    /// The value is `digits × 10^exponent`.
    public let exponent: Int

    /// A `Double` keeps every digit of a decimal with at most this many significant digits.
    public static let doubleDigits = 15

    /// Reads a number written as JSON writes them (`-1.5e3`), or as Swift's `Double.description` does
    /// (`1e+20`); nil for anything else.
    public init?(_ text: some StringProtocol) {
        var bytes = Array(text.utf8)[...]
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes.removeFirst() }
        var mantissa: [UInt8] = []
        var fractionDigits = 0
        var seenPoint = false
        while let byte = bytes.first, byte != UInt8(ascii: "e"), byte != UInt8(ascii: "E") {
            bytes.removeFirst()
            if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                mantissa.append(byte)
                if seenPoint { fractionDigits += 1 }
            } else {
                return nil
            }
        }
        guard !mantissa.isEmpty else { return nil }
        var exponent = 0
        if !bytes.isEmpty {
            bytes.removeFirst()
            guard let value = Int(String(decoding: bytes, as: UTF8.self)), abs(value) < 1_000_000 else { return nil }
            exponent = value
        }
        let start = mantissa.firstIndex { $0 != UInt8(ascii: "0") } ?? mantissa.endIndex
        var end = mantissa.endIndex
        while end > start, mantissa[end - 1] == UInt8(ascii: "0") { end -= 1 }
        self.negative = negative && start < end
        self.digits = Array(mantissa[start..<end])
        self.exponent = start < end ? exponent - fractionDigits + (mantissa.endIndex - end) : 0
    }

    public init?(_ value: JSON) {
        switch value {
        case .int(let number): self.init(String(number))
        case .double(let number) where number.isFinite: self.init(number.description)
        case .decimal(let text): self.init(text)
        default: return nil
        }
    }

    /// The value as JSON: `.int` when whole and within `Int`, `.double` when a `Double` holds every digit,
    /// else `.decimal` with the exact text.
    public var json: JSON {
        if exponent >= 0, digits.count + exponent <= 19, let whole = Int(plain) { return .int(whole) }
        if digits.count <= Self.doubleDigits, let number = Double(scientific), number.isFinite { return .double(number) }
        return .decimal(abs(exponent) <= 64 ? plain : scientific)
    }

    /// The value as `digits` e `exponent` (`-1234e-5`), short whatever the exponent.
    public var scientific: String {
        digits.isEmpty ? "0" : (negative ? "-" : "") + String(decoding: digits, as: UTF8.self) + "e" + String(exponent)
    }

    /// The value written out without an exponent: `-123.4`, `0.005`, `1200`.
    public var plain: String {
        guard !digits.isEmpty else { return "0" }
        var text = negative ? "-" : ""
        let whole = digits.count + exponent
        if exponent >= 0 {
            text += String(decoding: digits, as: UTF8.self) + String(repeating: "0", count: exponent)
        } else if whole > 0 {
            text += String(decoding: digits[..<whole], as: UTF8.self) + "." + String(decoding: digits[whole...], as: UTF8.self)
        } else {
            text += "0." + String(repeating: "0", count: -whole) + String(decoding: digits, as: UTF8.self)
        }
        return text
    }

    /// The value rounded half away from zero to `places` decimals, as whole and fraction digits
    /// (`1234.565`, 2 → `("1234", "57")`); the sign is `negative` (a value rounded to zero has none).
    public func rounded(places: Int) -> (negative: Bool, whole: String, fraction: String) {
        let scaled = exponent + places  // the value is digits × 10^scaled units of 10^-places
        var units: [UInt8]
        if scaled >= 0 {
            units = digits + Array(repeating: UInt8(ascii: "0"), count: scaled)
        } else if -scaled > digits.count {
            units = []
        } else {
            let keep = digits.count + scaled
            units = Array(digits[..<keep])
            if digits[keep] >= UInt8(ascii: "5") { Self.increment(&units) }
        }
        if units.isEmpty { units = [UInt8(ascii: "0")] }
        while units.count < places + 1 { units.insert(UInt8(ascii: "0"), at: 0) }
        let split = units.count - places
        var whole = Array(units[..<split])
        while whole.count > 1, whole.first == UInt8(ascii: "0") { whole.removeFirst() }
        let isZero = units.allSatisfy { $0 == UInt8(ascii: "0") }
        return (negative && !isZero, String(decoding: whole, as: UTF8.self), String(decoding: units[split...], as: UTF8.self))
    }

    private static func increment(_ digits: inout [UInt8]) {
        var i = digits.count - 1
        while i >= 0 {
            if digits[i] < UInt8(ascii: "9") { digits[i] += 1; return }
            digits[i] = UInt8(ascii: "0")
            i -= 1
        }
        digits.insert(UInt8(ascii: "1"), at: 0)
    }
}
