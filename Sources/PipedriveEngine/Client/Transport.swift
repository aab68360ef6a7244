import Foundation
import Synchronization
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends one HTTP request with URLSession and hands back the raw response. No retries, no parsing.
///
/// - Reads share one session, so their connections are kept alive.
/// - A write goes on a fresh session of its own with `Connection: close`: a connection that served an
///   earlier request and died under it is never involved, so the transport below (libcurl retries a
///   request on a reused connection that dropped) cannot send a write a second time on its own.
/// - A body is read into memory up to `bodyLimit` bytes; a longer one stops the exchange.
/// - Nothing is kept on disk (no cache, no cookies), and redirects to another scheme, host or port are
///   refused, so a credential header never leaves the host it was meant for.
public final class Transport: Sendable {
    let session: URLSession
    let collector: BodyCollector
    public let timeout: TimeInterval
    /// The longest body read into memory (a file download streams to disk instead).
    public let bodyLimit: Int

    public static let defaultBodyLimit = 64 << 20

    public init(timeout: TimeInterval = 30, bodyLimit: Int = Transport.defaultBodyLimit) {
        collector = BodyCollector(limit: bodyLimit)
        session = Self.session(timeout: timeout, delegate: collector)
        self.timeout = timeout
        self.bodyLimit = bodyLimit
    }

    private static func session(timeout: TimeInterval, delegate: BodyCollector) -> URLSession {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.timeoutIntervalForRequest = timeout
        // More than a parallel read keeps in flight by default (`ParallelRead.defaultWorkers`, at most 8): a
        // request the pacer let go never waits for a connection (libcurl queues those past the limit).
        configuration.httpMaximumConnectionsPerHost = 16
        return URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    public enum Failure: Error, Sendable {
        /// `sent` is false when the request cannot have reached the server (no connection was made).
        case transport(reason: String, host: String, sent: Bool, timedOut: Bool)
        /// The body was longer than `limit` bytes; the exchange was stopped.
        case tooLarge(limit: Int, host: String, status: Int?)
    }

    public func send(_ request: URLRequest) async throws -> HTTPResponse {
        let method = request.httpMethod ?? "GET"
        guard method != "GET" && method != "HEAD" else {
            return try await exchange(request) { try await collector.run(request, on: session) }
        }
        var write = request
        write.setValue("close", forHTTPHeaderField: "Connection")
        let own = BodyCollector(limit: bodyLimit)
        let fresh = Self.session(timeout: timeout, delegate: own)
        defer { fresh.finishTasksAndInvalidate() }
        return try await exchange(write) { try await own.run(write, on: fresh) }
    }

    /// Sends `request` and writes a 2xx body to a temporary file as it arrives, so a large download is never
    /// held in memory: the file comes back with the response (whose `body` is then empty). Any other answer
    /// comes back with its body read and no file.
    public func download(_ request: URLRequest) async throws -> (response: HTTPResponse, file: URL?) {
        var file: URL?
        let response = try await exchange(request) {
            let (url, response) = try await session.download(for: request)
            guard let http = response as? HTTPURLResponse, (200..<300).contains(http.statusCode) else {
                defer { try? FileManager.default.removeItem(at: url) }
                return (response, Array(FileManager.default.contents(atPath: url.path)?.prefix(1 << 20) ?? Data()))
            }
            file = url
            return (response, [])
        }
        return (response, file)
    }

    /// One exchange, its failures turned into `Failure.transport` (or `CancellationError`).
    private func exchange(_ request: URLRequest, _ work: () async throws -> (URLResponse, [UInt8])) async throws -> HTTPResponse {
        let host = request.url?.host ?? "the server"
        do {
            let (response, body) = try await work()
            guard let http = response as? HTTPURLResponse else {
                throw Failure.transport(reason: "not an HTTP response", host: host, sent: true, timedOut: false)
            }
            return HTTPResponse(status: http.statusCode, headers: Self.headers(http), body: body)
        } catch BodyCollector.Stop.tooLarge(let status) {
            throw Failure.tooLarge(limit: bodyLimit, host: host, status: status)
        } catch let error as URLError {
            if error.code == .cancelled { throw CancellationError() }
            try Task.checkCancellation()
            let notSent: Set<URLError.Code> = [
                .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet, .badURL,
                .unsupportedURL,
            ]
            throw Failure.transport(
                reason: Self.reason(error), host: host, sent: !notSent.contains(error.code),
                timedOut: error.code == .timedOut)
        }
    }

    static func headers(_ http: HTTPURLResponse) -> [String: String] {
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        return headers
    }

    static func reason(_ error: URLError) -> String {
        switch error.code {
        case .cannotConnectToHost: "the connection was refused"
        case .cannotFindHost, .dnsLookupFailed: "the host name does not resolve"
        case .notConnectedToInternet: "the network is down"
        case .timedOut: "no answer within the timeout"
        case .networkConnectionLost: "the connection dropped"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate:
            "the TLS connection failed"
        default: "network error \(error.code.rawValue)"
        }
    }

    deinit { session.finishTasksAndInvalidate() }
}

/// The session's delegate: collects each task's body up to a limit (stopping the task past it), and
/// follows a redirect only within the same scheme, host and port.
final class BodyCollector: NSObject, URLSessionDataDelegate, Sendable {
    let limit: Int
    private let pending = Mutex<[Int: Pending]>([:])

