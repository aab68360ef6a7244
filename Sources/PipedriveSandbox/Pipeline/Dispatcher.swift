import Foundation
import JSONValue
import Synchronization

/// The sandbox's request pipeline: route → auth → rate limit → fault and latency → handler → headers and log.
final class Dispatcher: Sendable {
    private let router: Router
    let store: Mutex<Store>
    let gate: Mutex<Gate>
    let log: RequestLog
    private let baseLatency: Mutex<Int>
    /// Set once the server knows its port; OAuth answers it as `api_domain`.
    let apiDomain: Mutex<String>
    let clock: @Sendable () -> Double

    /// Everything decided before a handler runs, behind one lock.
    struct Gate: Sendable {
        var credentials: IssuedCredentials
        var limiter: RateLimiter
        var faults: FaultPlan
    }

    init(configuration: SandboxConfiguration, store: Store, apiToken: String) {
        router = configuration.router
        self.store = Mutex(store)
        gate = Mutex(
            Gate(
                credentials: IssuedCredentials(apiTokens: [apiToken: 1], oauth: OAuthState(settings: configuration.oauth)),
                limiter: RateLimiter(limits: configuration.rateLimits), faults: FaultPlan(rules: configuration.faults)))
        log = RequestLog(echoToStandardError: configuration.logToStandardError)
        baseLatency = Mutex(configuration.latencyMilliseconds)
        apiDomain = Mutex("")
        clock = configuration.clock
    }

    var latencyMilliseconds: Int {
        get { baseLatency.withLock { $0 } }
        set { baseLatency.withLock { $0 = newValue } }
    }

    func handle(_ request: SandboxRequest, rawQuery: String) -> Delivery {
        let now = clock()
        var entry = RequestLogEntry(
            method: request.method, path: request.path, query: RequestLogEntry.redact(rawQuery), status: 0, tokenCost: 0)
        let delivery = deliver(request, now: now, entry: &entry)
        // A hang never answers; a reset sent its status line before the body broke off.
        if case .hang = delivery.network { entry.status = 0 } else { entry.status = delivery.response.status }
        log.record(entry)
        return delivery
    }

    private func deliver(_ request: SandboxRequest, now: Double, entry: inout RequestLogEntry) -> Delivery {
        let latency = latencyMilliseconds
        if OAuthEndpoints.handles(request.path) {
            let domain = apiDomain.withLock { $0 }
            let response = gate.withLock { OAuthEndpoints.respond(to: request, state: &$0.credentials.oauth, apiDomain: domain, now: now) }
            return Delivery(response: response, delayMilliseconds: latency)
        }

        let identity = gate.withLock { $0.credentials.authenticate(headers: request.headers, query: request.query, now: now) }
        let route: Route
        let pathParams: [String: String]
        switch router.resolve(method: request.method, path: request.path) {
        case .notFound:
            return routingError(APIError(status: 404, message: "Unknown endpoint: \(request.method) \(request.path)"), identity, now, latency)
        case .methodNotAllowed:
            return routingError(
                APIError(status: 405, message: "Method \(request.method) is not allowed for \(request.path)"), identity, now, latency)
        case .found(let found, let params):
            route = found
            pathParams = params
        }
        guard let identity else { return Delivery(response: IssuedCredentials.unauthorized, delayMilliseconds: latency) }

        let cost = TokenCost.of(method: route.method, version: route.version, pattern: route.pattern)
        let (decision, planned) = gate.withLock { gate in
            let decision = gate.limiter.admit(
                credential: identity.credential, oauth: identity.kind == .oauth, search: TokenCost.isSearch(route.pattern),
                write: route.method == "POST" || route.method == "PUT", cost: cost, now: now)
            return (decision, decision.admitted ? gate.faults.next(method: request.method, path: request.path) : FaultPlan.Outcome())
        }
        guard decision.admitted else {
            var response = FaultResponses.rateLimited(retryAfter: decision.retryAfter ?? 1)
            response.headers += decision.headers
            return Delivery(response: response, delayMilliseconds: latency)
        }
        entry.tokenCost = cost
        var delivery = Delivery(response: SandboxResponse(status: 200), delayMilliseconds: latency + planned.latencyMilliseconds)
        if let fault = planned.fault { entry.fault = "\(fault)" }

        switch planned.fault {
        case .serverError(let status): delivery.response = FaultResponses.serverError(status)
        case .rateLimited: delivery.response = FaultResponses.rateLimited(retryAfter: 2)
        case .htmlForbidden: delivery.response = FaultResponses.htmlForbidden
        case .hang(let milliseconds): delivery.network = .hang(milliseconds: milliseconds)
        case .resetMidBody:
            delivery.response = run(route, request, pathParams, identity)
            delivery.network = .resetMidBody
        case .malformedJSON: delivery.response = FaultResponses.truncated(run(route, request, pathParams, identity))
        case .latency, nil: delivery.response = run(route, request, pathParams, identity)
        }
        if planned.fault == .rateLimited {
            delivery.response.headers += decision.headers.map { $0.0 == "x-ratelimit-remaining" ? ($0.0, "0") : $0 }
        } else {
            delivery.response.headers += decision.headers
        }
        return delivery
    }

    /// Runs the handler. A read runs on a snapshot of the store (its tables are copy-on-write) outside the
    /// lock, so reads in parallel are answered side by side, as Pipedrive's servers do (no read route changes
    /// the store). A write runs with the store locked, on a draft that replaces the store only on success,
    /// so a refused request changes nothing.
    private func run(_ route: Route, _ request: SandboxRequest, _ pathParams: [String: String], _ identity: Identity)
        -> SandboxResponse
    {
        let context = RouteContext(request: request, version: route.version, pathParams: pathParams, userID: identity.userID)
        if request.method == "GET" || request.method == "HEAD" {
            var snapshot = store.withLock { $0 }
            do throws(APIError) { return try route.handler(context, &snapshot) } catch { return error.response }
        }
        return store.withLock { store -> SandboxResponse in
            var draft = store
            do throws(APIError) {
                let response = try route.handler(context, &draft)
                store = draft
                return response
            } catch {
                return error.response
            }
        }
    }

    /// 404 and 405 are answered before authentication and cost nothing; a valid credential still sees its limits.
    private func routingError(_ error: APIError, _ identity: Identity?, _ now: Double, _ latency: Int) -> Delivery {
        var response = error.response
        if let identity {
            response.headers += gate.withLock { $0.limiter.peek(credential: identity.credential, oauth: identity.kind == .oauth, now: now) }
        }
        return Delivery(response: response, delayMilliseconds: latency)
    }
}
