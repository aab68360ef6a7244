import Foundation
import JSONValue
import PipedriveEngine
import PipedriveSandbox

/// A real sandbox served over HTTP on a free port, and sessions that talk to it: over the socket, or
/// (`inProcess`) straight to its dispatcher, for suites where the socket adds nothing but time.
public final class SandboxFixture: Sendable {
    public let server: SandboxServer
    /// Sessions hand their requests to the sandbox in this process instead of over the socket.
    public let inProcess: Bool

    public init(
        seed: UInt64 = 7, faults: [FaultRule] = [], rateLimits: RateLimits = .relaxed, inProcess: Bool = false
    ) throws {
        server = try SandboxServer.start(
            SandboxConfiguration(generation: GenerationOptions(seed: seed), rateLimits: rateLimits, faults: faults))
        self.inProcess = inProcess
    }

    /// A sandbox serving `store` as it is.
    public init(store: Store, inProcess: Bool = false) throws {
        server = try SandboxServer.start(SandboxConfiguration(store: store))
        self.inProcess = inProcess
    }

    deinit { server.stop() }

    public var baseURL: URL { URL(string: server.baseURL)! }

    /// Retries kept short so the tests stay fast; `Retry-After` is still honoured.
    public static let quickRetry = RetryPolicy(maxAttempts: 4, baseDelay: 0.05, maxDelay: 5)
    static let timeout: TimeInterval = 600

    public func session(
        token: String? = nil, version: PipedriveEngine.APIVersion? = nil, readOnly: Bool = false, schemaCache: SchemaCacheFolder? = nil
    ) -> Session {
        let settings = ConnectionSettings(
            baseURL: baseURL, credential: .apiToken(token ?? server.apiToken), profileName: "test", readOnly: readOnly)
        // A machine loaded by the whole suite can hold an answer past the app's 30 s; tests of timeouts make their own.
        let transport: any HTTPTransport =
            inProcess ? InProcessTransport(server.sandbox, timeout: Self.timeout) : Transport(timeout: Self.timeout)
        return Session(settings: settings, apiVersion: version, transport: transport, retry: Self.quickRetry, schemaCache: schemaCache)
    }

    /// The requests the sandbox saw, as `METHOD /path`, in order.
    public var calls: [String] { server.requestLog.map { "\($0.method) \($0.path)" } }

    /// The writes the sandbox saw, `METHOD /path?query`.
    public var writes: [String] {
        server.requestLog.filter { $0.method != "GET" }.map { "\($0.method) \($0.path)" + ($0.query.isEmpty ? "" : "?\($0.query)") }
    }

    /// The live rows of a store table, in id order.
    public func rows(_ entity: String) -> [JSON] {
        server.withStore { store in store[entity].all }
    }
}
