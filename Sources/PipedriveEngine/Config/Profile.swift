import JSONValue

/// One company's connection settings, as a profile in the config file.
public struct Profile: Sendable, Equatable {
    public var name: String
    /// `acme` for `https://acme.pipedrive.com`.
    public var companyDomain: String?
    /// Overrides `companyDomain`, e.g. `http://127.0.0.1:8080` for a sandbox.
    public var baseURL: String?
    public var apiToken: String?
    /// A shell command that prints the API token (e.g. `pass show pipedrive`).
    public var tokenCommand: String?
    public var oauth: OAuthSettings?
    public var theme: String?
    public var readOnly: Bool
    public var apiVersion: APIVersion?

    public struct OAuthSettings: Sendable, Equatable {
        public var client: OAuthClient
        public var tokens: OAuthTokens
    }

    public init(name: String) {
        self.name = name
        self.readOnly = false
    }

    /// Reads a profile object; unknown keys are kept in the file but ignored here.
    init(name: String, json: JSON) throws(PipedriveError) {
        self.init(name: name)
        func string(_ key: String) throws(PipedriveError) -> String? {
            guard let value = json[key], !value.isNull else { return nil }
            guard let text = value.stringValue else { throw Self.invalid(name, key, "a string") }
            return text
        }
        companyDomain = try string("company_domain")
        baseURL = try string("base_url")
        apiToken = try string("api_token")
        tokenCommand = try string("token_command")
        theme = try string("theme")
        if let value = json["read_only"], !value.isNull {
            guard let flag = value.boolValue else { throw Self.invalid(name, "read_only", "true or false") }
            readOnly = flag
        }
        if let text = try string("api_version") {
            guard let version = APIVersion(rawValue: text) else { throw Self.invalid(name, "api_version", "\"v1\" or \"v2\"") }
            apiVersion = version
        }
        if let oauth = json["oauth"], !oauth.isNull {
            guard let clientID = oauth["client_id"]?.stringValue, let secret = oauth["client_secret"]?.stringValue,
                let access = oauth["access_token"]?.stringValue, let refresh = oauth["refresh_token"]?.stringValue,
                let expiresAt = oauth["expires_at"]?.intValue
            else {
                throw Self.invalid(
                    name, "oauth",
                    "an object with client_id, client_secret, access_token, refresh_token and expires_at (seconds since 1970)")
            }
            var client = OAuthClient(clientID: clientID, clientSecret: secret)
            if let text = oauth["token_url"]?.stringValue {
                guard let url = URLCheck.url(text) else { throw Self.invalid(name, "oauth.token_url", "an http(s) URL") }
                client.tokenURL = url
            }
            self.oauth = OAuthSettings(
                client: client, tokens: OAuthTokens(accessToken: access, refreshToken: refresh, expiresAt: expiresAt))
        }
    }

    static func invalid(_ profile: String, _ key: String, _ expected: String) -> PipedriveError {
        PipedriveError(.configuration, "In profile \"\(profile)\", \(key) must be \(expected).")
    }
}
