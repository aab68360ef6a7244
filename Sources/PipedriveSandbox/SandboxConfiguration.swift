import Foundation

/// How to run a sandbox.
public struct SandboxConfiguration: Sendable {
    /// An IPv4 address; the default keeps the sandbox private to this machine.
    public var host: String
    /// 0 picks a free port.
    public var port: Int
    public var generation: GenerationOptions
    /// The admin's API token; nil uses the documented demo token derived from the seed.
    public var apiToken: String?
    public var rateLimits: RateLimits
    public var faults: [FaultRule]
    /// Added to every answer.
    public var latencyMilliseconds: Int
    public var oauth: OAuthServerSettings
    /// Echo each request-log line to stderr.
    public var logToStandardError: Bool
    /// The endpoints; `Router.pipedrive()` unless a test brings its own.
    public var router: Router
    /// Serve this account instead of generating one from `generation`.
    public var store: Store?
    /// Seconds since 1970 for rate-limit windows, the daily budget and OAuth lifetimes; tests pass a manual clock.
    public var clock: @Sendable () -> Double

    public init(
        host: String = "127.0.0.1", port: Int = 0, generation: GenerationOptions = GenerationOptions(),
        apiToken: String? = nil, rateLimits: RateLimits = .relaxed, faults: [FaultRule] = [],
        latencyMilliseconds: Int = 0, oauth: OAuthServerSettings = OAuthServerSettings(), logToStandardError: Bool = false,
        router: Router = .pipedrive(), store: Store? = nil,
        clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.host = host
        self.port = port
        self.generation = generation
        self.apiToken = apiToken
        self.rateLimits = rateLimits
        self.faults = faults
        self.latencyMilliseconds = latencyMilliseconds
        self.oauth = oauth
        self.logToStandardError = logToStandardError
        self.router = router
        self.store = store
        self.clock = clock
    }
}
