/// The seed's Pipedrive connection as data: every resource with its actions and fields, and the field
/// templates. Built into the binary (`CatalogData.swift`, generated from the seed by
/// `scripts/generate-catalog.py`), so nothing is read at run time.
public struct Catalog: Sendable {
    public let resources: [Resource]
    public let templates: [TemplateDefinition]

    public init(resources: [Resource], templates: [TemplateDefinition]) {
        self.resources = resources
        self.templates = templates
    }

    /// The catalog of the seed.
    public static let pipedrive = Catalog(resources: CatalogData.resources, templates: CatalogData.templates)

    /// The resource of that name, case-insensitively (`deals`, `DEALS`, `activitytypes`).
    public func resource(named name: String) -> Resource? {
        let wanted = name.lowercased()
        return resources.first { $0.name.lowercased() == wanted }
    }

    public func definition(of template: Template) -> TemplateDefinition? {
        templates.first { $0.template == template }
    }

    public var actionCount: Int { resources.reduce(0) { $0 + $1.actions.count } }
}

/// One resource of the seed, named by the last segment of its Read path (`deals`, `activityTypes`).
public struct Resource: Sendable, Equatable {
    public let name: String
    public let actions: [Action]
    /// "The resource includes the fields from the X template": its components come before `fields`.
    public let includedTemplate: Template?
    /// The fields the seed lists for the resource itself, in the seed's order.
    public let fields: [Field]
    /// The `[External]` custom fields endpoint (v1), e.g. `/dealFields`; its `data` lists the fields.
    public let customFieldsPath: String?

    public init(
        name: String, actions: [Action], includedTemplate: Template? = nil, fields: [Field],
        customFieldsPath: String? = nil
    ) {
        self.name = name
        self.actions = actions
        self.includedTemplate = includedTemplate
        self.fields = fields
        self.customFieldsPath = customFieldsPath
    }

    /// The action of that name, case-insensitively (`Read deal`).
    public func action(named name: String) -> Action? {
        let wanted = name.lowercased()
        return actions.first { $0.name.lowercased() == wanted }
    }

    /// The plain `Read` action (absent for `subscriptions`).
    public var readAction: Action? { action(named: "Read") }
}
