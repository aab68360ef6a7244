import Foundation
import JSONValue
import PipedriveSandbox

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A response as the tests look at it.
struct Reply: Sendable {
    var status: Int
    /// Header names lower-cased.
    var headers: [String: String]
    var body: [UInt8]

    var json: JSON? { try? JSON(parsing: body) }
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// Requests through URLSession, the HTTP client Foundation ships.
enum HTTP {
    static func send(
        _ server: SandboxServer, _ method: String, _ target: String, headers: [String: String]? = nil,
        body: [UInt8]? = nil, timeout: TimeInterval = 30
    ) async throws -> Reply {
        var request = URLRequest(url: URL(string: server.baseURL + target)!)
        request.httpMethod = method
        request.timeoutInterval = timeout
        for (name, value) in headers ?? ["x-api-token": server.apiToken] { request.setValue(value, forHTTPHeaderField: name) }
        if let body { request.httpBody = Data(body) }
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let (data, response) = try await session.data(for: request)
        let http = response as! HTTPURLResponse
        var lowered: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            lowered[String(describing: name).lowercased()] = String(describing: value)
        }
        return Reply(status: http.statusCode, headers: lowered, body: Array(data))
    }

    static func get(_ server: SandboxServer, _ target: String, headers: [String: String]? = nil) async throws -> Reply {
        try await send(server, "GET", target, headers: headers)
    }
}

/// A raw TCP client, for what URLSession hides: keep-alive on one connection, a reset mid-body, redirects.
final class RawConnection {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { throw RawError.failed("connect: \(errno)") }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    enum RawError: Error { case failed(String) }

    func write(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, bytes.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Reads one response (Content-Length framed). Throws with the bytes received so far when the stream breaks.
    func readResponse() throws -> Reply {
        while true {
            if let end = find([13, 10, 13, 10]) {
                let head = String(decoding: buffer[0..<end], as: UTF8.self)
                var lines = head.components(separatedBy: "\r\n")
                let status = Int(lines.removeFirst().split(separator: " ")[1])!
                var headers: [String: String] = [:]
                for line in lines {
                    let parts = line.split(separator: ":", maxSplits: 1)
                    headers[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces)
                }
                let length = Int(headers["content-length"] ?? "0")!
                while buffer.count < end + 4 + length { try fill() }
                let body = Array(buffer[(end + 4)..<(end + 4 + length)])
                buffer.removeFirst(end + 4 + length)
                return Reply(status: status, headers: headers, body: body)
            }
            try fill()
        }
    }

    /// What arrived before the stream ended, and how it ended (0 for an orderly close, else errno).
    func readUntilClosed() -> (bytes: [UInt8], errno: Int32) {
        while true {
            do { try fill() } catch {
                if case RawError.failed(let reason) = error, reason.hasPrefix("errno ") {
                    return (buffer, Int32(reason.dropFirst(6))!)
                }
                return (buffer, 0)
            }
        }
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = recv(fd, &chunk, chunk.count, 0)
        if count < 0 { throw RawError.failed("errno \(errno)") }
        if count == 0 { throw RawError.failed("closed") }
        buffer += chunk[0..<count]
    }

    private func find(_ pattern: [UInt8]) -> Int? {
        guard buffer.count >= pattern.count else { return nil }
        for index in 0...(buffer.count - pattern.count) where Array(buffer[index..<(index + pattern.count)]) == pattern {
            return index
        }
        return nil
    }
}
