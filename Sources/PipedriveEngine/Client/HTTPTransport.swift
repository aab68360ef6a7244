import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What sends one HTTP request and hands back the raw response: `Transport` over the network, or a
/// stand-in that answers in the same process (the tests' sandbox without sockets). Failures are
/// `Transport.Failure`s, so the client tells "not sent" from "maybe sent" the same way for both.
public protocol HTTPTransport: Sendable {
    /// Seconds a request may take, which the client also puts on each request.
    var timeout: TimeInterval { get }
    func send(_ request: URLRequest) async throws -> HTTPResponse
    /// Sends a GET whose 2xx body is written to a temporary file (returned; the response's body is then empty).
    func download(_ request: URLRequest) async throws -> (response: HTTPResponse, file: URL?)
}

extension Transport: HTTPTransport {}
