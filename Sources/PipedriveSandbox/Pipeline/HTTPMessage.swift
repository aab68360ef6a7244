/// Parsing of HTTP/1.1 request heads and targets: pure functions over bytes, so they are tested without sockets.
package enum HTTPMessage {
    package struct Head: Sendable {
        package var method: String
        package var target: String
        /// `HTTP/1.0` or `HTTP/1.1`.
        package var version: String
        /// Names lower-cased; a repeated header keeps its last value.
        package var headers: [String: String]

        /// HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 closes unless told to keep it.
        package var keepAlive: Bool {
            let connection = headers["connection"]?.lowercased() ?? ""
            return version == "HTTP/1.0" ? connection.contains("keep-alive") : !connection.contains("close")
        }
    }

    package struct ParseError: Error, Sendable {
        package var reason: String
    }

    /// Parses the request line and headers (the bytes before the blank line, without it).
    package static func parseHead(_ bytes: ArraySlice<UInt8>) throws(ParseError) -> Head {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)[...]
        guard let requestLine = lines.popFirst() else { throw ParseError(reason: "empty request") }
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else {
            throw ParseError(reason: "malformed request line")
        }
        var headers: [String: String] = [:]
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { throw ParseError(reason: "malformed header line") }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingSpaces()
            headers[name] = value
        }
        return Head(method: String(parts[0]), target: String(parts[1]), version: String(parts[2]), headers: headers)
    }

    /// Splits a request target into a percent-decoded path and query parameters (`+` is a space in the query).
    /// A repeated name keeps its last value. The raw query is kept for the request log.
    package static func splitTarget(_ target: String) -> (path: String, query: [String: String], rawQuery: String) {
        let pathPart: Substring
        let queryPart: Substring
        if let mark = target.firstIndex(of: "?") {
            pathPart = target[..<mark]
            queryPart = target[target.index(after: mark)...]
        } else {
            pathPart = target[...]
            queryPart = ""
        }
        var query: [String: String] = [:]
        for pair in queryPart.split(separator: "&") where !pair.isEmpty {
            let (name, value) = splitPair(pair)
            query[percentDecode(name, plusIsSpace: true)] = percentDecode(value, plusIsSpace: true)
        }
        return (percentDecode(pathPart, plusIsSpace: false), query, String(queryPart))
    }

    /// Parses an `application/x-www-form-urlencoded` body.
    static func parseForm(_ body: [UInt8]) -> [String: String] {
        splitTarget("?" + String(decoding: body, as: UTF8.self)).query
    }

    static func splitPair(_ pair: Substring) -> (Substring, Substring) {
        guard let equals = pair.firstIndex(of: "=") else { return (pair, "") }
        return (pair[..<equals], pair[pair.index(after: equals)...])
    }

    /// Decodes `%XX` escapes as UTF-8; an invalid escape is kept as written.
    static func percentDecode(_ text: Substring, plusIsSpace: Bool) -> String {
        let utf8 = Array(text.utf8)
        guard utf8.contains(where: { $0 == UInt8(ascii: "%") || (plusIsSpace && $0 == UInt8(ascii: "+")) }) else {
            return String(text)
        }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%"), index + 2 < utf8.count,
                let high = hexValue(utf8[index + 1]), let low = hexValue(utf8[index + 2])
            {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The bytes of a response: status line, headers (with `content-length` and `connection`), body.
    package static func serialize(_ response: SandboxResponse, keepAlive: Bool, bodyLength: Int? = nil) -> [UInt8] {
        var head = "HTTP/1.1 \(response.status) \(reasonPhrase(response.status))\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        head += "content-length: \(bodyLength ?? response.body.count)\r\n"
        head += keepAlive ? "connection: keep-alive\r\n\r\n" : "connection: close\r\n\r\n"
        var bytes = Array(head.utf8)
        bytes.append(contentsOf: response.body)
        return bytes
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 201: "Created"
        case 204: "No Content"
        case 302: "Found"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 402: "Payment Required"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 410: "Gone"
        case 411: "Length Required"
        case 413: "Payload Too Large"
        case 415: "Unsupported Media Type"
        case 422: "Unprocessable Entity"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        default: "Status \(status)"
        }
    }
}

extension Substring {
    package func trimmingSpaces() -> String {
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
