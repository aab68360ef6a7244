import JSONValue

/// Users, teams and roles: the people of the company, generated before everything that refers to them.
enum PeopleData {
    static let roleNames: [(name: String, parent: Int?)] = [
        ("Company", nil), ("Sales managers", 1), ("Account executives", 2), ("Sales development", 2), ("Support", 1),
    ]
    static let timezones = [
        ("Europe/Tallinn", "+02:00"), ("Europe/Berlin", "+01:00"), ("America/New_York", "-05:00"),
        ("Asia/Tokyo", "+09:00"), ("Asia/Jerusalem", "+02:00"), ("Australia/Adelaide", "+10:30"), ("UTC", "+00:00"),
    ]
    static let locales = [("en_US", 1), ("de_DE", 2), ("et_EE", 3), ("ja_JP", 4), ("he_IL", 5), ("fr_FR", 6)]

    static func generate(into store: inout Store, _ options: GenerationOptions) {
        var random = SeededRandom(seed: options.seed, stream: "roles")
        for (name, parent) in roleNames {
            let id = store.nextID("roles")
            store.save("roles", ["id": .int(id), "parent_role_id": parent.map(JSON.int) ?? nil, "name": .string(name), "active_flag": true])
        }
        random = SeededRandom(seed: options.seed, stream: "users")
        let userCount = 15 * max(options.scale, 1)
        for index in 0..<userCount {
            let name = index == 0 ? "Kaisa Tamm" : SampleText.personName(&random, hostile: options.hostile)
            let created = options.now - Int.random(in: 400 * 86_400...1_100 * 86_400, using: &random)
            let modified = index % 4 == 0 ? options.now - Int.random(in: 60...86_000, using: &random)
                : options.now - Int.random(in: 86_400...300 * 86_400, using: &random)
            store.save(
                "users",
                userRow(
                    id: store.nextID("users"), name: name, email: SampleText.email(name, index + 1, &random),
                    admin: index == 0 || random.chance(0.1), active: index == 0 || random.chance(0.9),
                    roleID: index == 0 ? 1 : Int.random(in: 2...roleNames.count, using: &random),
                    created: created, modified: modified, lastLogin: options.now - Int.random(in: 60...30 * 86_400, using: &random),
                    random: &random))
        }
        random = SeededRandom(seed: options.seed, stream: "teams")
        let userIDs = store["users"].ids
        for index in 0..<(3 + max(options.scale, 1)) {
            let members = Array(userIDs.shuffled(using: &random).prefix(Int.random(in: 2...max(2, userIDs.count / 2), using: &random))).sorted()
            let name = options.hostile && index == 0 ? SampleText.hostile[0] : SampleText.teamNames[index % SampleText.teamNames.count]
            store.save(
                "teams",
                [
                    "id": .int(store.nextID("teams")), "name": .string(name),
                    "description": .string(SampleText.phrase(&random, words: 4, hostile: options.hostile)),
                    "manager_id": .int(members[0]), "users": .array(members.map(JSON.int)), "active_flag": index == 2 ? 0 : 1,
                    "deleted_flag": 0, "add_time": .string(Timestamp.v1(options.now - Int.random(in: 86_400...500 * 86_400, using: &random))),
                    "created_by_user_id": 1,
                ])
        }
    }

    /// A v1 user row (the `/users` schema).
    static func userRow(
        id: Int, name: String, email: String, admin: Bool, active: Bool, roleID: Int, created: Int, modified: Int,
        lastLogin: Int?, random: inout SeededRandom
    ) -> JSON {
        let (timezone, offset) = random.pick(timezones)
        let (locale, lang) = random.pick(locales)
        let access: JSON = [
            ["app": "sales", "admin": .bool(admin), "permission_set_id": .string(permissionSet(admin ? 1 : 2))],
            ["app": "global", "admin": .bool(admin), "permission_set_id": .string(permissionSet(admin ? 3 : 4))],
        ]
        var user: JSON = [
            "id": .int(id), "name": .string(name), "default_currency": .string(random.pick(["EUR", "USD", "GBP", "JPY"])),
            "locale": .string(locale), "lang": .int(lang), "email": .string(email),
            "phone": random.chance(0.7) ? .string("+372 5\(Int.random(in: 100_000...999_999, using: &random))") : nil,
            "activated": .bool(active),
            "created": .string(Timestamp.v1(created)), "modified": .string(Timestamp.v1(modified)),
            "has_created_company": .bool(id == 1), "access": access, "active_flag": .bool(active),
            "timezone_name": .string(timezone), "timezone_offset": .string(offset), "role_id": .int(roleID),
            "icon_url": nil, "is_you": false, "is_deleted": false, "is_admin": .int(admin ? 1 : 0),
        ]
        // A user who never logged in has no `last_login` (the spec's is a non-nullable string).
        if let lastLogin { user["last_login"] = .string(Timestamp.v1(lastLogin)) }
        return user
    }

    /// Permission sets are UUIDs in Pipedrive; the sandbox has four fixed ones.
    static func permissionSet(_ number: Int) -> String { "00000000-0000-4000-8000-00000000000\(number)" }
}
