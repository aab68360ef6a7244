import JSONValue

/// v1's `related_objects`: the users, persons, organizations, stages and pipelines a response refers to,
/// keyed by id as a string.
struct RelatedObjects {
    var users: Set<Int> = []
    var persons: Set<Int> = []
    var organizations: Set<Int> = []
    var stages: Set<Int> = []
    var pipelines: Set<Int> = []

    var isEmpty: Bool {
        users.isEmpty && persons.isEmpty && organizations.isEmpty && stages.isEmpty && pipelines.isEmpty
    }

    func json(_ store: Store) -> JSON {
        var out: [String: JSON] = [:]
        func add(_ name: String, _ ids: Set<Int>, _ make: (Int) -> JSON?) {
            guard !ids.isEmpty else { return }
            var objects: [String: JSON] = [:]
            for id in ids { if let object = make(id) { objects[String(id)] = object } }
            out[name] = .object(objects)
        }
        add("user", users) { id in
            var user = V1Summary.user(id, store)
            user["value"] = nil
            return user
        }
        add("person", persons) { id in
            guard var person = V1Summary.person(id, store) else { return nil }
            person["value"] = nil
            person["id"] = .int(id)
            person["owner_id"] = store["persons"][id]?["owner_id"] ?? .null
            return person
        }
        add("organization", organizations) { id in
            guard var org = V1Summary.organization(id, store) else { return nil }
            org["value"] = nil
            org["id"] = .int(id)
            return org
        }
        add("stage", stages) { id in store["stages"][id].map { Stages.v1Object($0, store) } }
        add("pipeline", pipelines) { id in store["pipelines"][id].map(Pipelines.v1Object) }
        return .object(out)
    }
}

/// The summary objects v1 puts in place of an id (`user_id`, `person_id`, `org_id` on a deal).
enum V1Summary {
    /// A user summary. Users belong to the workspace part; before it has made any, owners 1...10 are
    /// summarised from their id alone.
    /// v1 types `has_pic` as 0/1 in most user objects and as a boolean in deals' and products'.
    static func user(_ id: Int, _ store: Store, booleanPicture: Bool = false) -> JSON {
        let row = store["users"][id]
        let hasPicture = row?["has_pic"] == true || row?["has_pic"]?.intValue == 1
        return [
            "id": .int(id), "name": row?["name"] ?? .string("User \(id)"),
            "email": row?["email"] ?? .string("user\(id)@example.com"),
            "has_pic": booleanPicture ? .bool(hasPicture) : .int(hasPicture ? 1 : 0),
            "pic_hash": row?["pic_hash"] ?? .null, "active_flag": row?["active_flag"] ?? true, "value": .int(id),
        ]
    }

    static func userName(_ id: Int?, _ store: Store) -> JSON {
        guard let id else { return .null }
        return store["users"][id]?["name"] ?? .string("User \(id)")
    }

    static func person(_ id: Int, _ store: Store) -> JSON? {
        guard let row = store["persons"][id] else { return nil }
        return [
            "active_flag": true, "name": row["name"] ?? .null, "email": row["emails"] ?? [], "phone": row["phones"] ?? [],
            "value": .int(id),
        ]
    }

    static func organization(_ id: Int, _ store: Store) -> JSON? {
        guard let row = store["organizations"][id] else { return nil }
        return [
            "name": row["name"] ?? .null, "owner_id": row["owner_id"] ?? .null,
            "address": row["address"]?["value"] ?? .null, "active_flag": true,
            "cc_email": .string("org\(id)@sandbox.pipedrivemail.com"), "value": .int(id),
        ]
    }

    /// `user_id`-style field: the summary object, recording the user as related.
    static func userField(_ id: JSON?, _ context: inout RenderContext, booleanPicture: Bool = false) -> JSON {
        guard let id = id?.intValue else { return .null }
        if context.flatReferences { return .int(id) }
        context.related.users.insert(id)
        return user(id, context.store, booleanPicture: booleanPicture)
    }

    static func personField(_ id: JSON?, _ context: inout RenderContext) -> JSON {
        guard let id = id?.intValue, let summary = person(id, context.store) else { return .null }
        if context.flatReferences { return .int(id) }
        context.related.persons.insert(id)
        return summary
    }

    static func organizationField(_ id: JSON?, _ context: inout RenderContext) -> JSON {
        guard let id = id?.intValue, let summary = organization(id, context.store) else { return .null }
        if context.flatReferences { return .int(id) }
        context.related.organizations.insert(id)
        return summary
    }

    /// v1 shows `visible_to` as a string.
    static func visibleTo(_ value: JSON?) -> JSON { value?.intValue.map { .string(String($0)) } ?? "3" }
}
