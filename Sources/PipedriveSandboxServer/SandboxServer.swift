import Foundation
import JSONValue
import PipedriveSandbox

/// A running local Pipedrive: a `Sandbox` served over HTTP until `stop()`.
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
    /// The account and its request pipeline.
    public let sandbox: Sandbox
    private let http: HTTPServer

    private init(sandbox: Sandbox, http: HTTPServer, baseURL: String, startSeconds: Double) {
        self.sandbox = sandbox
        self.http = http
        self.baseURL = baseURL
        self.apiToken = sandbox.apiToken
        self.port = http.port
        self.startSeconds = startSeconds
    }

    /// Generates the account and starts serving; returns once the socket accepts connections.
    public static func start(_ configuration: SandboxConfiguration = SandboxConfiguration()) throws -> SandboxServer {
        let started = Date()
        let sandbox = Sandbox(configuration)
        let http = try HTTPServer(host: configuration.host, port: configuration.port) { request, rawQuery in
            sandbox.answer(request, rawQuery: rawQuery)
        }
        let baseURL = "http://\(configuration.host):\(http.port)"
        sandbox.setAPIDomain(baseURL)
        return SandboxServer(sandbox: sandbox, http: http, baseURL: baseURL, startSeconds: Date().timeIntervalSince(started))
    }

    /// The demo token of the account generated from `seed`: 40 hex characters derived from the seed alone.
    public static func demoAPIToken(seed: UInt64) -> String { Sandbox.demoAPIToken(seed: seed) }

    /// Stops serving and closes every connection. Safe to call twice.
    public func stop() { http.stop() }

    // The sandbox's controls, for those who hold the server.

    public func withStore<Result: Sendable>(_ body: (inout Store) throws -> Result) rethrows -> Result { try sandbox.withStore(body) }

    public func addAPIToken(_ token: String, userID: Int) { sandbox.addAPIToken(token, userID: userID) }

    public func mintAuthorizationCode(
        client: RegisteredApp = OAuthServerSettings.demoClient, userID: Int = 1, redirectURI: String? = nil
    ) -> String {
        sandbox.mintAuthorizationCode(client: client, userID: userID, redirectURI: redirectURI)
    }

    public func addFault(_ rule: FaultRule) { sandbox.addFault(rule) }

    public func removeAllFaults() { sandbox.removeAllFaults() }

    public var latencyMilliseconds: Int {
        get { sandbox.latencyMilliseconds }
        set { sandbox.latencyMilliseconds = newValue }
    }

    public func setRateLimits(_ limits: RateLimits) { sandbox.setRateLimits(limits) }

    public var requestLog: [RequestLogEntry] { sandbox.requestLog }

    public func clearRequestLog() { sandbox.clearRequestLog() }
}
