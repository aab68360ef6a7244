import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends one HTTP request with URLSession and hands back the raw response. No retries, no parsing.
///
/// The session keeps nothing on disk (no cache, no cookies) and refuses redirects to another host,
/// so a credential header never leaves the host it was meant for.
public final class Transport: Sendable {
    let session: URLSession
    public let timeout: TimeInterval

    public init(timeout: TimeInterval = 30) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.timeoutIntervalForRequest = timeout
        configuration.httpMaximumConnectionsPerHost = 4
        self.session = URLSession(configuration: configuration, delegate: SameHostRedirects(), delegateQueue: nil)
        self.timeout = timeout
    }

    public enum Failure: Error, Sendable {
        /// `sent` is false when the request cannot have reached the server (no connection was made).
        case transport(reason: String, host: String, sent: Bool, timedOut: Bool)
    }

    public func send(_ request: URLRequest) async throws -> HTTPResponse {
        try await exchange(request) {
            let (data, response) = try await session.data(for: request)
            return (response, [UInt8](data))
        }
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
            var headers: [String: String] = [:]
            for (name, value) in http.allHeaderFields {
                if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
            }
            return HTTPResponse(status: http.statusCode, headers: headers, body: body)
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

/// Follows a redirect only within the same scheme, host and port.
final class SameHostRedirects: NSObject, URLSessionTaskDelegate, Sendable {
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
