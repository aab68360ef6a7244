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
struct RequestBody: Sendable {
    var values: [String: JSON] = [:]
    var files: [String: UploadedFile] = [:]
    /// True when values came typed (JSON); false when they are strings from a form.
    var typed = true

    static func parse(_ request: SandboxRequest) throws(APIError) -> RequestBody {
        let contentType = request.headers["content-type"]?.lowercased() ?? ""
        let body = request.body
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return RequestBody() }
        if contentType.hasPrefix("multipart/form-data") {
            return try multipart(body, contentType: request.headers["content-type"] ?? "")
        }
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            return RequestBody(values: form(body).mapValues { .string($0) }, typed: false)
        }
        guard let json = try? JSON(parsing: body) else { throw .badRequest("Request body is not valid JSON.") }
        guard case .object(let members) = json else { throw .badRequest("Request body must be a JSON object.") }
        return RequestBody(values: members)
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

    static func multipart(_ body: [UInt8], contentType: String) throws(APIError) -> RequestBody {
        guard let range = contentType.range(of: "boundary=") else {
            throw .badRequest("Multipart body has no boundary.")
        }
        var boundary = String(contentType[range.upperBound...])
        if let semicolon = boundary.firstIndex(of: ";") { boundary = String(boundary[..<semicolon]) }
        boundary = boundary.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        // A delimiter is CRLF, "--" and the boundary; the first may open the body without the CRLF.
        let delimiter = Array("\r\n--\(boundary)".utf8)
        var result = RequestBody(typed: false)
        var parts = split([0x0D, 0x0A] + body, on: delimiter)
        guard parts.count >= 2 else { throw .badRequest("Multipart body has no parts.") }
        parts.removeFirst()  // the preamble
        for part in parts {
            if part.starts(with: Array("--".utf8)) { break }  // the closing delimiter
            guard let headerEnd = find(Array("\r\n\r\n".utf8), in: part) else { continue }
            let headers = String(decoding: part[..<headerEnd], as: UTF8.self)
            let content = Array(part[(headerEnd + 4)...])
            guard let name = attribute("name", in: headers) else { continue }
            if let fileName = attribute("filename", in: headers) {
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

    private static func attribute(_ name: String, in headers: String) -> String? {
        guard let range = headers.range(of: " \(name)=\"") ?? headers.range(of: ";\(name)=\"") else { return nil }
        let rest = headers[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
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
