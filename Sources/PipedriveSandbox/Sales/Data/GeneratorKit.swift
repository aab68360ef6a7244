import Foundation
import JSONValue

/// Helpers the sales generators share: sizes, moments, names and text, drawn from one random stream.
struct GeneratorKit {
    var random: SeededRandom
    let options: GenerationOptions
    let owners: [Int]

    init(_ options: GenerationOptions, stream: String, owners: [Int]) {
        random = SeededRandom(seed: options.seed, stream: stream)
        self.options = options
        self.owners = owners
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    mutating func chance(_ p: Double) -> Bool { random.chance(p) }
    mutating func pick<T>(_ items: [T]) -> T { random.pick(items) }
    mutating func owner() -> Int { pick(owners) }
    /// A random id in 1...count, or nil when there are none.
    mutating func id(upTo count: Int) -> Int? { count > 0 ? int(1...count) : nil }

    /// A moment within the last `days` days before the account's `now`; one in 20 within the last day.
    mutating func past(days: Int = 1000) -> Int {
        if chance(0.05) { return options.now - int(60...86_000) }
        return options.now - int(86_400...days * 86_400)
    }

    /// A moment between `start` and now, usually soon after `start`.
    mutating func after(_ start: Int) -> Int {
        if chance(0.08) { return options.now - int(1...86_000) }
        return min(options.now - 1, start + int(0...(max(1, options.now - start) / 2)))
    }

    mutating func culture() -> TextPools.Culture {
        var roll = int(0...99)
        for culture in TextPools.cultures {
            if roll < culture.weight { return culture }
            roll -= culture.weight
        }
        return TextPools.cultures[0]
    }

    /// A person's name in the culture's order; occasionally hostile.
    mutating func personName(_ culture: TextPools.Culture) -> String {
        if let hostile = hostileText() { return hostile }
        let first = pick(culture.first), last = pick(culture.last)
        return culture.familyFirst ? last + first : "\(first) \(last)"
    }

    mutating func companyName(_ culture: TextPools.Culture, serial: Int) -> String {
        if let hostile = hostileText() { return hostile }
        if chance(0.02) { return pick(TextPools.emojiCompanies) + " \(serial)" }
        let word = pick(culture.companyWords)
        let suffix = pick(culture.companySuffixes)
        if culture.familyFirst { return word + suffix }
        return chance(0.3) ? "\(word) \(pick(culture.companyWords)) \(suffix)" : "\(word) \(suffix)"
    }

    mutating func email(_ local: String, _ domain: String) -> String {
        let ascii = local.lowercased().unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || $0 == " ") }
        let name = String(String.UnicodeScalarView(ascii)).split(separator: " ").joined(separator: ".")
        let user = name.isEmpty ? "contact\(int(1...99_999))" : name
        return "\(user)@\(pick(["example", "mail", "corp", "firma", "kaisha"])).\(domain)"
    }

    mutating func phone(_ prefix: String) -> String {
        "\(prefix)\(int(10...99)) \(int(100...999)) \(int(1000...9999))"
    }

    mutating func sentence() -> String { pick(TextPools.sentences) }

    /// Note text: mostly a sentence or two in HTML; one in ten long (several thousand characters).
    mutating func noteContent() -> String {
        if let hostile = hostileText() { return "<p>\(hostile)</p>" }
        if chance(0.1) {
            let paragraphs = (0..<int(20...120)).map { _ in "<p>\(sentence()) \(sentence()) \(sentence())</p>" }
            return paragraphs.joined(separator: "\n")
        }
        return chance(0.5) ? "<p>\(sentence())</p>" : "<p>\(sentence())</p><ul><li>\(sentence())</li><li>\(sentence())</li></ul>"
    }

    mutating func address() -> JSON {
        var address = Address.fromValue("")
        for (key, value) in pick(TextPools.addresses) { address[key] = .string(value) }
        address["formatted_address"] = address["value"]
        return address
    }

    /// With `hostile`, one string in 25 is an escape sequence, a control character or 10,000 characters.
    mutating func hostileText() -> String? {
        guard options.hostile, chance(0.04) else { return nil }
        if chance(0.15) { return String(repeating: "Ж", count: 5_000) + String(repeating: "a", count: 5_000) }
        return pick(TextPools.hostile) + " " + pick(TextPools.cultures[0].companyWords)
    }

    /// An amount: log-spread, a tenth of them zero, and with `hostile`, odd numbers.
    mutating func amount(max: Double = 500_000) -> JSON {
        if options.hostile, chance(0.04) { return pick(TextPools.oddNumbers) }
        if chance(0.1) { return 0 }
        let value = (pow(10, Double.random(in: 2...log10(max), using: &random)) / 10).rounded() * 10
        return chance(0.15) ? .double(value + Double(int(1...99)) / 100) : .int(Int(value))
    }

    mutating func currency() -> String {
        let roll = int(0...99)
        return roll < 60 ? "EUR" : roll < 85 ? "USD" : roll < 93 ? "GBP" : pick(["JPY", "SEK", "INR", "BRL"])
    }

    mutating func visibleTo() -> JSON { chance(0.8) ? 3 : .int(pick([1, 5, 7])) }
}
