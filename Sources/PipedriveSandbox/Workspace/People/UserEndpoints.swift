import Foundation
import JSONValue

/// `/users`, `/users/me`, `/users/find` and `/users/{id}` (the users' followers are in `Followers`).
enum UserEndpoints {
    static let notFound = "User not found or not accessible."
    static let createSchema = BodySchema(["email": .required(.string), "access": .optional(.array), "active_flag": .optional(.bool)])
    static let updateSchema = BodySchema(["active_flag": .required(.bool)])
    static let apps = ["global", "sales", "campaigns", "projects", "account_settings", "partnership", "nova"]

    static let spec: WorkspaceSpec = {
        var spec = WorkspaceSpec(table: "users", noun: "User") { _ in .notFound(notFound) }
        // Real answers name the company in `additional_data`.
        spec.list = .custom { context, store throws(APIError) in
            Envelope.v1(.array(store["users"].all.map { present($0, context) }), additionalData: ["company_id": .int(Company.id)])
        }
        spec.present = { user, context, _ in present(user, context) }
        spec.create = .init(schema: createSchema) { id, values, _, now, store throws(APIError) in
            let email = values["email"]!.stringValue!
            guard email.contains("@") else { throw .badRequest("Parameter 'email' must be an e-mail address.") }
            guard !store["users"].all.contains(where: { $0["email"]?.stringValue?.lowercased() == email.lowercased() }) else {
                throw .badRequest("A user with this email already exists.")
            }
            let access = try accessList(values["access"])
            var random = SeededRandom(seed: UInt64(id), stream: "new user")
            var user = PeopleData.userRow(
                id: id, name: String(email.prefix(while: { $0 != "@" })), email: email, admin: false,
                active: values["active_flag"]?.boolValue ?? true, roleID: 1, created: now, modified: now, lastLogin: nil,
                random: &random)
            if let access { user["access"] = access }
            return user
        }
        spec.update = .init(schema: updateSchema, stamp: "modified")
        return spec
    }()

    static func register(in router: inout Router) {
        WorkspaceRoutes.register(spec, in: &router)
        router.add("GET", .v1, "/users/me") { context, store throws(APIError) in
            var user = present(try store.existing("users", context.userID, notFound), context)
            user["company_id"] = .int(Company.id)
            user["company_name"] = .string(Company.name)
            user["company_domain"] = .string(Company.domain)
            user["company_country"] = .string(Company.country)
            user["company_industry"] = .string(Company.industry)
            let locale = user["locale"]?.stringValue?.split(separator: "_").map(String.init) ?? ["en", "US"]
            user["language"] = ["language_code": .string(locale[0]), "country_code": .string(locale.last!)]
            return Envelope.v1(user)
        }
        router.add("GET", .v1, "/users/find") { context, store throws(APIError) in
            guard let term = context.query["term"], !term.isEmpty else { throw .badRequest("Parameter 'term' is required.") }
            let byEmail = context.query["search_by_email"] == "1" || context.query["search_by_email"] == "true"
            let found = store["users"].all.filter { user in
                let field = (byEmail ? user["email"] : user["name"])?.stringValue ?? ""
                return field.range(of: term, options: [.caseInsensitive, .diacriticInsensitive]) != nil
            }
            return Envelope.v1(.array(found.map { present($0, context) }))
        }
    }

    /// The row as the token's user sees it: `is_you` marks the token's own user.
    static func present(_ user: JSON, _ context: RouteContext) -> JSON {
        var user = user
        user["is_you"] = .bool(user["id"]?.intValue == context.userID)
        return user
    }

    /// `access: [{app, admin, permission_set_id}]`, each `app` from the spec's list.
    static func accessList(_ value: JSON?) throws(APIError) -> JSON? {
        guard let items = value?.arrayValue else { return nil }
        var access: [JSON] = []
        for item in items {
            guard let app = item["app"]?.stringValue, apps.contains(app) else {
                throw .badRequest("Parameter 'access' must list objects with an 'app' of: \(apps.joined(separator: ", ")).")
            }
            let admin = item["admin"]?.boolValue ?? false
            access.append([
                "app": .string(app), "admin": .bool(admin),
                "permission_set_id": item["permission_set_id"] ?? .string(PeopleData.permissionSet(admin ? 1 : 2)),
            ])
        }
        return .array(access)
    }
}
