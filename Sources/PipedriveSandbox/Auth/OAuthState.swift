import Foundation

/// A registered OAuth app.
public struct RegisteredApp: Sendable, Hashable {
    public var id: String
    public var secret: String
    public var redirectURI: String

    public init(id: String, secret: String, redirectURI: String) {
        self.id = id
        self.secret = secret
        self.redirectURI = redirectURI
    }
}

/// OAuth lifetimes; tests shorten `accessTokenLifetime` to see tokens expire.
public struct OAuthServerSettings: Sendable {
    public var clients: [RegisteredApp]
    /// Seconds; Pipedrive answers `expires_in: 3599`.
    public var accessTokenLifetime: Double
    /// Seconds a refresh token lives unused (60 days); each use renews it.
    public var refreshTokenLifetime: Double
    /// Seconds an authorization code lives (5 minutes).
    public var codeLifetime: Double
    public var scope: String

    public init(
        clients: [RegisteredApp] = [OAuthServerSettings.demoClient], accessTokenLifetime: Double = 3599,
        refreshTokenLifetime: Double = 60 * 86_400, codeLifetime: Double = 300,
        scope: String = "base,deals:full,activities:full,contacts:full,products:full,leads:full,mail:full,users:read,recents:read,search:read,admin"
    ) {
        self.clients = clients
        self.accessTokenLifetime = accessTokenLifetime
        self.refreshTokenLifetime = refreshTokenLifetime
        self.codeLifetime = codeLifetime
        self.scope = scope
    }

    /// The app every sandbox knows.
    public static let demoClient = RegisteredApp(
        id: "sandbox-client", secret: "sandbox-secret", redirectURI: "http://127.0.0.1/oauth/callback")
}

/// Authorization codes and tokens as a pure state machine over an explicit clock.
struct OAuthState: Sendable {
    var settings: OAuthServerSettings
    private var codes: [String: Grant] = [:]
    private var accessTokens: [String: Grant] = [:]
    private var refreshTokens: [String: Grant] = [:]

    struct Grant: Sendable {
        var userID: Int
        var clientID: String
        var redirectURI: String
        var expires: Double
    }

    /// The answer of the token endpoint.
    struct TokenPair: Sendable, Equatable {
        var accessToken: String
        var refreshToken: String
        var expiresIn: Int
    }

    struct Failure: Error, Sendable, Equatable {
        var message: String
    }

    init(settings: OAuthServerSettings) { self.settings = settings }

    func client(id: String) -> RegisteredApp? { settings.clients.first { $0.id == id } }

    /// What `/oauth/authorize` hands out once the user approves.
    mutating func mintCode(clientID: String, userID: Int, redirectURI: String, now: Double) -> String {
        let code = "\(userID):\(OAuthState.randomHex(32))"
        codes[code] = Grant(userID: userID, clientID: clientID, redirectURI: redirectURI, expires: now + settings.codeLifetime)
        return code
    }

    func userID(accessToken: String, now: Double) -> Int? {
        guard let grant = accessTokens[accessToken], grant.expires > now else { return nil }
        return grant.userID
    }

    /// `POST /oauth/token`: `authorization` is the Basic header, `form` the decoded body.
    mutating func exchange(authorization: String?, form: [String: String], now: Double) throws(Failure) -> TokenPair {
        let client = try authenticateClient(authorization)
        guard let grantType = form["grant_type"], !grantType.isEmpty else {
            throw Failure(message: "Missing parameter: grant_type")
        }
        switch grantType {
        case "authorization_code":
            guard let code = form["code"], let grant = codes[code], grant.clientID == client.id else {
                throw Failure(message: "Invalid grant: authorization_code is invalid")
            }
            guard grant.expires > now else {
                codes[code] = nil
                throw Failure(message: "Invalid grant: authorization_code has expired")
            }
            guard let redirectURI = form["redirect_uri"], URL(string: redirectURI)?.scheme != nil else {
                throw Failure(message: "Invalid request: redirect_uri is not a valid URI")
            }
            guard redirectURI == grant.redirectURI else { throw Failure(message: "Invalid request: redirect_uri is invalid") }
            codes[code] = nil
            return issue(for: grant, now: now)
        case "refresh_token":
            guard let token = form["refresh_token"], var grant = refreshTokens[token], grant.clientID == client.id,
                grant.expires > now
            else { throw Failure(message: "Invalid grant: refresh_token is invalid") }
            grant.expires = now + settings.refreshTokenLifetime
            refreshTokens[token] = grant
            return issueAccess(for: grant, refreshToken: token, now: now)
        default:
            throw Failure(message: "Unsupported grant type: grant_type is invalid")
        }
    }

    private func authenticateClient(_ authorization: String?) throws(Failure) -> RegisteredApp {
        guard let authorization, authorization.hasPrefix("Basic "),
            let decoded = Data(base64Encoded: String(authorization.dropFirst("Basic ".count))),
            let text = String(data: decoded, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else { throw Failure(message: "Invalid client: cannot retrieve client credentials") }
        let id = String(text[..<colon])
        let secret = String(text[text.index(after: colon)...])
        guard let client = client(id: id), client.secret == secret else {
            throw Failure(message: "Invalid client: client is invalid")
        }
        return client
    }

    private mutating func issue(for grant: Grant, now: Double) -> TokenPair {
        let refreshToken = "\(grant.userID):1:\(OAuthState.randomHex(40))"
        var refreshGrant = grant
        refreshGrant.expires = now + settings.refreshTokenLifetime
        refreshTokens[refreshToken] = refreshGrant
        return issueAccess(for: grant, refreshToken: refreshToken, now: now)
    }

    private mutating func issueAccess(for grant: Grant, refreshToken: String, now: Double) -> TokenPair {
        let accessToken = "v1u:\(OAuthState.randomHex(64))"
        var accessGrant = grant
        accessGrant.expires = now + settings.accessTokenLifetime
        accessTokens[accessToken] = accessGrant
        return TokenPair(accessToken: accessToken, refreshToken: refreshToken, expiresIn: Int(settings.accessTokenLifetime))
    }

    /// Unguessable hex from the system generator: OAuth tokens are the one thing not derived from the seed.
    static func randomHex(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef")
        return String((0..<count).map { _ in digits[Int(generator.next() & 0xF)] })
    }
}
