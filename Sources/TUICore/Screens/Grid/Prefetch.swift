import Foundation

/// When a grid asks for its next page: early enough that the cursor never waits at the last loaded row.
/// It keeps as many rows ahead of the cursor as the user scrolls through in a measured page round trip
/// (with a margin), and at least the two screens it always kept; near the burst limit it waits until
/// the cursor is a screen from the end instead of spending the window on prefetch. A page in flight that the
/// user has left behind (moved back more than five screens from where it was asked for, or to the top) is
/// cancelled. Pure: fed the page round trips and the cursor's moves with their times.
struct Prefetch: Sendable, Equatable {
    /// The smoothed time from asking for a page to having its rows, in seconds; a guess until one is measured.
    private(set) var roundTrip = 0.5
    /// The smoothed downward scroll speed, rows per second.
    private(set) var speed = 0.0
    private var last: (row: Int, at: Date)?
    /// Where the cursor was when the page in flight was asked for.
    private(set) var askedAt: Int?

    static func == (a: Prefetch, b: Prefetch) -> Bool { a.roundTrip == b.roundTrip && a.speed == b.speed }

    /// A move shorter than this is taken as this long, so that two keys close together do not make a speed
    /// no one scrolls at.
    static let shortestMove = 0.05
    /// Still for this long, the user is taken to have stopped.
    static let rest = 1.0

    enum Decision: Equatable { case fetch, wait, cancel }

    /// The next page was asked for with the cursor at `cursor`.
    mutating func asked(at cursor: Int) { askedAt = cursor }

    /// A page came back `seconds` after it was asked for (nil: not measured), or was cancelled.
    mutating func pageArrived(took seconds: Double?) {
        askedAt = nil
        if let seconds { roundTrip = 0.5 * roundTrip + 0.5 * max(0, seconds) }
    }

    /// The cursor is at `row` at `time` (after every event; unmoved rows only age the speed).
    mutating func cursorAt(_ row: Int, time: Date) {
        guard let last else {
            self.last = (row, time)
            return
        }
        let elapsed = time.timeIntervalSince(last.at)
        if row == last.row {
            if elapsed > Self.rest { speed = 0 }
            return
        }
        // No time passed: the state machine driven without a clock (the runtime stamps each key).
        guard elapsed > 0 else {
            self.last = (row, last.at)
            return
        }
        let rate = Double(max(0, row - last.row)) / max(elapsed, Self.shortestMove)
        speed = 0.5 * speed + 0.5 * rate
        self.last = (row, time)
    }

    /// Rows to keep loaded below the cursor: what the user scrolls through in a round trip and a half plus
    /// a fifth of a second, and never fewer than two screens.
    func rowsAhead(screen: Int) -> Int {
        2 * screen + Int((speed * (1.5 * roundTrip + 0.2)).rounded(.up))
    }

    /// Whether to ask for the next page now, keep waiting, or cancel the one in flight.
    /// - Parameters:
    ///   - loaded: rows loaded; `cursor` is an index into them.
    ///   - loading: a next page is in flight.
    ///   - burstLow: the rate limit's window is nearly spent.
    func decide(cursor: Int, loaded: Int, screen: Int, loading: Bool, burstLow: Bool) -> Decision {
        let ahead = loaded - 1 - cursor
        if loading { return askedAt.map { cursor + 5 * screen < $0 } == true ? .cancel : .wait }
        return ahead < (burstLow ? screen : rowsAhead(screen: screen)) ? .fetch : .wait
    }
}
