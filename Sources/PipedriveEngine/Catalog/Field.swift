/// One field of a resource, as the seed declares it.
public struct Field: Sendable, Equatable {
    /// The key in the API's records.
    public let name: String
    /// "Template: X."
    public let template: Template?
    /// "Data type: X" (it wins over the template's).
    public let dataType: DataType?
    public let isKey: Bool
    public let isReadOnly: Bool
    public let isComposite: Bool
    /// "Field components": an array, or an object, of named components.
    public let components: Components?
    /// Where a field not in the record itself is fetched from.
    public let gather: Gather?

    public init(
        _ name: String, template: Template? = nil, dataType: DataType? = nil, isKey: Bool = false,
        isReadOnly: Bool = false, isComposite: Bool = false, components: Components? = nil,
        gather: Gather? = nil
    ) {
        self.name = name
        self.template = template
        self.dataType = dataType
        self.isKey = isKey
        self.isReadOnly = isReadOnly
        self.isComposite = isComposite
        self.components = components
        self.gather = gather
    }
}

/// A field's "Field components".
public struct Components: Sendable, Equatable {
    /// "An array."
    public let isArray: Bool
    /// "Uses template: X."
    public let template: Template?
    /// "Contains the following components: ..." (empty when the template gives them).
    public let names: [String]

    public init(isArray: Bool = false, template: Template? = nil, names: [String] = []) {
        self.isArray = isArray
        self.template = template
        self.names = names
    }
}

/// How a gathered field's value is fetched, for one item.
public enum Gather: Sendable, Equatable {
    /// A v1 sub-endpoint, `{id}` being the item's id (`/deals/{id}/flow`), and how to read its body.
    case endpoint(path: String, extraction: Extraction)
    /// Another resource's action, with one parameter set to the item's id
    /// (Activity `Read deal` with `deal_id=item.id`).
    case action(resource: String, action: String, parameter: String)
}

/// The seed's field templates.
public enum Template: String, Sendable, CaseIterable {
    case shortText = "ShortText"
    case longText = "LongText"
    case dateTime = "DateTime"
    case user = "User"
    case reference = "Reference"
    case personRef = "PersonRef"
    case organizationRef = "OrganizationRef"
    case activity = "Activity"
    case file = "File"
    case person = "Person"
    case product = "Product"
    case deal = "Deal"
    case follower = "Follower"
    case customField = "CustomField"
}

/// What a template is: a data type, or another template with components.
public struct TemplateDefinition: Sendable, Equatable {
    public let template: Template
    public let dataType: DataType?
    /// "Uses template: X."
    public let base: Template?
    public let components: [String]

    public init(_ template: Template, dataType: DataType? = nil, base: Template? = nil, components: [String] = []) {
        self.template = template
        self.dataType = dataType
        self.base = base
        self.components = components
    }
}

/// The seed's (SSIS) data types.
public enum DataType: Sendable, Equatable, CustomStringConvertible {
    case i4
    case bool
    case r8
    case wstr(length: Int)
    case dbTimestamp
    case image

    public var description: String {
        switch self {
        case .i4: "DT_I4"
        case .bool: "DT_BOOL"
        case .r8: "DT_R8"
        case .wstr(let length): "DT_WSTR(\(length))"
        case .dbTimestamp: "DT_DBTIMESTAMP"
        case .image: "DT_IMAGE"
        }
    }
}
