import Foundation
import Synchronization
import JSONValue
import PipedriveSandbox
import Testing

@testable import PipedriveEngine

/// `ParallelRead`: a whole list read with several requests in flight, against a real sandbox over HTTP.
@Suite struct ParallelReadTests {
    func listedIDs(_ fixture: SandboxFixture) -> [Int] {
        fixture.rows("deals").filter { $0["is_archived"] != true }.compactMap { $0["id"]?.intValue }
    }

    /// v2 by `update_time` windows while another task renames deals over HTTP: every deal comes exactly once,
    /// also those an update moved out of a window before it was read.
    @Test func v2WindowsGiveEveryRecordOnceWhileRecordsChange() async throws {
        let fixture = try SandboxFixture()
        let session = fixture.session(version: .v2)
        let deals = try session.resource(named: "deals")
        let ids = listedIDs(fixture)
        let action = try #require(deals.readAction)
        let read = try #require(try session.parallelRead(action, of: deals, workers: 4, pageSize: 20))

        let finished = Flag()
        let reading = Task {
            defer { finished.set() }
            var handed: [Int] = []
            let summary = try await read.run { rows in handed += rows.values.compactMap { $0["id"]?.intValue } }
            return (handed, summary)
        }
        // Renames deals (newest-read windows first) until the read ends: each moves to the last window.
        let writer = fixture.session(version: .v2)
        var renamed = 0
        for id in ids.shuffled() {
            if finished.isSet { break }
            let record = Record(id: .int(id), values: ["id": .int(id)])
            _ = try await writer.update(deals, record: record, values: ["title": .string("Renamed \(renamed)")])
            renamed += 1
        }
        let (handed, summary) = try await reading.value
        #expect(renamed > 10, "the read ended before the updates could move records")
        #expect(handed.count == Set(handed).count, "a deal came twice")
        #expect(Set(handed) == Set(ids))
        #expect(summary.windows > 4 && summary.workers == 4)
        #expect(summary.late > 1, "no update landed in the last window: the test did not exercise moves")
    }

    /// v1 offset pages several at a time come in order: the same rows as one page after another.
    @Test func v1OffsetPagesComeInOrder() async throws {
        let fixture = try SandboxFixture(inProcess: true)
        let session = fixture.session(version: .v1)
        let deals = try session.resource(named: "deals")
        let action = try #require(deals.readAction)
        let read = try #require(try session.parallelRead(action, of: deals, workers: 5, pageSize: 30))
        var handed: [Int] = []
        let summary = try await read.run { rows in handed += rows.values.compactMap { $0["id"]?.intValue } }
        let sequential = try await session.pages(action).allRows().compactMap { $0["id"]?.intValue }
        #expect(handed == sequential && handed.count > 150)
        #expect(summary.workers == 5 && summary.repeated == 0)
    }

    /// Under Pipedrive's burst limit (40 requests per 2 s) eight requests in flight are paced: no 429.
    @Test func staysUnderTheBurstLimit() async throws {
        let fixture = try SandboxFixture(rateLimits: .pipedriveGrowth, inProcess: true)
        let session = fixture.session(version: .v2)
        let deals = try session.resource(named: "deals")
        let action = try #require(deals.readAction)
        let read = try #require(try session.parallelRead(action, of: deals, workers: 8, pageSize: 40))
        var count = 0
        let summary = try await read.run { count += $0.count }
        #expect(count == listedIDs(fixture).count)
        #expect(summary.pages > 50, "too few requests to meet the limit")
        #expect(fixture.server.requestLog.filter { $0.status == 429 }.isEmpty)
    }

    /// A read that sets its own `update_time` bounds or order, or a limited list, is not split.
    @Test func aReadFilteredByTimeIsNotSplit() throws {
        let fixture = try SandboxFixture(inProcess: true)
        let session = fixture.session(version: .v2)
        let deals = try session.resource(named: "deals")
        let action = try #require(deals.readAction)
        #expect(try session.parallelRead(action, of: deals, filters: [QueryItem("updated_since", "2024-01-01T00:00:00Z")]) == nil)
        #expect(try session.parallelRead(action, of: deals, filters: [QueryItem("status", "open")]) != nil)
        let products = try session.resource(named: "products")  // v2 products have no `updated_until`
        let listProducts = try #require(products.readAction)
        #expect(try session.parallelRead(listProducts, of: products) == nil)
    }

    /// The windows are disjoint and cover everything before the newest `update_time`, the first open below.
    @Test func windowsCoverTheRangeOnce() {
        let windows = ParallelRead.windows(oldest: 1_000, newest: 1_999, workers: 3)
        #expect(windows.count == 6)
        #expect(windows.first?.since == nil && windows.last?.until == 1_999)
        for (a, b) in zip(windows, windows.dropFirst()) { #expect(a.until == b.since && a.until! > (a.since ?? .min)) }
        #expect(ParallelRead.windows(oldest: 5, newest: 5, workers: 4).map(\.until) == [5])
    }
}

/// Set once, read from any task.
final class Flag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
