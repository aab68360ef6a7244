import Foundation
import JSONValue
import PipedriveSandbox

@testable import PipedriveEngine

/// A real sandbox served over HTTP on a free port, and sessions that talk to it.
final class SandboxFixture: Sendable {
    let server: SandboxServer

    init(seed: UInt64 = 7, faults: [FaultRule] = [], rateLimits: RateLimits = .relaxed) throws {
        server = try SandboxServer.start(
            SandboxConfiguration(generation: GenerationOptions(seed: seed), rateLimits: rateLimits, faults: faults))
    }

    /// A sandbox serving `store` as it is.
    init(store: Store) throws {
        server = try SandboxServer.start(SandboxConfiguration(store: store))
    }

    deinit { server.stop() }

    var baseURL: URL { URL(string: server.baseURL)! }

    /// Retries kept short so the tests stay fast; `Retry-After` is still honoured.
    static let quickRetry = RetryPolicy(maxAttempts: 4, baseDelay: 0.05, maxDelay: 5)

    func session(token: String? = nil, version: PipedriveEngine.APIVersion? = nil, readOnly: Bool = false) -> Session {
        let settings = ConnectionSettings(
            baseURL: baseURL, credential: .apiToken(token ?? server.apiToken), profileName: "test", readOnly: readOnly)
        return Session(settings: settings, apiVersion: version, retry: Self.quickRetry)
    }

    /// The requests the sandbox saw, as `METHOD /path`, in order.
    var calls: [String] { server.requestLog.map { "\($0.method) \($0.path)" } }

    /// The writes the sandbox saw, `METHOD /path?query`.
    var writes: [String] {
        server.requestLog.filter { $0.method != "GET" }.map { "\($0.method) \($0.path)" + ($0.query.isEmpty ? "" : "?\($0.query)") }
    }

    /// The live rows of a store table, in id order.
    func rows(_ entity: String) -> [JSON] {
        server.withStore { store in store[entity].all }
    }
}
