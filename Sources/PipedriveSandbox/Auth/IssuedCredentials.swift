/// Who a request acts as, and by which credential (the rate-limit key).
public struct Identity: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case apiToken, oauth }
    public var userID: Int
    public var kind: Kind
    /// The token itself; kept in memory only, never logged.
    var credential: String
}

/// The API tokens and OAuth state of the account, and how a request proves who it is.
struct IssuedCredentials: Sendable {
    /// API token → user id.
    var apiTokens: [String: Int]
    var oauth: OAuthState

    /// The `x-api-token` header wins; then `Authorization: Bearer`; then the legacy `api_token` query parameter.
    /// A credential that is present but wrong is not rescued by another one.
    func authenticate(headers: [String: String], query: [String: String], now: Double) -> Identity? {
        if let token = headers["x-api-token"] {
            return apiTokens[token].map { Identity(userID: $0, kind: .apiToken, credential: token) }
        }
        if let authorization = headers["authorization"] {
            guard authorization.hasPrefix("Bearer ") else { return nil }
            let token = String(authorization.dropFirst("Bearer ".count))
            return oauth.userID(accessToken: token, now: now).map { Identity(userID: $0, kind: .oauth, credential: token) }
        }
        if let token = query["api_token"] {
            return apiTokens[token].map { Identity(userID: $0, kind: .apiToken, credential: token) }
        }
        return nil
    }

    /// Pipedrive's gateway answer to any bad or missing credential.
    static var unauthorized: SandboxResponse {
        var response = SandboxResponse.json(
            [
                "success": false, "error": "unauthorized access", "errorCode": 401,
                "error_info": "Please check developers.pipedrive.com",
            ], status: 401)
        response.headers.append(("x-401-by-gw", "true"))
        return response
    }

    /// The demo API token of an account generated from `seed`: 40 hex characters, like Pipedrive's.
    static func demoToken(seed: UInt64) -> String {
        var random = SeededRandom(seed: seed, stream: "api-token")
        return random.hexKey()
    }
}
