/// The bodies Pipedrive's servers and gateways answer with when things go wrong.
enum FaultResponses {
    static func serverError(_ status: Int) -> SandboxResponse {
        switch status {
        case 502:
            return html(status: 502, "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n")
        case 503:
            return APIError(status: 503, message: "Service temporarily unavailable. Please try again later.").response
        default:
            return APIError(status: status, message: "Internal server error").response
        }
    }

    static func rateLimited(retryAfter: Int) -> SandboxResponse {
        var response = APIError(status: 429, message: "Rate limit exceeded").response
        response.headers.append(("retry-after", String(retryAfter)))
        return response
    }

    /// The CDN's block page for clients that keep sending after 429s.
    static var htmlForbidden: SandboxResponse {
        html(
            status: 403,
            """
            <!DOCTYPE html>
            <html lang="en-US"><head><title>Attention Required! | Cloudflare</title></head>
            <body><div id="cf-wrapper"><h1>Sorry, you have been blocked</h1>
            <h2>You are unable to access pipedrive.com</h2>
            <p>This website is using a security service to protect itself from online attacks.</p>
            </div></body></html>

            """)
    }

    /// The first half of a body, which no longer parses as JSON.
    static func truncated(_ response: SandboxResponse) -> SandboxResponse {
        var damaged = response
        damaged.body = Array(response.body.prefix(max(1, response.body.count / 2)))
        if damaged.body == response.body { damaged.body = Array("{\"success\":".utf8) }
        return damaged
    }

    private static func html(status: Int, _ text: String) -> SandboxResponse {
        SandboxResponse(status: status, headers: [("content-type", "text/html; charset=UTF-8")], body: Array(text.utf8))
    }
}
