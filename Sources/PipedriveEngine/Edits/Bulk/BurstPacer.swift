/// Spaces a bulk's calls under Pipedrive's burst limit (so many requests per rolling 2-second window per
/// token) so that they wait their turn instead of being refused with 429: a pure state machine over an
/// explicit clock (seconds).
struct BurstPacer: Sendable {
    static let window = 2.0
    /// Added to each wait: the server counts a request when it arrives, a little after it is sent.
    static let margin = 0.05
    /// Send times within the last window, oldest first.
    private var sent: [Double] = []

    /// Seconds to wait before the next call may go, under `limit` requests a window; 0 when it may go now.
    mutating func delay(now: Double, limit: Int) -> Double {
        sent.removeAll { $0 <= now - Self.window }
        guard limit > 0, sent.count >= limit else { return 0 }
        return sent[sent.count - limit] + Self.window + Self.margin - now
    }

    /// Counts a call sent at `now`; `count` stands for calls made before the pacer saw them (the
    /// budget headers say how many of the window are used).
    mutating func record(now: Double, count: Int = 1) {
        sent += Array(repeating: now, count: max(0, count))
    }
}
