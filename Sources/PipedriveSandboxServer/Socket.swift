import Glibc

/// Thin wrappers over POSIX sockets.
enum Socket {
    /// POLLRDHUP (Linux): the peer closed its side.
    private static let pollReadHangup: Int16 = 0x2000

    struct Failure: Error, CustomStringConvertible {
        var operation: String
        var code: Int32
        var description: String { "\(operation) failed: \(String(cString: strerror(code)))" }
    }

    /// A listening TCP socket on `host` (an IPv4 address) and `port` (0 picks a free port); returns it and the port.
    static func listen(host: String, port: Int) throws(Failure) -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(operation: "socket", code: errno) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            close(fd)
            throw Failure(operation: "parsing the IPv4 address \(host)", code: EINVAL)
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            let code = errno
            close(fd)
            throw Failure(operation: "bind \(host):\(port)", code: code)
        }
        guard Glibc.listen(fd, 128) == 0 else {
            let code = errno
            close(fd)
            throw Failure(operation: "listen", code: code)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// Sends every byte; false when the peer is gone.
    @discardableResult
    static func sendAll(_ fd: Int32, _ bytes: some Collection<UInt8>) -> Bool {
        let array = Array(bytes)
        var sent = 0
        while sent < array.count {
            let count = array.withUnsafeBytes { send(fd, $0.baseAddress! + sent, array.count - sent, Int32(MSG_NOSIGNAL)) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }

    /// Closes with a TCP reset instead of an orderly shutdown (SO_LINGER with a zero timeout).
    static func reset(_ fd: Int32) {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
    }

    static func setOption(_ fd: Int32, _ level: Int32, _ name: Int32, _ value: Int32) {
        var value = value
        setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
    }

    static func setReceiveTimeout(_ fd: Int32, seconds: Int) {
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Waits until the peer closes the connection (or the server shuts it down) or `milliseconds` pass.
    static func waitForHangup(_ fd: Int32, milliseconds: Int) {
        var remaining = milliseconds
        var scratch = [UInt8](repeating: 0, count: 4096)
        while remaining > 0 {
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN) | pollReadHangup, revents: 0)
            let step = min(remaining, 250)
            let ready = poll(&descriptor, 1, Int32(step))
            remaining -= step
            guard ready > 0 else { continue }
            if descriptor.revents & (Int16(POLLHUP) | pollReadHangup | Int16(POLLERR)) != 0 { return }
            // Data the client sent meanwhile (a pipelined request) is read and dropped; 0 bytes means closed.
            if recv(fd, &scratch, scratch.count, 0) <= 0 { return }
        }
    }
}

/// Buffered reading of HTTP requests off a socket.
struct SocketReader {
    let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    static let maxHeadBytes = 64 * 1024

    init(fd: Int32) { self.fd = fd }

    /// Reads more bytes; false at end of stream, on error or on the idle timeout.
    private mutating func fill() -> Bool {
        if start > 0 && start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 64 * 1024 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        while true {
            let count = recv(fd, &chunk, chunk.count, 0)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            buffer.append(contentsOf: chunk[0..<count])
            return true
        }
    }

    enum HeadResult {
        case head(ArraySlice<UInt8>)
        /// The peer closed (or went idle) between requests.
        case closed
        case tooLarge
    }

    /// The bytes up to the blank line that ends a request head; the blank line is consumed.
    mutating func readHead() -> HeadResult {
        // Scanned bytes are counted from `start`, which `fill()` may move when it compacts the buffer.
        var scanned = 0
        while true {
            if let end = findTerminator(from: start + scanned) {
                let head = buffer[start..<end]
                start = end + 4
                return .head(head)
            }
            if buffer.count - start > SocketReader.maxHeadBytes { return .tooLarge }
            scanned = max(0, buffer.count - start - 3)
            guard fill() else { return .closed }
        }
    }

    private func findTerminator(from: Int) -> Int? {
        var index = from
        while index + 3 < buffer.count {
            if buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
                return index
            }
            index += 1
        }
        return nil
    }

    /// Exactly `count` bytes, or nil when the stream ends first.
    mutating func read(count: Int) -> [UInt8]? {
        while buffer.count - start < count {
            guard fill() else { return nil }
        }
        let bytes = Array(buffer[start..<start + count])
        start += count
        return bytes
    }

    /// One CRLF-terminated line, without the CRLF.
    mutating func readLine() -> String? {
        var scanned = 0
        while true {
            var index = start + scanned
            while index + 1 < buffer.count {
                if buffer[index] == 13 && buffer[index + 1] == 10 {
                    let line = String(decoding: buffer[start..<index], as: UTF8.self)
                    start = index + 2
                    return line
                }
                index += 1
            }
            if buffer.count - start > SocketReader.maxHeadBytes { return nil }
            scanned = max(0, buffer.count - start - 1)
            guard fill() else { return nil }
        }
    }

    /// A `Transfer-Encoding: chunked` body, trailers dropped.
    mutating func readChunkedBody(limit: Int) -> [UInt8]? {
        var body: [UInt8] = []
        while true {
            guard let line = readLine() else { return nil }
            let sizeText = line.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
            guard let size = Int(sizeText.trimmingCharacters(), radix: 16), size >= 0 else { return nil }
            if size == 0 {
                while let trailer = readLine(), !trailer.isEmpty {}
                return body
            }
            guard body.count + size <= limit, let chunk = read(count: size), readLine() == "" else { return nil }
            body.append(contentsOf: chunk)
        }
    }
}

extension String {
    fileprivate func trimmingCharacters() -> String { self[...].trimmingSpaces() }
}
