import Foundation
import PipedriveSandbox
import Glibc
import Synchronization

/// An HTTP/1.1 server over POSIX sockets: one thread per connection, keep-alive, Content-Length and chunked
/// request bodies. It knows nothing of Pipedrive: each request goes to `handler`.
final class HTTPServer: Sendable {
    typealias Handler = @Sendable (_ request: SandboxRequest, _ rawQuery: String) -> Delivery

    let port: Int
    private let listenFD: Int32
    private let handler: Handler
    private let state = Mutex(State())
    private let acceptLoopDone = DispatchSemaphore(value: 0)
    /// Request bodies above this size are refused (Pipedrive's file uploads stop well below it).
    static let maxBodyBytes = 64 * 1024 * 1024
    /// An idle keep-alive connection is closed after this long.
    static let idleTimeoutSeconds = 120

    private struct State {
        var stopped = false
        var openConnections: Set<Int32> = []
    }

    init(host: String, port: Int, handler: @escaping Handler) throws {
        (listenFD, self.port) = try Socket.listen(host: host, port: port)
        self.handler = handler
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// Stops accepting, closes every open connection and waits for the accept loop to end.
    func stop() {
        let alreadyStopped = state.withLock { state in
            defer { state.stopped = true }
            if !state.stopped {
                for fd in state.openConnections { shutdown(fd, Int32(SHUT_RDWR)) }
            }
            return state.stopped
        }
        guard !alreadyStopped else { return }
        shutdown(listenFD, Int32(SHUT_RDWR))
        acceptLoopDone.wait()
        close(listenFD)
    }

    private func acceptLoop() {
        defer { acceptLoopDone.signal() }
        while true {
            let fd = accept(listenFD, nil, nil)
            if fd < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                return
            }
            let admitted = state.withLock { state in
                if state.stopped { return false }
                state.openConnections.insert(fd)
                return true
            }
            guard admitted else {
                close(fd)
                return
            }
            Thread.detachNewThread { [self] in serve(fd) }
        }
    }

    private func serve(_ fd: Int32) {
        Socket.setOption(fd, Int32(IPPROTO_TCP), TCP_NODELAY, 1)
        Socket.setReceiveTimeout(fd, seconds: HTTPServer.idleTimeoutSeconds)
        var reader = SocketReader(fd: fd)
        while serveOne(fd, &reader) {}
        state.withLock { _ = $0.openConnections.remove(fd) }
        close(fd)
    }

    /// Reads and answers one request; false when the connection is to be closed.
    private func serveOne(_ fd: Int32, _ reader: inout SocketReader) -> Bool {
        let headBytes: ArraySlice<UInt8>
        switch reader.readHead() {
        case .closed: return false
        case .tooLarge: return refuse(fd, status: 431, "Request header fields too large")
        case .head(let bytes): headBytes = bytes
        }
        let head: HTTPMessage.Head
        do { head = try HTTPMessage.parseHead(headBytes) } catch { return refuse(fd, status: 400, error.reason) }

        if head.headers["expect"]?.lowercased() == "100-continue" {
            Socket.sendAll(fd, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
        var body: [UInt8] = []
        if head.headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            guard let chunked = reader.readChunkedBody(limit: HTTPServer.maxBodyBytes) else {
                return refuse(fd, status: 400, "Malformed chunked body")
            }
            body = chunked
        } else if let lengthText = head.headers["content-length"] {
            guard let length = Int(lengthText), length >= 0 else { return refuse(fd, status: 400, "Invalid Content-Length") }
            guard length <= HTTPServer.maxBodyBytes else { return refuse(fd, status: 413, "Request body too large") }
            guard let bytes = reader.read(count: length) else { return false }
            body = bytes
        }

        let (path, query, rawQuery) = HTTPMessage.splitTarget(head.target)
        let request = SandboxRequest(method: head.method, path: path, query: query, headers: head.headers, body: body)
        let delivery = handler(request, rawQuery)
        if delivery.delayMilliseconds > 0 { usleep(UInt32(delivery.delayMilliseconds) * 1000) }

        switch delivery.network {
        case .none:
            guard Socket.sendAll(fd, HTTPMessage.serialize(delivery.response, keepAlive: head.keepAlive)) else { return false }
            return head.keepAlive
        case .resetMidBody:
            let full = HTTPMessage.serialize(delivery.response, keepAlive: true)
            Socket.sendAll(fd, full.prefix(full.count - (delivery.response.body.count + 1) / 2))
            Socket.reset(fd)
            return false
        case .hang(let milliseconds):
            Socket.waitForHangup(fd, milliseconds: milliseconds)
            return false
        }
    }

    /// Answers a request that cannot be read as HTTP, in Pipedrive's error envelope, and closes the connection.
    private func refuse(_ fd: Int32, status: Int, _ message: String) -> Bool {
        let response = APIError(status: status, message: message).response
        Socket.sendAll(fd, HTTPMessage.serialize(response, keepAlive: false))
        return false
    }
}
