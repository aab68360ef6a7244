import Foundation
import JSONValue
import Synchronization
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A parsed answer: status, headers (names lower-cased) and the JSON body (`null` for an empty body).
public struct APIResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var json: JSON
}

/// Performs `APIRequest`s against one company: adds the base URL and credentials, repeats what is safe
/// to repeat, turns failures into `PipedriveError`s and keeps the rate-limit budget.
public final class PipedriveClient: Sendable {
    public let baseURL: URL
    public let retry: RetryPolicy
    let credentials: Credentials
    let transport: any HTTPTransport
    private let budget = Mutex(RateLimitBudget())

    public init(baseURL: URL, credentials: Credentials, transport: any HTTPTransport = Transport(), retry: RetryPolicy = RetryPolicy()) {
        self.baseURL = baseURL
        self.credentials = credentials
        self.transport = transport
        self.retry = retry
    }

    /// What the latest response said about the rate limits.
    public var rateLimit: RateLimitBudget { budget.withLock { $0 } }

    /// Sends `request` and parses its JSON answer, repeating a read (and a write refused with 429) per `retry`.
    /// A write's 2xx is done whatever its body: one that is not JSON comes back as `null`.
    /// Throws `PipedriveError`, or `CancellationError` when the task is cancelled.
    public func send(_ request: APIRequest) async throws -> APIResponse {
        try await decoding(request) { [self] response, secrets in
            try parse(response, what: RequestEncoding.describe(request), method: request.method, secrets: secrets)
        }
    }

    /// Sends a read and returns its 2xx body as `decode` makes it; a body `decode` refuses (throws) is
    /// repeated and reported as `send` does a body that is not JSON.
    public func read<Decoded>(_ request: APIRequest, decode: @escaping ([UInt8]) throws -> Decoded) async throws -> Decoded {
        try await decoding(request) { response, secrets in
            do {
                return try decode(response.body)
            } catch {
                throw Malformed(error: ErrorMapping.malformed(response, what: RequestEncoding.describe(request), redacting: secrets))
            }
        }
    }

    /// Sends `request` and returns what `decode` makes of its 2xx answer (a `Malformed` it throws is repeated, then reported).
    private func decoding<Decoded>(
        _ request: APIRequest, _ decode: @escaping (HTTPResponse, [String]) throws -> Decoded
    ) async throws -> Decoded {
        var decoded: Decoded?
        _ = try await perform(request) { [self] urlRequest, secrets in
            let response = try await transport.send(urlRequest)
            if response.isSuccess { decoded = try decode(response, secrets) }
            return response
        }
        return decoded!
    }

    /// Sends `request` and returns the body's bytes as they came (a file download).
    public func download(_ request: APIRequest) async throws -> [UInt8] {
        try await perform(request).response.body
    }

    /// Sends `request` (a GET) and returns the temporary file its body was written to as it arrived; the
    /// caller moves or removes it.
    public func downloadToFile(_ request: APIRequest) async throws -> URL {
        var file: URL?
        _ = try await perform(request) { urlRequest, _ in
            let (response, written) = try await self.transport.download(urlRequest)
            file = written
            return response
        }
        guard let file else { throw PipedriveError(.malformedResponse, "\(RequestEncoding.describe(request)) returned no body.") }
        return file
    }

