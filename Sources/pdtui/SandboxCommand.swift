import ArgumentParser
import Foundation
import PipedriveSandbox
import PipedriveSandboxServer

/// `pdtui sandbox`: serves a local Pipedrive until SIGINT or SIGTERM.
struct SandboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox", abstract: "Serve a local Pipedrive.",
        discussion: """
            When ready, prints `base_url=http://HOST:PORT` and `api_token=TOKEN` on stdout. The token is the admin's \
            (user 1) and depends only on the seed. OAuth: client `sandbox-client`, secret `sandbox-secret`, \
            redirect URI `http://127.0.0.1/oauth/callback`, at /oauth/authorize and /oauth/token.
            Faults: --fault 'KIND[,method=GET][,path=/api/v2/deals/{id}][,nth=N][,always]' where KIND is 500, 502, 503, \
            429, reset, malformed-json, html-403, hang[=MS] or latency=MS. Without nth the first matching request fails.
            """)

    @Option(help: "The IPv4 address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port; 0 picks a free one.") var port = 0
    @Option(help: "The seed of the generated account.") var seed: UInt64 = 1
    @Option(help: "Multiplies the account's size.") var scale = 1
    @Flag(help: "Add hostile values: escape sequences, control characters, very long strings.") var hostile = false
    @Option(help: "Milliseconds added to every answer.") var latency = 0
    @Option(help: "A fault to inject (repeatable); see above.") var fault: [String] = []
    @Flag(help: "Pipedrive's Growth-plan limits: 40 requests (OAuth 160) and 10 searches per 2 s, 60,000 tokens a day.")
    var strictRateLimits = false
    @Option(help: "Requests per 2 s per API token (overrides the default or --strict-rate-limits).") var burstLimit: Int?
    @Option(help: "Search requests per 2 s per token.") var searchBurstLimit: Int?
    @Option(help: "Tokens per UTC day for the company.") var dailyTokenBudget: Int?
    @Flag(help: "Print each request (method, path, redacted query, status, token cost) to stderr.") var logRequests = false

    func run() throws {
        var limits = strictRateLimits ? RateLimits.pipedriveGrowth : .relaxed
        if let burstLimit { limits.burst = burstLimit }
        if let searchBurstLimit { limits.searchBurst = searchBurstLimit }
        if let dailyTokenBudget { limits.dailyTokens = dailyTokenBudget }
        guard scale >= 1 else { throw ValidationError("--scale must be 1 or more.") }
        let faults: [FaultRule]
        do { faults = try fault.map { text throws(FaultParseError) in try FaultRule(parsing: text) } } catch {
            throw ValidationError(error.description)
        }

        // Signals are taken on a queue rather than by a handler, so stopping runs ordinary code.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let stopRequested = DispatchSemaphore(value: 0)
        let sources = [SIGINT, SIGTERM].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stopRequested.signal() }
            source.resume()
            return source
        }

        let server = try SandboxServer.start(
            SandboxConfiguration(
                host: host, port: port, generation: GenerationOptions(seed: seed, scale: scale, hostile: hostile),
                rateLimits: limits, faults: faults, latencyMilliseconds: latency, logToStandardError: logRequests))
        // Written straight to the descriptor (no buffering), so a parent process sees the lines at once.
        FileHandle.standardOutput.write(Data("base_url=\(server.baseURL)\napi_token=\(server.apiToken)\n".utf8))
        stopRequested.wait()
        server.stop()
        sources.forEach { $0.cancel() }
    }
}
