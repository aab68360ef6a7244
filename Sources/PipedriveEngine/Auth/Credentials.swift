/// How requests prove who they are. The secret only ever goes into a request header.
public enum Credentials: Sendable {
    /// An API token, sent as `x-api-token`.
    case apiToken(String)
    /// OAuth bearer tokens, refreshed before they expire.
    case oauth(OAuthSession)

    /// The header to send on the next request, refreshing an OAuth token that is about to expire.
    func authorization() async throws -> (name: String, value: String) {
        switch self {
        case .apiToken(let token): ("x-api-token", token)
        case .oauth(let session): ("Authorization", "Bearer " + (try await session.validAccessToken()))
        }
    }
}
