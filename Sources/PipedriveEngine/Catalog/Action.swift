/// One action of a resource, as the seed declares it, with today's v2 replacement.
public struct Action: Sendable, Equatable {
    /// The resource's name (`deals`).
    public let resource: String
    /// Exactly as the seed writes it: `Read`, `Read deal`, `Create`...
    public let name: String
    public let kind: ActionKind
    public let method: HTTPMethod
    /// The seed's v1 path, relative to `/api/v1`, with `{name}` placeholders. A placeholder naming one of
    /// `parameters` takes that parameter; any other (`{id}`, `{type}`) takes the item's field.
    public let path: String
    public let parameters: [Parameter]
    public let automatic: [AutomaticParameter]
    public let extraction: Extraction
    /// Where the v1 call stands in Pipedrive's API today.
    public let status: EndpointStatus
    /// The call that replaces it in API v2, if Pipedrive moved it.
    public let v2: V2Call?
    public let documentation: String

    public init(
        resource: String, name: String, kind: ActionKind, method: HTTPMethod, path: String, parameters: [Parameter] = [],
        automatic: [AutomaticParameter] = [], extraction: Extraction = .data, status: EndpointStatus,
        v2: V2Call? = nil, documentation: String
    ) {
        self.resource = resource
        self.name = name
        self.kind = kind
        self.method = method
        self.path = path
        self.parameters = parameters
        self.automatic = automatic
        self.extraction = extraction
        self.status = status
        self.v2 = v2
        self.documentation = documentation
    }

    public func parameter(named name: String) -> Parameter? { parameters.first { $0.name == name } }
}

public enum ActionKind: String, Sendable, CaseIterable { case read, create, update, delete }

/// A parameter the user gives an action.
public struct Parameter: Sendable, Equatable {
    public let name: String
    public let isRequired: Bool
    /// The seed's words, e.g. "Specify deal identifier."
    public let description: String
    public let kind: ParameterKind

    public init(name: String, isRequired: Bool = true, description: String, kind: ParameterKind) {
        self.name = name
        self.isRequired = isRequired
        self.description = description
        self.kind = kind
    }
}

public enum ParameterKind: Sendable, Equatable {
    /// The id of a record of that resource (`deal_id` → `deals`): a positive integer.
    case id(of: String)
    /// A search term: at least 2 characters.
    case term
    /// A mail folder: inbox, drafts, sent or archive.
    case folder
    /// A UTC timestamp `YYYY-MM-DD HH:MM:SS`.
    case timestamp
}

/// A request parameter the action fills in itself.
public enum AutomaticParameter: Sendable, Equatable {
    /// A fixed query parameter, e.g. `items=deal` on `/recents`.
    case fixed(name: String, value: String)
    /// The ids of the batch, comma-joined (`ids=1,2,3`), for v1 bulk deletes.
    case batchIDs(name: String)
    /// The item's file content, sent as a multipart upload under that form name.
    case itemContent(name: String)
}

/// Where a seed call stands in Pipedrive's published API (seed-endpoints-today.md).
public enum EndpointStatus: String, Sendable, CaseIterable {
    /// In today's v1 spec.
    case current
    /// Deprecated, out of support since 2026-08-01; v2 replaces it.
    case deprecated
    /// Dropped from today's v1 spec without a deprecation mark.
    case removed
    /// In neither v1 spec.
    case absent
}

/// Today's v2 call for an action.
public struct V2Call: Sendable, Equatable {
    public let method: HTTPMethod
    /// Relative to `/api/v2`, with `{id}` for the item's id.
    public let path: String
    /// The action's parameters that go into the v2 query (`deal_id` for `?deal_id=`).
    public let query: [String]
    /// One call per id of the batch (v2 has no bulk delete).
    public let perID: Bool

    public init(_ method: HTTPMethod, _ path: String, query: [String] = [], perID: Bool = false) {
        self.method = method
        self.path = path
        self.query = query
        self.perID = perID
    }
}
