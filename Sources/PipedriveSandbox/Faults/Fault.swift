/// A failure the sandbox puts in place of a normal answer.
public enum FaultKind: Sendable, Equatable {
    /// 500, 502 or 503 (502 as a gateway's HTML page, the others in the error envelope).
    case serverError(Int)
    /// 429 in the error envelope with `Retry-After`, as if a limit were hit.
    case rateLimited
    /// The head and half of the body, then a TCP reset. The handler runs: the write happened.
    case resetMidBody
    /// 200 with the body cut short, so it is not JSON. The handler runs.
    case malformedJSON
    /// The HTML page Pipedrive's CDN serves to blocked clients, with status 403.
    case htmlForbidden
    /// No answer for this long (or until the client gives up), then the connection closes.
    case hang(milliseconds: Int)
    /// The normal answer, this much later.
    case latency(milliseconds: Int)
}

/// When a fault fires: the `nth` request (1-based) matching `method` and `path`, once or from then on.
public struct FaultRule: Sendable, Equatable {
    public var kind: FaultKind
    /// `GET`, `POST`...; nil matches any method.
    public var method: String?
    /// A path such as `/api/v2/deals/{id}`: `{name}` or `*` match one segment, a final `**` the rest.
    /// nil matches any path.
    public var path: String?
    public var nth: Int
    /// False: only the nth matching request. True: the nth and every later one.
    public var always: Bool

    public init(_ kind: FaultKind, method: String? = nil, path: String? = nil, nth: Int = 1, always: Bool = false) {
        self.kind = kind
        self.method = method
        self.path = path
        self.nth = nth
        self.always = always
    }

    func matches(method: String, path: String) -> Bool {
        if let wanted = self.method, wanted.uppercased() != method { return false }
        guard let pattern = self.path else { return true }
        return FaultRule.match(pattern.split(separator: "/")[...], path.split(separator: "/")[...])
    }

    private static func match(_ pattern: ArraySlice<Substring>, _ parts: ArraySlice<Substring>) -> Bool {
        guard let head = pattern.first else { return parts.isEmpty }
        if head == "**" { return true }
        guard let part = parts.first else { return false }
        guard head == "*" || head.hasPrefix("{") || head == part else { return false }
        return match(pattern.dropFirst(), parts.dropFirst())
    }
}

extension FaultRule {
    /// Parses the command line's form: `KIND[,method=GET][,path=/api/v2/deals][,nth=N][,always]`, where KIND is
    /// `500`, `502`, `503`, `429`, `reset`, `malformed-json`, `html-403`, `hang[=MS]` or `latency=MS`.
    public init(parsing text: String) throws(FaultParseError) {
        let parts = text.split(separator: ",").map { $0.trimmingSpaces() }
        guard let kindText = parts.first else { throw FaultParseError(text: text, reason: "no fault kind") }
        let (kindName, kindValue) = HTTPMessage.splitPair(kindText[...])
        let milliseconds = Int(kindValue)
        switch kindName {
        case "500", "502", "503": kind = .serverError(Int(kindName)!)
        case "429": kind = .rateLimited
        case "reset": kind = .resetMidBody
        case "malformed-json": kind = .malformedJSON
        case "html-403": kind = .htmlForbidden
        case "hang": kind = .hang(milliseconds: milliseconds ?? 60_000)
        case "latency":
            guard let milliseconds else { throw FaultParseError(text: text, reason: "latency needs =MILLISECONDS") }
            kind = .latency(milliseconds: milliseconds)
        default:
            throw FaultParseError(
                text: text, reason: "unknown fault '\(kindName)' (500, 502, 503, 429, reset, malformed-json, html-403, hang, latency)")
        }
        method = nil
        path = nil
        nth = 1
        always = false
        for option in parts.dropFirst() {
            let (name, value) = HTTPMessage.splitPair(option[...])
            switch name {
            case "method": method = value.uppercased()
            case "path": path = String(value)
            case "nth":
                guard let number = Int(value), number >= 1 else { throw FaultParseError(text: text, reason: "nth must be 1 or more") }
                nth = number
            case "always": always = true
            case "once": always = false
            default: throw FaultParseError(text: text, reason: "unknown option '\(name)' (method=, path=, nth=, always)")
            }
        }
    }
}

public struct FaultParseError: Error, Sendable, CustomStringConvertible {
    public var text: String
    public var reason: String
    public var description: String { "invalid fault '\(text)': \(reason)" }
}
