import Foundation
import JSONValue
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Builds the wire form of an `APIRequest`: URL, headers and body. The path arrives percent-encoded
/// (the catalog escapes the values it fills in); query names and values arrive raw and are encoded here.
enum RequestEncoding {
    /// RFC 3986 unreserved characters; everything else is percent-encoded.
    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// `/api/v2/deals/7?limit=500`: what the server sees, with values encoded.
    static func target(_ request: APIRequest) -> String {
        var target = "/api/\(request.version.rawValue)" + (request.path.hasPrefix("/") ? "" : "/") + request.path
        if !request.query.isEmpty {
            target += "?" + request.query.map { "\(encode($0.name))=\(encode($0.value))" }.joined(separator: "&")
        }
        return target
    }

    /// `GET /api/v2/deals/7`: how errors name a call (no query, so no value can leak into a message).
    static func describe(_ request: APIRequest) -> String {
        "\(request.method.rawValue) /api/\(request.version.rawValue)\(request.path)"
    }

    static func urlRequest(
        _ request: APIRequest, baseURL: URL, authorization: (name: String, value: String), timeout: TimeInterval
    ) throws(PipedriveError) -> URLRequest {
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base + target(request)) else {
            throw PipedriveError(.invalidInput, "\(describe(request)) is not a valid request path.")
        }
        var urlRequest = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method.rawValue
        urlRequest.setValue("application/json", forHTTPHeaderField: "Accept")
        urlRequest.setValue("pdtui", forHTTPHeaderField: "User-Agent")
        urlRequest.setValue(authorization.value, forHTTPHeaderField: authorization.name)
        switch request.body {
        case .json(let json):
            urlRequest.setValue("application/json", forHTTPHeaderField: "Content-Type")
            urlRequest.httpBody = Data(json.serialized())
        case .multipart(let fileName, let content, let fields):
            let form = Multipart(fileName: fileName, content: content, fields: fields)
            urlRequest.setValue(form.contentType, forHTTPHeaderField: "Content-Type")
            urlRequest.httpBody = form.body
        case nil:
            break
        }
        return urlRequest
    }
}

/// A `multipart/form-data` body with plain fields and then the `file` part, built once as `Data` (the
/// request's body) so a large file is not copied again.
struct Multipart {
    let boundary: String
    let body: Data
    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    init(fileName: String, content: [UInt8], fields: [QueryItem], boundary: String = "pdtui-" + UUID().uuidString) {
        self.boundary = boundary
        var out = Data()
        out.reserveCapacity(content.count + 512 + fields.count * 128)
        func line(_ text: String) { out.append(contentsOf: Array((text + "\r\n").utf8)) }
        for field in fields {
            line("--\(boundary)")
            line("Content-Disposition: form-data; name=\"\(Self.quoted(field.name))\"")
            line("")
            line(field.value)
        }
        line("--\(boundary)")
        line("Content-Disposition: form-data; name=\"file\"; filename=\"\(Self.quoted(fileName))\"")
        line("Content-Type: application/octet-stream")
        line("")
        out.append(contentsOf: content)
        line("")
        line("--\(boundary)--")
        self.body = out
    }

    /// A header parameter value: quotes, backslashes and line breaks cannot break out of it.
    static func quoted(_ text: String) -> String {
        String(text.unicodeScalars.map { "\"\\\r\n".unicodeScalars.contains($0) ? "_" : Character($0) })
    }
}
