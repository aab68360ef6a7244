/// Decides which requests fail: counts the requests matching each rule, a pure state machine.
struct FaultPlan: Sendable {
    private(set) var rules: [FaultRule] = []
    private var counts: [Int] = []

    init(rules: [FaultRule]) {
        for rule in rules { add(rule) }
    }

    mutating func add(_ rule: FaultRule) {
        rules.append(rule)
        counts.append(0)
    }

    mutating func removeAll() {
        rules.removeAll()
        counts.removeAll()
    }

    /// What happens to this request: the added latency of every firing latency rule, and the first firing fault.
    struct Outcome: Sendable {
        var fault: FaultKind?
        var latencyMilliseconds = 0
    }

    mutating func next(method: String, path: String) -> Outcome {
        var fault: FaultKind?
        var latency = 0
        for index in rules.indices where rules[index].matches(method: method, path: path) {
            counts[index] += 1
            let rule = rules[index]
            guard counts[index] == rule.nth || (rule.always && counts[index] > rule.nth) else { continue }
            if case .latency(let milliseconds) = rule.kind {
                latency += milliseconds
            } else if fault == nil {
                fault = rule.kind
            }
        }
        return Outcome(fault: fault, latencyMilliseconds: latency)
    }
}
