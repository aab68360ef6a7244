import Foundation
import Testing

@testable import PipedriveSandbox

/// The sandbox's HTTP request parser with random bytes (seeded): the pure head parser, then a live server
/// fed garbage on many connections, which must keep serving.
@Suite struct RequestFuzzTests {
    struct Random {
        var state: UInt64
        mutating func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        mutating func bytes(_ count: Int) -> [UInt8] {
            let pieces = Array("GET POST /api/v2/deals?a=%zz&b=+ HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n:%\u{0}".utf8)
            return (0..<count).map { _ in next() % 3 == 0 ? UInt8(truncatingIfNeeded: next()) : pieces[next() % pieces.count] }
        }
    }

    @Test func headParserTakesRandomBytes() {
        var random = Random(state: 9)
        for _ in 0..<20_000 {
            let bytes = random.bytes(random.next() % 300)
            if let head = try? HTTPMessage.parseHead(bytes[...]) {
                _ = HTTPMessage.splitTarget(head.target)
                _ = head.keepAlive
            }
            _ = HTTPMessage.parseForm(bytes)
        }
    }

    @Test func aLiveServerSurvivesGarbage() async throws {
        try await Fixture.withServer { server async throws in
            var random = Random(state: 11)
            for _ in 0..<200 {
                let connection = try RawConnection(port: server.port)
                var timeout = timeval(tv_sec: 1, tv_usec: 0)
                setsockopt(connection.fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                let bytes = random.bytes(1 + random.next() % 2000)
                _ = bytes.withUnsafeBytes { send(connection.fd, $0.baseAddress, bytes.count, Int32(MSG_NOSIGNAL)) }
                shutdown(connection.fd, Int32(SHUT_WR))
                _ = connection.readUntilClosed()
            }
            // Still serving, and correctly.
            let reply = try await HTTP.get(server, "/api/v1/things/3")
            #expect(reply.status == 200)
        }
    }
}
