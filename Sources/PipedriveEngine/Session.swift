import Foundation
import JSONValue

/// The engine's facade: one company, the catalog, and every action performed through one client.
///
/// The TUI and `pdtui get` use it alike: look an action up, read its pages of rows, read a resource's
/// custom fields (once per session), gather a field for one record, and write (create, update with only
/// the changed values, delete, upload, download), each value validated before any request.
public final class Session: Sendable {
    public let client: PipedriveClient
    public let catalog: Catalog
    public let settings: ConnectionSettings
    /// The API version for every action; nil: v2 where Pipedrive moved the call, else v1.
    public let apiVersion: APIVersion?
    /// The account's `*Fields` lists, users, stages, pipelines...: read once, kept across sessions when
    /// given a cache folder (see `SchemaLists`).
    public let schemaLists: SchemaLists

    public init(
        settings: ConnectionSettings, catalog: Catalog = .pipedrive, apiVersion: APIVersion? = nil,
        transport: any HTTPTransport = Transport(), retry: RetryPolicy = RetryPolicy(), schemaCache: SchemaCacheFolder? = nil
    ) {
        let credentials: Credentials
        switch settings.credential {
        case .apiToken(let token):
            credentials = .apiToken(token)
        case .oauth(let oauthClient, let tokens):
            let profile = settings.profileName
            let path = settings.configPath
            credentials = .oauth(
                OAuthSession(tokens: tokens, client: oauthClient, transport: transport) { fresh in
                    guard let profile, let path else { return }
                    try ConfigFile.saveTokens(fresh, profile: profile, path: path)
                })
        }
        self.client = PipedriveClient(baseURL: settings.baseURL, credentials: credentials, transport: transport, retry: retry)
        schemaLists = SchemaLists(folder: schemaCache, recentChanges: RecentChanges(client: client))
        self.catalog = catalog
        self.settings = settings
        self.apiVersion = apiVersion ?? settings.apiVersion
    }

