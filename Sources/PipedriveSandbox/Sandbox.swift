import Foundation
import JSONValue

/// A local Pipedrive without sockets: the generated account and the request pipeline (routing, auth, rate
/// limits, faults, the request log). `SandboxServer` serves one over HTTP; a test may hand it requests in
/// the same process (`answer`), with no socket in between.
public final class Sandbox: Sendable {
    /// The admin's (user 1) API token.
    public let apiToken: String
    let dispatcher: Dispatcher

    /// Generates the account (or takes `configuration.store`).
    public init(_ configuration: SandboxConfiguration = SandboxConfiguration()) {
        let store = configuration.store ?? AccountGenerator.generate(configuration.generation)
        apiToken = configuration.apiToken ?? Self.demoAPIToken(seed: configuration.generation.seed)
        dispatcher = Dispatcher(configuration: configuration, store: store, apiToken: apiToken)
    }

    /// The demo token of the account generated from `seed`: 40 hex characters derived from the seed alone.
    public static func demoAPIToken(seed: UInt64) -> String { IssuedCredentials.demoToken(seed: seed) }

    /// The answer to a request as the HTTP server read it.
    package func answer(_ request: SandboxRequest, rawQuery: String) -> Delivery { dispatcher.handle(request, rawQuery: rawQuery) }

    /// The answer to one request: `target` is the path and query as sent (percent-encoded), header names
    /// in any case.
    public func answer(method: String, target: String, headers: [String: String], body: [UInt8]) -> Delivery {
        let (path, query, rawQuery) = HTTPMessage.splitTarget(target)
        let lowered = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }) { $1 }
        return answer(SandboxRequest(method: method, path: path, query: query, headers: lowered, body: body), rawQuery: rawQuery)
    }

    /// The origin OAuth answers as `api_domain` (the server's `http://HOST:PORT`).
    public func setAPIDomain(_ origin: String) { dispatcher.apiDomain.withLock { $0 = origin } }

    /// Reads or changes the account under the same lock requests use.
    public func withStore<Result: Sendable>(_ body: (inout Store) throws -> Result) rethrows -> Result {
        try dispatcher.store.withLock { store in try body(&store) }
    }

    // MARK: Credentials

    /// Issues another API token for `userID`, e.g. to act as a non-admin user.
    public func addAPIToken(_ token: String, userID: Int) {
        dispatcher.gate.withLock { $0.credentials.apiTokens[token] = userID }
    }

    /// An authorization code for `client`, as `/oauth/authorize` would hand out after the user approved.
    public func mintAuthorizationCode(
        client: RegisteredApp = OAuthServerSettings.demoClient, userID: Int = 1, redirectURI: String? = nil
    ) -> String {
        dispatcher.gate.withLock {
            $0.credentials.oauth.mintCode(
                clientID: client.id, userID: userID, redirectURI: redirectURI ?? client.redirectURI,
                now: dispatcher.clock())
        }
    }

    // MARK: Faults, latency, limits

    public func addFault(_ rule: FaultRule) { dispatcher.gate.withLock { $0.faults.add(rule) } }

    public func removeAllFaults() { dispatcher.gate.withLock { $0.faults.removeAll() } }

    /// Milliseconds added to every answer.
    public var latencyMilliseconds: Int {
        get { dispatcher.latencyMilliseconds }
        set { dispatcher.latencyMilliseconds = newValue }
    }

    /// Replaces the limits; what was already spent today stays spent.
    public func setRateLimits(_ limits: RateLimits) { dispatcher.gate.withLock { $0.limiter.limits = limits } }

    // MARK: Request log

    /// Every request so far (the most recent 100,000), oldest first, with credentials redacted.
    public var requestLog: [RequestLogEntry] { dispatcher.log.all }

    public func clearRequestLog() { dispatcher.log.clear() }
}
