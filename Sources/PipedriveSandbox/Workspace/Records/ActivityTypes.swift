import Foundation
import JSONValue

/// `/activityTypes`: Pipedrive's six built-in types plus custom ones.
enum ActivityTypes {
    static let iconKeys = [
        "task", "email", "meeting", "deadline", "call", "lunch", "calendar", "downarrow", "document", "smartphone", "camera",
        "scissors", "cogs", "bubble", "uparrow", "checkbox", "signpost", "shuffle", "addressbook", "linegraph", "picture",
        "car", "world", "search", "clip", "sound", "brush", "key", "padlock", "pricetag", "suitcase", "finish", "plane",
        "loop", "wifi", "truck", "cart", "bulb", "bell", "presentation",
    ]
    static let builtIn = [("Call", "call"), ("Meeting", "meeting"), ("Task", "task"), ("Deadline", "deadline"), ("Email", "email"), ("Lunch", "lunch")]
    static let custom = [("Video call", "camera"), ("Demo 🎬", "presentation"), ("Café visit ☕", "lunch"), ("見積もり送付", "document")]
    static let createSchema = BodySchema(["name": .required(.string), "icon_key": .required(.oneOf(iconKeys)), "color": .optional(.string)])
    static let updateSchema = BodySchema([
        "name": .optional(.string), "icon_key": .optional(.oneOf(iconKeys)), "color": .optional(.string), "order_nr": .optional(.int),
    ])
    static let notFound = "Activity type not found"

    static func generate(into store: inout Store, _ options: GenerationOptions) {
        var random = SeededRandom(seed: options.seed, stream: "activityTypes")
        for (index, (name, icon)) in (builtIn + custom).enumerated() {
            let added = options.now - Int.random(in: 200 * 86_400...900 * 86_400, using: &random)
            let isCustom = index >= builtIn.count
            let shownName = isCustom && options.hostile && index == builtIn.count ? SampleText.hostile[0] : name
            store.save(
                "activityTypes",
                row(
                    id: store.nextID("activityTypes"), name: shownName, icon: icon, order: index + 1,
                    color: isCustom ? String(format: "%06x", Int.random(in: 0...0xFFFFFF, using: &random)) : "FFFFFF",
                    custom: isCustom, added: added, updated: added + Int.random(in: 0...86_400, using: &random),
                    keyString: isCustom ? nil : icon))
        }
    }

    static func row(id: Int, name: String, icon: String, order: Int, color: String, custom: Bool, added: Int, updated: Int, keyString: String?)
        -> JSON
    {
        [
            "id": .int(id), "order_nr": .int(order), "name": .string(name), "key_string": .string(keyString ?? Self.keyString(name, id)),
            "icon_key": .string(icon), "active_flag": true, "color": .string(color), "is_custom_flag": .bool(custom),
            "add_time": .string(Timestamp.v1(added)), "update_time": .string(Timestamp.v1(updated)),
        ]
    }

    /// Custom types get a snake-case key from their name, e.g. `video_call`; the id keeps it unique.
    static func keyString(_ name: String, _ id: Int) -> String {
        let ascii = name.lowercased().unicodeScalars.map { $0.isASCII && $0.properties.isAlphabetic ? Character($0) : "_" }
        let key = String(ascii).split(separator: "_").joined(separator: "_")
        return key.isEmpty ? "custom_\(id)" : key
    }

    static func register(in router: inout Router) {
        router.add("GET", .v1, "/activityTypes") { _, store throws(APIError) in
            Envelope.v1(.array(store["activityTypes"].all))
        }
        router.add("POST", .v1, "/activityTypes") { context, store throws(APIError) in
            let values = try createSchema.validate(try context.body())
            let now = store.tick()
            let id = store.nextID("activityTypes")
            let order = (store["activityTypes"].all.compactMap { $0["order_nr"]?.intValue }.max() ?? 0) + 1
            let type = row(
                id: id, name: values["name"]!.stringValue!, icon: values["icon_key"]!.stringValue!, order: order,
                color: values["color"]?.stringValue ?? "FFFFFF", custom: true, added: now, updated: now, keyString: nil)
            store.save("activityTypes", type)
            return Envelope.v1(type)
        }
        router.add("PUT", .v1, "/activityTypes/{id}") { context, store throws(APIError) in
            var type = try store.existing("activityTypes", try context.intParam("id"), notFound)
            let values = try updateSchema.validate(try context.body())
            for (key, value) in values { type[key] = value }
            type["update_time"] = .string(Timestamp.v1(store.tick()))
            store.save("activityTypes", type)
            return Envelope.v1(type)
        }
        router.add("DELETE", .v1, "/activityTypes/{id}") { context, store throws(APIError) in
            let id = try context.intParam("id")
            _ = try store.existing("activityTypes", id, notFound)
            return Envelope.v1(remove(id, at: store.tick(), from: &store))
        }
        // Bulk delete: removed from today's spec, kept for the seed; shaped on the 2026-01-14 spec.
        router.add("DELETE", .v1, "/activityTypes") { context, store throws(APIError) in
            let ids = try context.idList()
            if let missing = ids.first(where: { store["activityTypes"][$0] == nil }) { throw .notFound("Activity type \(missing) not found") }
            let now = store.tick()
            for id in ids { remove(id, at: now, from: &store) }
            return Envelope.v1(["id": .array(ids.map(JSON.int))])
        }
    }

    /// Deletes a type; Pipedrive answers with the type marked inactive.
    @discardableResult
    static func remove(_ id: Int, at time: Int, from store: inout Store) -> JSON {
        var type = store.delete("activityTypes", id)!
        type["active_flag"] = false
        type["update_time"] = .string(Timestamp.v1(time))
        store.deleted["activityTypes"]?.upsert(id, type)
        return type
    }
}
