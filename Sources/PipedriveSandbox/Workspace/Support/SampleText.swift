/// Text for generated rows: names in many scripts (diacritics, CJK, right-to-left, emoji) and, for a
/// hostile account, strings that break careless terminals and parsers.
enum SampleText {
    static let firstNames = [
        "Anna", "Jürgen", "Zoë", "Siobhán", "Łukasz", "Ærin", "François", "Dvořák", "Mikko", "Grete", "José", "Ngọc",
        "Ahmad", "Oluwaseun", "Priya", "Søren", "Илья", "Αθηνά", "محمد", "דוד", "美咲", "伟", "지훈", "สมชาย",
        "Olga", "Kwame", "Mãe", "Renée", "Đorđe", "Ilkka",
    ]
    static let lastNames = [
        "Tamm", "Müller", "O'Brien", "Nowak", "Ólafsdóttir", "García", "Nguyễn", "Kowalczyk", "Virtanen", "Smith",
        "Dubois", "Øster", "Иванова", "Παπαδόπουλος", "الحسن", "כהן", "佐藤", "王", "김", "ใจดี", "Mensah", "Šimić",
        "Żółć", "Ümit 🚀", "Peña",
    ]
    static let words = [
        "quarterly", "renewal", "pricing", "onboarding", "contract", "proposal", "invoice", "roadmap", "Café",
        "Straße", "naïve", "résumé", "報告", "見積もり", "계약", "عرض", "הצעה", "Предложение", "✅", "📎", "deadline",
        "follow-up", "demo", "review",
    ]
    static let teamNames = ["Closers", "Nordics 🇫🇮", "DACH Vertrieb", "東京チーム", "Équipe Paris", "فريق الخليج", "Enterprise", "SMB"]
    static let domains = ["example.com", "example.org", "exämple.test", "pipedrive-sandbox.test", "例え.jp"]

    /// Strings that must never reach a terminal raw, or that stress layout and parsing.
    static let hostile = [
        "\u{1B}[31mred\u{1B}[0m", "\u{1B}]0;pwned\u{07}", "bell\u{07}\u{07}", "tab\tand\nnewline\r\n", "nul\u{0}byte",
        "\u{202E}txet desrever", "zero\u{200B}width\u{200D}joiner", "👩‍👩‍👧‍👦 family", "e\u{301}\u{301}\u{301}",
        "<script>alert(1)</script>", "'; DROP TABLE deals; --", "%s%n%x", "\\u0000", "  padded  ",
    ]

    static func personName(_ random: inout SeededRandom, hostile: Bool) -> String {
        if hostile, let text = hostileText(&random) { return text }
        return "\(random.pick(firstNames)) \(random.pick(lastNames))"
    }

    static func phrase(_ random: inout SeededRandom, words count: Int, hostile: Bool) -> String {
        if hostile, let text = hostileText(&random) { return text }
        return (0..<count).map { _ in random.pick(words) }.joined(separator: " ").capitalizedFirst
    }

    /// An ASCII e-mail address for a name.
    static func email(_ name: String, _ index: Int, _ random: inout SeededRandom) -> String {
        let local = name.lowercased().unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic) }
        let prefix = local.isEmpty ? "user" : String(String.UnicodeScalarView(local.prefix(12)))
        return "\(prefix).\(index)@\(random.pick(["example.com", "example.org", "sandbox.test"]))"
    }

    /// A hostile string one time in five: a control-laden one or a 10,000-character one.
    private static func hostileText(_ random: inout SeededRandom) -> String? {
        guard random.chance(0.2) else { return nil }
        if random.chance(0.15) { return String(repeating: "Long名前🙂 xy", count: 1000) }
        return random.pick(hostile)
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
