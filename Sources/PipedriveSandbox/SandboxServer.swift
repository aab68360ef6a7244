import Foundation
import JSONValue

/// A running local Pipedrive: generates the account, serves it over HTTP until `stop()`.
///
/// ```swift
/// let server = try SandboxServer.start(SandboxConfiguration(generation: GenerationOptions(seed: 7)))
/// defer { server.stop() }
/// // GET \(server.baseURL)/api/v2/deals with the header x-api-token: \(server.apiToken)
/// ```
public final class SandboxServer: Sendable {
    /// `http://HOST:PORT`, without a trailing slash.
    public let baseURL: String
    /// The admin's (user 1) API token.
    public let apiToken: String
    public let port: Int
    /// Seconds spent generating the account and opening the socket.
    public let startSeconds: Double
    private let dispatcher: Dispatcher
    private let http: HTTPServer

    private init(dispatcher: Dispatcher, http: HTTPServer, baseURL: String, apiToken: String, startSeconds: Double) {
        self.dispatcher = dispatcher
        self.http = http
        self.baseURL = baseURL
        self.apiToken = apiToken
        self.port = http.port
        self.startSeconds = startSeconds
    }

    /// Generates the account and starts serving; returns once the socket accepts connections.
    public static func start(_ configuration: SandboxConfiguration = SandboxConfiguration()) throws -> SandboxServer {
        let started = Date()
        let store = configuration.store ?? AccountGenerator.generate(configuration.generation)
        let token = configuration.apiToken ?? demoAPIToken(seed: configuration.generation.seed)
        let dispatcher = Dispatcher(configuration: configuration, store: store, apiToken: token)
        let http = try HTTPServer(host: configuration.host, port: configuration.port) { request, rawQuery in
            dispatcher.handle(request, rawQuery: rawQuery)
        }
        let baseURL = "http://\(configuration.host):\(http.port)"
        dispatcher.apiDomain.withLock { $0 = baseURL }
        return SandboxServer(
            dispatcher: dispatcher, http: http, baseURL: baseURL, apiToken: token,
            startSeconds: Date().timeIntervalSince(started))
    }

    /// The demo token of the account generated from `seed`: 40 hex characters derived from the seed alone.
    public static func demoAPIToken(seed: UInt64) -> String { Credentials.demoToken(seed: seed) }

    /// Stops serving and closes every connection. Safe to call twice.
    public func stop() { http.stop() }

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
        client: OAuthClient = OAuthSettings.demoClient, userID: Int = 1, redirectURI: String? = nil
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
