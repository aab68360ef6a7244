import Foundation
import JSONValue

/// A file part of a multipart upload.
struct UploadedFile: Sendable {
    var fileName: String
    var contentType: String
    var bytes: [UInt8]
}

/// A request body as named values. v1 takes JSON, form-urlencoded and (for uploads) multipart bodies;
/// form and multipart values arrive as strings and are typed later by `BodySchema`.
struct ReceivedBody: Sendable {
    var values: [String: JSON] = [:]
    var files: [String: UploadedFile] = [:]
    /// True when values came typed (JSON); false when they are strings from a form.
    var typed = true

    static func parse(_ request: SandboxRequest) throws(APIError) -> ReceivedBody {
        let contentType = request.headers["content-type"]?.lowercased() ?? ""
        let body = request.body
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return ReceivedBody() }
        if contentType.hasPrefix("multipart/form-data") {
            return try multipart(body, contentType: request.headers["content-type"] ?? "")
        }
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            return ReceivedBody(values: form(body).mapValues { .string($0) }, typed: false)
        }
        guard let json = try? JSON(parsing: body) else { throw .badRequest("Request body is not valid JSON.") }
        guard case .object(let members) = json else { throw .badRequest("Request body must be a JSON object.") }
        return ReceivedBody(values: members)
    }

    /// `a=1&b=x%20y`; `+` is a space.
    static func form(_ bytes: [UInt8]) -> [String: String] {
        var result: [String: String] = [:]
        for pair in String(decoding: bytes, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            result[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return result
    }

    /// Limits on a multipart body: the server already caps the whole body (`HTTPServer.maxBodyBytes`).
    static let maxParts = 32
    static let maxPartHeaderBytes = 8 * 1024

    static func multipart(_ body: [UInt8], contentType: String) throws(APIError) -> ReceivedBody {
        guard let range = contentType.range(of: "boundary=") else {
            throw .badRequest("Multipart body has no boundary.")
        }
        var boundary = String(contentType[range.upperBound...])
        if let semicolon = boundary.firstIndex(of: ";") { boundary = String(boundary[..<semicolon]) }
        boundary = boundary.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        guard (1...70).contains(boundary.utf8.count) else { throw .badRequest("Multipart boundary must be 1 to 70 characters.") }
        // A delimiter is CRLF, "--" and the boundary; the first may open the body without the CRLF.
        let delimiter = Array("\r\n--\(boundary)".utf8)
        var result = ReceivedBody(typed: false)
        var parts = split([0x0D, 0x0A] + body, on: delimiter)
        guard parts.count >= 2 else { throw .badRequest("Multipart body has no parts.") }
        parts.removeFirst()  // the preamble
        guard parts.last?.starts(with: Array("--".utf8)) == true else {
            throw .badRequest("Multipart body is cut short: the closing boundary is missing.")
        }
        parts.removeLast()  // the closing delimiter and the epilogue
        guard parts.count <= maxParts else { throw .badRequest("Multipart body has more than \(maxParts) parts.") }
        for part in parts {
            guard let headerEnd = find(Array("\r\n\r\n".utf8), in: part), headerEnd <= maxPartHeaderBytes else {
                throw .badRequest("Multipart part has no header end or headers over \(maxPartHeaderBytes) bytes.")
            }
            let headers = String(decoding: part[..<headerEnd], as: UTF8.self)
            let content = Array(part[(headerEnd + 4)...])
            guard let name = attribute("name", in: headers) else {
                throw .badRequest("Multipart part has no Content-Disposition name.")
            }
            if let fileName = attribute("filename*", in: headers).flatMap(extendedValue) ?? attribute("filename", in: headers) {
                guard !fileName.isEmpty else { continue }  // a form's empty file input: no file
                let type = headers.split(separator: "\r\n")
                    .first { $0.lowercased().hasPrefix("content-type:") }
                    .map { $0.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces) }
                result.files[name] = UploadedFile(
                    fileName: fileName, contentType: type ?? "application/octet-stream", bytes: content)
            } else {
                result.values[name] = .string(String(decoding: content, as: UTF8.self))
            }
        }
        return result
    }

    /// A parameter's value: `name="quoted"` or `name=token` (RFC 7578), matched whole (`name` is not `filename`).
    private static func attribute(_ name: String, in headers: String) -> String? {
        for prefix in [" ", ";"] {
            guard let range = headers.range(of: prefix + name + "=") else { continue }
            let rest = headers[range.upperBound...]
            if rest.first == "\"" {
                let quoted = rest.dropFirst()
                guard let end = quoted.firstIndex(of: "\"") else { return nil }
                return String(quoted[..<end])
            }
            return String(rest.prefix { $0 != ";" && !$0.isNewline }).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// `UTF-8''report%20%E5%A0%B1.bin` (RFC 8187) decoded.
    private static func extendedValue(_ text: String) -> String? {
        guard let quote = text.range(of: "''"), text[..<quote.lowerBound].uppercased() == "UTF-8" else { return nil }
        return String(text[quote.upperBound...]).removingPercentEncoding
    }

    private static func split(_ bytes: [UInt8], on delimiter: [UInt8]) -> [[UInt8]] {
        var parts: [[UInt8]] = []
        var start = 0
        var index = 0
        while index + delimiter.count <= bytes.count {
            if bytes[index] == delimiter[0], Array(bytes[index..<(index + delimiter.count)]) == delimiter {
                parts.append(Array(bytes[start..<index]))
                index += delimiter.count
                start = index
            } else {
                index += 1
            }
        }
        parts.append(Array(bytes[start...]))
        return parts
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        for index in 0...(bytes.count - needle.count) where bytes[index] == needle[0] {
            if Array(bytes[index..<(index + needle.count)]) == needle { return index }
        }
        return nil
    }
}
