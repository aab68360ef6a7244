import Foundation
import Synchronization

/// One request as the sandbox saw it. Credentials never appear: headers are not kept and the values of
/// query parameters that carry tokens are replaced by `REDACTED`.
public struct RequestLogEntry: Sendable, Equatable, CustomStringConvertible {
    public var method: String
    public var path: String
    /// The raw query string, redacted; empty when there was none.
    public var query: String
    public var status: Int
    /// Tokens charged against the daily budget (0 when the request was refused before being charged).
    public var tokenCost: Int
    /// The fault the sandbox injected, if any.
    public var fault: String?

    public var description: String {
        let target = query.isEmpty ? path : path + "?" + query
        return "\(method) \(target) \(status) cost=\(tokenCost)" + (fault.map { " fault=\($0)" } ?? "")
    }

    /// Query parameters whose names contain one of these have their values redacted.
    static let secretNames = ["token", "secret", "password"]

    static func redact(_ rawQuery: String) -> String {
        rawQuery.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let (name, _) = HTTPMessage.splitPair(pair)
            let decoded = HTTPMessage.percentDecode(name, plusIsSpace: true).lowercased()
            return secretNames.contains(where: decoded.contains) ? "\(name)=REDACTED" : String(pair)
        }.joined(separator: "&")
    }
}

/// The sandbox's request log: the last `capacity` entries in memory, optionally echoed to stderr.
final class RequestLog: Sendable {
    private let entries = Mutex<[RequestLogEntry]>([])
    let capacity: Int
    let echoToStandardError: Bool

    init(capacity: Int = 100_000, echoToStandardError: Bool) {
        self.capacity = capacity
        self.echoToStandardError = echoToStandardError
    }

    func record(_ entry: RequestLogEntry) {
        entries.withLock { entries in
            // Drop a tenth at a time so a full log does not shift on every request.
            if entries.count >= capacity { entries.removeFirst(min(entries.count, capacity / 10 + 1)) }
            entries.append(entry)
        }
        if echoToStandardError { FileHandle.standardError.write(Data((entry.description + "\n").utf8)) }
    }

    var all: [RequestLogEntry] { entries.withLock { $0 } }

    func clear() { entries.withLock { $0.removeAll() } }
}
