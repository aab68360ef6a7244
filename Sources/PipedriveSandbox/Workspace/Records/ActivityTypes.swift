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

    static let spec: WorkspaceSpec = {
        var spec = WorkspaceSpec(table: "activityTypes", noun: "Activity type", paths: ["/activityTypes"])
        spec.list = .all
        spec.get = .none
        spec.create = .init(schema: createSchema) { key, values, _, now, store in
            let order = (store["activityTypes"].all.compactMap { $0["order_nr"]?.intValue }.max() ?? 0) + 1
            return row(
                id: key, name: values["name"]!.stringValue!, icon: values["icon_key"]!.stringValue!, order: order,
                color: values["color"]?.stringValue ?? "FFFFFF", custom: true, added: now, updated: now, keyString: nil)
        }
        spec.update = .init(schema: updateSchema, stamp: "update_time")
        // Bulk delete: removed from today's spec, kept for the seed; shaped on the 2026-01-14 spec.
        // A deleted type is answered, and kept, marked inactive.
        spec.delete = .init(
            bulk: true,
            mark: { type, now in
                type["active_flag"] = false
                type["update_time"] = .string(Timestamp.v1(now))
            },
            answer: { Envelope.v1($0) })
        return spec
    }()
}
