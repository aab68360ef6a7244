import Foundation
import JSONValue

/// `/oauth/authorize` and `/oauth/token`, served on the sandbox's own host (Pipedrive serves them on
/// `oauth.pipedrive.com`). They need no API credential and cost no tokens.
enum OAuthEndpoints {
    static func handles(_ path: String) -> Bool { path == "/oauth/authorize" || path == "/oauth/token" || path == "/oauth/token/" }

    static func respond(to request: SandboxRequest, state: inout OAuthState, apiDomain: String, now: Double) -> SandboxResponse {
        switch (request.method, request.path) {
        case ("GET", "/oauth/authorize"): return authorize(request, state: &state, now: now)
        case ("POST", "/oauth/token"), ("POST", "/oauth/token/"): return token(request, state: &state, apiDomain: apiDomain, now: now)
        default: return APIError(status: 405, message: "Method not allowed").response
        }
    }

    /// Approves at once as the admin (user 1) and redirects to the app with a code, as Pipedrive does after
    /// the user clicks "Allow and install".
    private static func authorize(_ request: SandboxRequest, state: inout OAuthState, now: Double) -> SandboxResponse {
        guard let clientID = request.query["client_id"], let client = state.client(id: clientID) else {
            return failure("Invalid client: client is invalid")
        }
        guard let redirectURI = request.query["redirect_uri"], redirectURI == client.redirectURI,
            var components = URLComponents(string: redirectURI)
        else { return failure("Invalid request: redirect_uri is invalid") }
        let code = state.mintCode(clientID: client.id, userID: 1, redirectURI: redirectURI, now: now)
        var items = components.queryItems ?? []
        items.append(URLQueryItem(name: "code", value: code))
        if let stateParameter = request.query["state"] { items.append(URLQueryItem(name: "state", value: stateParameter)) }
        components.queryItems = items
        return SandboxResponse(status: 302, headers: [("location", components.string ?? redirectURI)])
    }

    private static func token(_ request: SandboxRequest, state: inout OAuthState, apiDomain: String, now: Double) -> SandboxResponse {
        let contentType = request.headers["content-type"]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
            return failure("Invalid request: content must be application/x-www-form-urlencoded")
        }
        do {
            let pair = try state.exchange(
                authorization: request.headers["authorization"], form: HTTPMessage.parseForm(request.body), now: now)
            return .json([
                "access_token": .string(pair.accessToken), "token_type": "Bearer",
                "refresh_token": .string(pair.refreshToken), "scope": .string(state.settings.scope),
                "expires_in": .int(pair.expiresIn), "api_domain": .string(apiDomain),
            ])
        } catch {
            return failure(error.message)
        }
    }

    private static func failure(_ message: String) -> SandboxResponse { APIError(status: 400, message: message).response }
}
