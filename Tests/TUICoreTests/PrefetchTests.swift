import Foundation
import JSONValue
import PipedriveEngine
import Testing
@testable import TUICore

/// The grid's prefetch as a pure state machine: given the measured round trip, the rows per page and the
/// user's key rate, it asks for the next page early enough that holding PgDn never waits.
@Suite struct PrefetchTests {
    static let screen = 37  // data rows at 160x40
    let t0 = Date(timeIntervalSince1970: 1_000_000)

    /// Holding PgDn (`rate` a second, `presses` times) over pages of `pageSize` rows that arrive `roundTrip`
    /// seconds after they are asked for: how many presses find the cursor on the last loaded row.
    func holdPageDown(roundTrip: Double, pageSize: Int = 500, rate: Double = 10, presses: Int = 60, pacing: Prefetch? = Prefetch()) -> Int {
        var machine = pacing ?? Prefetch()
        var loaded = pageSize, cursor = 0, waits = 0
        var arrival: Double?
        var time = 0.0
        for press in 1...presses {
            time = Double(press) / rate
            if let due = arrival, due <= time {
                loaded += pageSize
                arrival = nil
                machine.pageArrived(took: roundTrip)
            }
            if cursor >= loaded - 1 { waits += 1 }
            cursor = min(loaded - 1, cursor + Self.screen)
            machine.cursorAt(cursor, time: t0 + time)
            let fetch: Bool
            if pacing == nil {
                fetch = cursor + 2 * Self.screen >= loaded  // the fixed two screens pdtui kept before
            } else {
                fetch = machine.decide(cursor: cursor, loaded: loaded, screen: Self.screen, loading: arrival != nil, burstLow: false) == .fetch
            }
            if fetch, arrival == nil {
                machine.asked(at: cursor)
                arrival = time + roundTrip
            }
        }
        return waits
    }

    @Test func holdingPageDownNeverWaitsAtAnyMeasuredRoundTrip() {
        for roundTrip in [0.05, 0.2, 0.5, 0.8] {
            #expect(holdPageDown(roundTrip: roundTrip) == 0, "round trip \(roundTrip) s")
            // Two screens ahead, as before, waited once a round trip outlasted two presses.
            if roundTrip >= 0.2 { #expect(holdPageDown(roundTrip: roundTrip, pacing: nil) > 0, "round trip \(roundTrip) s") }
        }
        // Smaller pages (v1's 100) are asked for sooner.
        #expect(holdPageDown(roundTrip: 0.5, pageSize: 100, rate: 4) == 0)
    }

    @Test func theRowsKeptAheadFollowTheSpeedAndTheRoundTrip() {
        var machine = Prefetch()
        #expect(machine.rowsAhead(screen: Self.screen) == 2 * Self.screen, "at rest: two screens")
        for press in 1...10 { machine.cursorAt(press * Self.screen, time: t0 + Double(press) / 10) }
        let fast = machine.rowsAhead(screen: Self.screen)
        #expect(machine.speed > 300 && fast > 300, "\(machine.speed) rows/s → \(fast) rows ahead")
        machine.pageArrived(took: 2.0)
        machine.pageArrived(took: 2.0)
        #expect(machine.rowsAhead(screen: Self.screen) > fast, "a slower round trip keeps more ahead")
        // Still for more than a second: back to two screens.
        machine.cursorAt(10 * Self.screen, time: t0 + 3)
        #expect(machine.rowsAhead(screen: Self.screen) == 2 * Self.screen)
        // Moving up is no reason to fetch more.
        machine.cursorAt(0, time: t0 + 3.1)
        #expect(machine.speed == 0)
    }

    @Test func decisions() {
        var machine = Prefetch()
        let screen = Self.screen
        #expect(machine.decide(cursor: 0, loaded: 500, screen: screen, loading: false, burstLow: false) == .wait)
        #expect(machine.decide(cursor: 500 - 2 * screen, loaded: 500, screen: screen, loading: false, burstLow: false) == .fetch)
        // Near the burst limit: only when the cursor is a screen from the end.
        #expect(machine.decide(cursor: 500 - 2 * screen, loaded: 500, screen: screen, loading: false, burstLow: true) == .wait)
        #expect(machine.decide(cursor: 500 - screen, loaded: 500, screen: screen, loading: false, burstLow: true) == .fetch)
        // A page in flight is waited for, and cancelled once the user has gone back more than five screens.
        machine.asked(at: 930)
        #expect(machine.decide(cursor: 930 - 2 * screen, loaded: 1_000, screen: screen, loading: true, burstLow: false) == .wait)
        #expect(machine.decide(cursor: 0, loaded: 1_000, screen: screen, loading: true, burstLow: false) == .cancel)
        machine.pageArrived(took: nil)
        #expect(machine.decide(cursor: 0, loaded: 1_000, screen: screen, loading: true, burstLow: false) == .wait)
    }

    /// In the grid: `G` then `g` while the next page and a name lookup are out cancels both; the rows keep
    /// their ids and are named when seen again.
    @Test func aGridCancelsThePageAndTheNamesTheUserLeftBehind() throws {
        var state = makeState(160, 40)
        state.command = LineEditor("deals")
        let opened = state.update(.key(.enter))
        guard case .loadPage(let first, _)? = opened.first else { Issue.record("no page asked: \(opened)"); return }
        let rows = (1...500).map { id -> JSON in ["id": .int(id), "title": .string("Deal \(id)"), "person_id": .int(id)] }
        var page = RowPage(rows: rows, next: "p2")
        page.namesPending = true
        let named = state.update(.pageLoaded(first, page))
        let lookup = try #require(named.compactMap { if case .nameRows(let id, _, _) = $0 { id } else { nil } }.first)
        let bottom = state.update(.key(.char("G")))
        let next = try #require(bottom.compactMap { if case .loadPage(let id, let request) = $0, request.cursor == "p2" { id } else { nil } }.first)
        #expect(bottom.contains(.cancel(lookup)), "the lookup for the first screen was left behind: \(bottom)")
        let farLookup = try #require(bottom.compactMap { if case .nameRows(let id, _, _) = $0 { id } else { nil } }.first)
        let top = state.update(.key(.char("g")))
        #expect(top.contains(.cancel(next)) && top.contains(.cancel(farLookup)), "\(top)")
        #expect(top.contains { if case .nameRows = $0 { true } else { false } }, "the first screen is named again")
        #expect(state.top(GridScreen.self)?.loading == nil)
    }
}