    enum Stop: Error { case tooLarge(status: Int?) }

    private struct Pending {
        var continuation: CheckedContinuation<(URLResponse, [UInt8]), any Error>
        var response: URLResponse?
        var body: [UInt8] = []
        var tooLarge = false
    }

    init(limit: Int) {
        self.limit = limit
    }

    /// Runs `request` as a data task of `session` (whose delegate this is) and returns its response and body.
    func run(_ request: URLRequest, on session: URLSession) async throws -> (URLResponse, [UInt8]) {
        let task = session.dataTask(with: request)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                pending.withLock { $0[task.taskIdentifier] = Pending(continuation: continuation) }
                task.resume()
            }
        } onCancel: {
            task.cancel()
        }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        let tooLarge = response.expectedContentLength > Int64(limit)
        pending.withLock {
            $0[dataTask.taskIdentifier]?.response = response
            if tooLarge { $0[dataTask.taskIdentifier]?.tooLarge = true }
            if !tooLarge, response.expectedContentLength > 0 {
                $0[dataTask.taskIdentifier]?.body.reserveCapacity(Int(response.expectedContentLength))
            }
        }
        completionHandler(tooLarge ? .cancel : .allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        // In place: a copy of the entry would share the body and copy all of it at each chunk.
        let id = dataTask.taskIdentifier
        let over = pending.withLock { state -> Bool in
            guard state[id]?.tooLarge == false, let count = state[id]?.body.count else { return false }
            if count + data.count > limit {
                state[id]?.tooLarge = true
                state[id]?.body = []
                return true
            }
            state[id]?.body.append(contentsOf: data)
            return false
        }
        if over { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let entry = pending.withLock({ $0.removeValue(forKey: task.taskIdentifier) }) else { return }
        if entry.tooLarge {
            entry.continuation.resume(throwing: Stop.tooLarge(status: (entry.response as? HTTPURLResponse)?.statusCode))
        } else if let error {
            entry.continuation.resume(throwing: error)
        } else if let response = entry.response ?? task.response {
            entry.continuation.resume(returning: (response, entry.body))
        } else {
            entry.continuation.resume(throwing: URLError(.badServerResponse))
        }
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        let from = task.originalRequest?.url
        let to = request.url
        let same = from?.scheme == to?.scheme && from?.host == to?.host && from?.port == to?.port
        completionHandler(same ? request : nil)
    }
}
