import Foundation
import PipedriveEngine
import PipedriveSandbox
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Hands the engine's requests to a sandbox in the same process: no socket, no HTTP parsing, the same
/// dispatcher (routing, auth, limits, faults, log) a served sandbox uses. Latency is waited out; a hang
/// ends in a timeout and a reset mid-body in a dropped connection, as the network transport reports them.
public struct InProcessTransport: HTTPTransport {
    public let sandbox: Sandbox
    public let timeout: TimeInterval

    public init(_ sandbox: Sandbox, timeout: TimeInterval = 30) {
        self.sandbox = sandbox
        self.timeout = timeout
    }

    public func send(_ request: URLRequest) async throws -> HTTPResponse {
        guard let url = request.url, let parts = URLComponents(url: url, resolvingAgainstBaseURL: false) else {
            throw Transport.Failure.transport(reason: "no URL", host: "the sandbox", sent: false, timedOut: false)
        }
        let host = url.host ?? "the sandbox"
        try Task.checkCancellation()
        let target = parts.percentEncodedPath + (parts.percentEncodedQuery.map { "?" + $0 } ?? "")
        let delivery = sandbox.answer(
            method: request.httpMethod ?? "GET", target: target, headers: request.allHTTPHeaderFields ?? [:],
            body: request.httpBody.map(Array.init) ?? [])
        let limit = Int(timeout * 1000)
        switch delivery.network {
        case .hang(let milliseconds):
            try await Task.sleep(for: .milliseconds(min(milliseconds, limit)))
            let timedOut = milliseconds >= limit
            throw Transport.Failure.transport(
                reason: timedOut ? "no answer within the timeout" : "the connection dropped", host: host, sent: true, timedOut: timedOut)
        case .resetMidBody:
            throw Transport.Failure.transport(reason: "the connection dropped", host: host, sent: true, timedOut: false)
        case .none:
            if delivery.delayMilliseconds > 0 { try await Task.sleep(for: .milliseconds(min(delivery.delayMilliseconds, limit))) }
            let headers = Dictionary(delivery.response.headers.map { ($0.0.lowercased(), $0.1) }) { $1 }
            return HTTPResponse(status: delivery.response.status, headers: headers, body: delivery.response.body)
        }
    }

    /// A 2xx body goes to a temporary file, as the network transport's download does.
    public func download(_ request: URLRequest) async throws -> (response: HTTPResponse, file: URL?) {
        var response = try await send(request)
        guard response.isSuccess else { return (response, nil) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pdtui-download-\(UUID().uuidString)")
        try Data(response.body).write(to: file)
        response.body = []
        return (response, file)
    }
}