    /// The first 2xx response, with the credential's secrets (to keep them out of error messages).
    /// `exchange` sends one attempt (`transport.send` unless given); a `Malformed` it throws for a read is
    /// repeated like a dropped connection.
    private func perform(
        _ request: APIRequest, exchange: ((URLRequest, [String]) async throws -> HTTPResponse)? = nil
    ) async throws -> (response: HTTPResponse, secrets: [String]) {
        let what = RequestEncoding.describe(request)
        var attempt = 1
        var refreshed = false
        while true {
            try Task.checkCancellation()
            let authorization = try await credentials.authorization()
            // The header's value, and the bare token of a `Bearer` one: neither may reach a message.
            let token = String(authorization.value.trimmingPrefix("Bearer "))
            let secrets = [authorization.value, token]
            let urlRequest = try RequestEncoding.urlRequest(
                request, baseURL: baseURL, authorization: authorization, timeout: transport.timeout)
            let response: HTTPResponse
            do {
                if let exchange { response = try await exchange(urlRequest, secrets) } else { response = try await transport.send(urlRequest) }
            } catch let malformed as Malformed {
                if let delay = retry.delay(method: request.method, attempt: attempt, outcome: .malformedBody) {
                    try await Self.sleep(delay)
                    attempt += 1
                    continue
                }
                throw malformed.error
            } catch let Transport.Failure.tooLarge(limit, host, _) {
                throw Self.tooLargeError(what: what, method: request.method, limit: limit, host: host)
            } catch let Transport.Failure.transport(reason, host, sent, timedOut) {
                if let delay = retry.delay(method: request.method, attempt: attempt, outcome: .transportFailure(sent: sent)) {
                    try await Self.sleep(delay)
                    attempt += 1
                    continue
                }
                throw Self.transportError(what: what, method: request.method, reason: reason, host: host, sent: sent, timedOut: timedOut)
            }
            budget.withLock {
                $0 = $0.updated(with: response.headers)
                // A request refused by a limit or for its credential is not charged.
                if response.status != 429, response.status != 401 { $0.sessionTokens += TokenCosts.of(request) }
            }
            if response.isSuccess { return (response, secrets) }
            // A refused OAuth token did nothing, so the request (even a write) can go again once with a new one.
            if response.status == 401, !refreshed, case .oauth(let session) = credentials {
                refreshed = true
                _ = try await session.accessToken(replacing: token)
                continue
            }
            if let delay = retry.delay(
                method: request.method, attempt: attempt, outcome: .response(status: response.status, headers: response.headers))
            {
                try await Self.sleep(delay)
                attempt += 1
                continue
            }
            throw ErrorMapping.error(for: response, what: what, method: request.method, redacting: secrets)
        }
    }

    /// A 2xx's JSON. An empty body (some deletes) and a write's body that is not JSON are `null`: the write
    /// was done. A read's body that is not JSON throws `Malformed`.
    private func parse(_ response: HTTPResponse, what: String, method: HTTPMethod, secrets: [String]) throws -> APIResponse {
        let blank = response.body.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        if !blank, let json = try? JSON(parsing: response.body), json.objectValue != nil {
            return APIResponse(status: response.status, headers: response.headers, json: json)
        }
        guard blank || method != .get else { throw Malformed(error: ErrorMapping.malformed(response, what: what, redacting: secrets)) }
        return APIResponse(status: response.status, headers: response.headers, json: .null)
    }

    /// A read's 2xx that is not JSON: repeated, then reported.
    struct Malformed: Error {
        let error: PipedriveError
    }

    static func tooLargeError(what: String, method: HTTPMethod, limit: Int, host: String) -> PipedriveError {
        let size = limit >= 1 << 20 ? "\(limit >> 20) MiB" : "\(limit) bytes"
        if method != .get {
            return PipedriveError(
                .outcomeUnknown,
                "The answer to \(what) from \(host) was longer than \(size), pdtui's limit for one answer, so it was not read: the change may or may not have been done. It was not repeated; pdtui checks the record before sending it again.")
        }
        return PipedriveError(
            .malformedResponse,
            "The answer to \(what) from \(host) was longer than \(size), pdtui's limit for one answer, so it was not read. Ask for fewer rows, or check that the base URL points at Pipedrive.")
    }

    static func transportError(
        what: String, method: HTTPMethod, reason: String, host: String, sent: Bool, timedOut: Bool
    ) -> PipedriveError {
        if method != .get && sent {
            let cause = timedOut ? "no answer came in time" : reason
            return PipedriveError(
                .outcomeUnknown,
                "\(what) may or may not have been done: \(cause) after it was sent to \(host). It was not repeated; pdtui checks the record in Pipedrive before sending it again.")
        }
        return PipedriveError(.network, "Could not reach \(host): \(reason). Check the network and the base URL.")
    }

    static func sleep(_ seconds: Double) async throws {
        try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
    }
}
