import Foundation
import JSONValue
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// OAuth tokens as a profile stores them.
public struct OAuthTokens: Sendable, Equatable {
    public var accessToken: String
    public var refreshToken: String
    /// Seconds since 1970.
    public var expiresAt: Int

    public init(accessToken: String, refreshToken: String, expiresAt: Int) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
    }
}

/// The app's client credentials and where to refresh.
public struct OAuthClient: Sendable, Equatable {
    public var clientID: String
    public var clientSecret: String
    public var tokenURL: URL

    public static let pipedriveTokenURL = URL(string: "https://oauth.pipedrive.com/oauth/token")!

    public init(clientID: String, clientSecret: String, tokenURL: URL = OAuthClient.pipedriveTokenURL) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.tokenURL = tokenURL
    }
}

/// Holds a profile's OAuth tokens and refreshes them when they expire within 300 seconds (the seed's
/// rule), saving the new ones through `save` (back into the profile). An actor, so concurrent requests
/// share one refresh.
public actor OAuthSession {
    public static let refreshMargin = 300

    public private(set) var tokens: OAuthTokens
    let client: OAuthClient
    let transport: any HTTPTransport
    let save: @Sendable (OAuthTokens) throws -> Void
    var refreshing: Task<OAuthTokens, any Error>?

    public init(
        tokens: OAuthTokens, client: OAuthClient, transport: any HTTPTransport,
        save: @escaping @Sendable (OAuthTokens) throws -> Void
    ) {
        self.tokens = tokens
        self.client = client
        self.transport = transport
        self.save = save
    }

    /// The access token, refreshed first when it expires within `refreshMargin` seconds.
    public func validAccessToken(now: Date = Date()) async throws -> String {
        if tokens.expiresAt - Int(now.timeIntervalSince1970) > Self.refreshMargin { return tokens.accessToken }
        return try await refresh(now: now).accessToken
    }

    /// After Pipedrive refused `rejected` (revoked, or expired early): refreshes unless another request
    /// already did, and returns the token to try again with.
    public func accessToken(replacing rejected: String, now: Date = Date()) async throws -> String {
        if tokens.accessToken != rejected { return tokens.accessToken }
        return try await refresh(now: now).accessToken
    }

    /// Exchanges the refresh token for new tokens (`grant_type=refresh_token`) and saves them.
    public func refresh(now: Date = Date()) async throws -> OAuthTokens {
        if let refreshing { return try await refreshing.value }
        let task = Task { try await self.performRefresh(now: now) }
        refreshing = task
        defer { refreshing = nil }
        let fresh = try await task.value
        tokens = fresh
        do {
            try save(fresh)
        } catch {
            throw PipedriveError(
                .configuration,
                "The OAuth token was refreshed but could not be saved to the profile: \(error). The next run will need to sign in again.")
        }
        return fresh
    }

    private func performRefresh(now: Date) async throws -> OAuthTokens {
        var request = URLRequest(url: client.tokenURL, timeoutInterval: transport.timeout)
        request.httpMethod = "POST"
        let basic = Data("\(client.clientID):\(client.clientSecret)".utf8).base64EncodedString()
        request.setValue("Basic \(basic)", forHTTPHeaderField: "Authorization")
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        let form = "grant_type=refresh_token&refresh_token=" + RequestEncoding.encode(tokens.refreshToken)
        request.httpBody = Data(form.utf8)
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch let Transport.Failure.transport(reason, host, _, _) {
            throw PipedriveError(.network, "Could not refresh the OAuth token: \(host) cannot be reached (\(reason)).")
        }
        let body = try? JSON(parsing: response.body)
        guard response.isSuccess else {
            let said = body?["error"]?.stringValue ?? body?["message"]?.stringValue ?? "HTTP \(response.status)"
            throw PipedriveError(
                .unauthorized,
                "Pipedrive refused to refresh the OAuth token (\(Sanitize.inline(said))). Sign in again and update the profile's oauth tokens.",
                status: response.status, apiError: body?["error"]?.stringValue)
        }
        guard let access = body?["access_token"]?.stringValue, let expiresIn = body?["expires_in"]?.intValue else {
            throw PipedriveError(
                .malformedResponse, "The OAuth token endpoint answered without an access_token and expires_in.",
                status: response.status)
        }
        return OAuthTokens(
            accessToken: access, refreshToken: body?["refresh_token"]?.stringValue ?? tokens.refreshToken,
            expiresAt: Int(now.timeIntervalSince1970) + expiresIn)
    }
}
