import Foundation
import JSONValue

/// Turns what went wrong on the wire into a `PipedriveError` with a sentence a person can act on.
enum ErrorMapping {
    /// A non-2xx response. `what` names the call, e.g. `GET /api/v2/deals/7` (never a query, never a secret);
    /// the body's words have `secrets` replaced (a proxy or a wrong base URL may echo the headers back).
    static func error(for response: HTTPResponse, what: String, method: HTTPMethod, redacting secrets: [String]) -> PipedriveError {
        let body = try? JSON(parsing: response.body)
        let apiError = (body?["error"]?.stringValue ?? body?["message"]?.stringValue).map { Sanitize.redacted($0, secrets) }
        let errorInfo = body?["error_info"]?.stringValue.map { Sanitize.redacted($0, secrets) }
        let said = apiError.map { ": \(Sanitize.inline($0))" } ?? ""
        let status = response.status
        func make(_ kind: PipedriveError.Kind, _ message: String) -> PipedriveError {
            PipedriveError(kind, message, status: status, apiError: apiError, errorInfo: errorInfo)
        }
        switch status {
        case 401:
            return make(
                .unauthorized,
                "Pipedrive refused the credentials (401\(said)). Check the API token in PIPEDRIVE_API_TOKEN or in the profile (api_token or token_command), or sign in again if the profile uses OAuth."
            )
        case 402, 403:
            return make(
                .forbidden,
                "Pipedrive refused \(what) (\(status)\(said)). The token's user lacks the permission, or the company account is not open.")
        case 404, 410:
            if isMissingEndpoint(body: body, apiError: apiError) {
                return make(.notFound, missingEndpoint(what, status: status, said: said))
            }
            let idHint = lastID(in: what).map { " Check that id \($0) exists and is not deleted." } ?? " Check the resource and the id."
            return make(.notFound, "Not found: \(what) (\(status)\(said)).\(idHint)")
        case 429:
            let retryAfter = RetryPolicy.retryAfter(response.headers)
            let limit = RateLimit.of(path: what, headers: response.headers)
            if case .dailyBudget = limit {
                return make(
                    .rateLimited(limit, retryAfter: retryAfter),
                    "Daily budget spent: \(limit.name) is used up, so \(what) was refused (429\(said)). It resets at midnight (Pipedrive's server time).")
            }
            let when = retryAfter.map { "Retry in \(Int($0.rounded(.up))) s." } ?? "Retry in a few seconds."
            return make(.rateLimited(limit, retryAfter: retryAfter), "Rate limited: \(what) hit \(limit.name) (429\(said)). \(when)")
        case 500...599:
            if method != .get {
                return make(
                    .outcomeUnknown,
                    "\(what) failed on Pipedrive's side (\(status)\(said)); it may or may not have been done and was not repeated. Check the record in Pipedrive before trying again.")
            }
            return make(.server, "Pipedrive failed on \(what) (\(status)\(said)). Try again later.")
        default:
            return make(.rejected, "Pipedrive refused \(what) (\(status)\(said)).")
        }
    }

    /// A 2xx whose body is not Pipedrive's JSON envelope.
    static func malformed(_ response: HTTPResponse, what: String, redacting secrets: [String]) -> PipedriveError {
        let snippet = Sanitize.snippet(response.body, redacting: secrets)
        let received = response.body.isEmpty ? "an empty body" : "\(response.body.count) bytes starting \"\(snippet)\""
        // JSON cut short came from Pipedrive and was damaged on the way; a page (HTML) is another server.
        let json = response.body.first { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }.map { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "[") } ?? false
        let hint = json ? "The answer was cut short or damaged on the way; try again." : "Check that the base URL points at Pipedrive."
        return PipedriveError(
            .malformedResponse,
            "The answer to \(what) (HTTP \(response.status)) is not Pipedrive's JSON: received \(received). \(hint)",
            status: response.status)
    }

    static func missingEndpoint(_ what: String, status: Int, said: String) -> String {
        "\(what) is not available (\(status)\(said)): this account's Pipedrive has no such endpoint."
    }

    /// A 404 about the path rather than a record: a body that is not Pipedrive's envelope (a proxy's or web
    /// server's page), or an error naming the endpoint or route. Records not found say "not found".
    static func isMissingEndpoint(body: JSON?, apiError: String?) -> Bool {
        guard body?["success"] != nil || apiError != nil else { return true }
        let said = apiError?.lowercased() ?? ""
        return ["unknown endpoint", "unknown method", "no route", "cannot get", "endpoint not found"].contains { said.contains($0) }
    }

    /// The last numeric path segment, e.g. `7` in `GET /api/v2/deals/7`.
    static func lastID(in what: String) -> String? {
        what.split(separator: "/").last(where: { $0.allSatisfy(\.isNumber) }).map(String.init)
    }
}

/// Makes text from the network safe to show in one line of an error.
public enum Sanitize {
    /// Control characters become `?`; the text is cut at `limit` characters.
    public static func inline(_ text: String, limit: Int = 300) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(limit) {
            let isControl = scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
            out.unicodeScalars.append(isControl ? "?" : scalar)
        }
        return text.unicodeScalars.count > limit ? out + "…" : out
    }

    /// The start of a body as inert text with every secret replaced.
    static func snippet(_ body: [UInt8], redacting secrets: [String], limit: Int = 120) -> String {
        inline(redacted(String(decoding: body.prefix(4096), as: UTF8.self), secrets), limit: limit)
    }

    /// The text with every secret replaced by `[redacted]`.
    static func redacted(_ text: String, _ secrets: [String]) -> String {
        var text = text
        for secret in secrets where !secret.isEmpty {
            text = text.replacingOccurrences(of: secret, with: "[redacted]")
        }
        return text
    }
}