    /// A session for a profile (or the environment), as `pdtui` resolves it.
    public static func connect(
        profile: String? = nil, baseURL: String? = nil, apiVersion: APIVersion? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(PipedriveError) -> Session {
        let settings = try ConnectionSettings.resolve(profile: profile, baseURL: baseURL, environment: environment)
        return Session(settings: settings, apiVersion: apiVersion)
    }

    /// What is left of the rate limits, per the latest response.
    public var rateLimit: RateLimitBudget { client.rateLimit }

    // MARK: Finding actions

    /// The resource of that name, case-insensitively.
    public func resource(named name: String) throws(PipedriveError) -> Resource {
        guard let resource = catalog.resource(named: name) else {
            throw PipedriveError(
                .invalidInput,
                "No resource \"\(Sanitize.inline(name))\". Resources: \(catalog.resources.map(\.name).joined(separator: ", ")).")
        }
        return resource
    }

    /// A read action by the seed's name, `Read ` optional and case-insensitive: `""`/`read` is `Read`,
    /// `deal` or `read deal` is `Read deal`.
    public func readAction(_ name: String, of resource: Resource) throws(PipedriveError) -> Action {
        let words = name.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let candidates = words.isEmpty || words.lowercased() == "read" ? ["Read"] : ["Read " + words, words]
        for candidate in candidates {
            if let action = resource.action(named: candidate) {
                guard action.kind == .read else {
                    throw PipedriveError(.invalidInput, "'\(action.name)' of \(resource.name) writes; only reads can be streamed.")
                }
                return action
            }
        }
        let reads = resource.actions.filter { $0.kind == .read }.map(\.name)
        throw PipedriveError(
            .invalidInput,
            "\(resource.name) has no read action \"\(Sanitize.inline(name))\"."
                + (reads.isEmpty ? " It has no reads." : " Reads: \(reads.joined(separator: ", ")).")
        )
    }

    /// The version an action is performed in: the session's, except v2 for an action Pipedrive has only in v1.
    public func version(of action: Action) -> APIVersion {
        guard let apiVersion else { return action.preferredVersion }
        return apiVersion == .v2 && action.v2 == nil ? .v1 : apiVersion
    }

    /// The action's requests for `input`, or why it cannot be sent (nothing is sent).
    public func resolve(_ action: Action, _ input: CallInput = CallInput()) throws(PipedriveError) -> ResolvedCall {
        var input = input
        input.version = input.version ?? version(of: action)
        do {
            return try action.resolve(input)
        } catch {
            throw PipedriveError(.invalidInput, error.description)
        }
    }

    // MARK: Reading

    /// The pages of a read action's rows (raw API objects), fetched as they are consumed.
    /// - Parameters:
    ///   - limit: the most rows wanted.
    ///   - prefetch: fetch one page ahead while the current one is consumed (for streaming).
    ///   - filters: the list's optional filters (see `listFilters`), added to the call's query.
    ///   - keepsTexts: the rows as the answer's texts, not parsed (see `PageSequence`).
    public func pages(
        _ action: Action, parameters: [String: String] = [:], limit: Int? = nil, prefetch: Bool = true, filters: [QueryItem] = [],
        keepsTexts: Bool = false
    ) throws(PipedriveError) -> PageSequence {
        let call = try resolve(action, CallInput(parameters: parameters))
        guard var request = call.requests.first, call.requests.count == 1, request.method == .get else {
            throw PipedriveError(.invalidInput, "'\(action.name)' is not a read.")
        }
        request.query += filters
        return PageSequence(client: client, request: request, extraction: call.extraction, limit: limit, prefetch: prefetch, keepsTexts: keepsTexts)
    }

    /// The account's `*Fields` entries of a resource, read on first use and kept (see `schemaLists`): from the
    /// v2 Fields API unless the session is pinned to v1, else (or where an account answers it 404) from v1.
    /// A lead's custom fields are the deals' custom fields.
    public func customFields(of resource: Resource) async throws -> [CustomField] {
        if resource.name == "leads", let deals = catalog.resource(named: "deals") {
            return LeadFields.builtIns(labels: try? await leadLabels()) + (try await customFields(of: deals).filter(\.isCustom))
        }
        guard let path = resource.customFieldsPath else { return [] }
        let v2 = apiVersion != .v1 && Self.v2FieldLists.contains(path)
        // Kept as the API answered, under the version it came from: `{"v2": rows}` or `{"v1": rows}`.
        let saved = try await schemaLists.value(Self.fieldListName(path, v2: v2), valid: { $0["v1"]?.arrayValue ?? $0["v2"]?.arrayValue != nil }) {
            [client] () async throws -> JSON in
            func read(_ request: APIRequest) async throws -> JSON {
                .array(try await PageSequence(client: client, request: request, extraction: .data, prefetch: false).allRows())
            }
            if v2 {
                do {
                    return ["v2": try await read(APIRequest(.get, .v2, path, query: [QueryItem("include_fields", "required_fields")], paging: .cursor))]
                } catch let error as PipedriveError where error.kind == .notFound {
                    // An account without the v2 Fields API: v1 serves every list.
                }
            }
            return ["v1": try await read(APIRequest(.get, .v1, path, paging: .offset))]
        }
        var listed = CustomField.list(saved["v1"]?.arrayValue ?? [])
        if let rows = saved["v2"]?.arrayValue { listed = V2Names.v1Keys(CustomField.list(rows), resource: resource.name) }
        guard path == "/activityFields", ActivityTypeOptions.lacksOptions(listed) else { return listed }
        let types = try? await schemaLists.value("activityTypes") { [client] in
            .array(Extraction.data.rows(from: try await client.send(APIRequest(.get, .v1, "/activityTypes")).json))
        }
        return types.map { ActivityTypeOptions.filled(listed, types: $0.arrayValue ?? []) } ?? listed
    }

    /// The name a `*Fields` list is kept under: `fields:/dealFields` (`fields-v1:` when pinned to v1).
    static func fieldListName(_ path: String, v2: Bool) -> String { (v2 ? "fields:" : "fields-v1:") + path }

    /// Reads again the `*Fields` list at `path` (a fields grid reloaded) and every list kept alongside it when
    /// `path` is nil; open screens follow a change (`SchemaLists.onChange`).
    public func revalidateSchema(fieldsAt path: String? = nil) async {
        await schemaLists.revalidate { name in path.map { name.hasSuffix(":" + $0) } ?? true }
    }

    /// The resources whose records show a list's entries: a `*Fields` list's own (and leads for the deals'),
    /// every resource for users, stages, pipelines and the rest.
    public func resources(shownWith lists: Set<String>) -> Set<String> {
        var resources: Set<String> = []
        for list in lists {
            guard let colon = list.firstIndex(of: ":"), list.hasPrefix("fields") else { return Set(catalog.resources.map(\.name)) }
            let path = String(list[list.index(after: colon)...])
            for resource in catalog.resources where resource.customFieldsPath == path { resources.insert(resource.name) }
            if path == "/dealFields" { resources.insert("leads") }
        }
        return resources
    }

    /// The account's lead labels (`GET /leadLabels`), read once: lead `label_ids` are their UUIDs.
    func leadLabels() async throws -> [JSON] {
        try await schemaLists.value("leadLabels") { [client] in
            .array(Extraction.data.rows(from: try await client.send(APIRequest(.get, .v1, "/leadLabels")).json))
        }.arrayValue ?? []
    }

    /// The `*Fields` lists today's v2 API serves (the 2026-08-18 spec's Fields API).
    static let v2FieldLists: Set<String> = ["/dealFields", "/personFields", "/organizationFields", "/productFields", "/activityFields"]

    /// The resource's fields: the catalog's, with the account's `*Fields` list (read once per session).
    public func schema(of resource: Resource) async throws -> Schema {
        Schema(resource: resource, customFields: try await customFields(of: resource), catalog: catalog)
    }

    /// The records of one page, custom fields folded in (see `Record`).
    public func records(_ page: Page, of resource: Resource) async throws -> [Record] {
        let schema = try await schema(of: resource)
        return page.rows.map(schema.record(from:))
    }

    /// A gathered field's value for one record (`/deals/{id}/flow`, Activity `Read deal`): fetched only
    /// when asked, for that record, never for each row of a list. At most `limit` rows; bytes as base64.
    public func gather(_ field: Field, of record: Record, limit: Int = 500) async throws -> JSON {
        let call: ResolvedCall?
        do {
            // v2 where the call has moved, unless the session is pinned to v1.
            call = try catalog.gatherCall(for: field, item: record, version: apiVersion == .v1 ? .v1 : nil)
        } catch {
            throw PipedriveError(.invalidInput, error.description)
        }
        guard let call, let request = call.requests.first else { return record[field.name] ?? .null }
        if call.extraction == .bytes {
            return .string(Data(try await client.download(request)).base64EncodedString())
        }
        let pages = PageSequence(client: client, request: request, extraction: call.extraction, limit: limit, prefetch: false)
        return .array(try await pages.allRows())
    }
}
