import PipedriveEngine

extension Context {
    /// The status line's budget: the tokens this session spent and what is left of the company's daily budget,
    /// with the burst window first only when it runs low (`burst 3 left · 120 tokens · 57.9k left today`);
    /// `short` where 80 columns hold more (`burst 3 · 120 tok · 57.9k left`).
    static func budgetText(_ budget: RateLimitBudget, short: Bool = false) -> String {
        var parts: [String] = []
        if budget.burstRunningLow, let remaining = budget.burstRemaining { parts.append("burst \(remaining)" + (short ? "" : " left")) }
        parts.append("\(compact(budget.sessionTokens)) " + (short ? "tok" : "tokens"))
        if let left = budget.dailyTokensRemaining { parts.append("\(compact(left)) left" + (short ? "" : " today")) }
        return parts.joined(separator: " · ")
    }

    /// `9,999`, then `57.9k`, `999.9M`, `1.0G` (rounded down: never more than there is).
    static func compact(_ number: Int) -> String {
        if number < 1_000 { return String(number) }
        if number < 10_000 { return "\(number / 1_000)," + String(String(number % 1_000 + 1_000).dropFirst()) }
        for (unit, size) in [("k", 1_000), ("M", 1_000_000), ("G", 1_000_000_000)] where number < size * 1_000 || unit == "G" {
            let tenths = number / (size / 10)
            return "\(tenths / 10).\(tenths % 10)\(unit)"
        }
        return String(number)
    }
}
