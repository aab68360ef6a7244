// Stored row (tables `dealFields`, `personFields`, `organizationFields`, `productFields`,
// `activityFields`, `noteFields`), in v1's field shape:
//   id: Int, key: String (built-in name, or 40-hex for custom fields), name: String, order_nr: Int,
//   field_type: String, description: String?, options: [{id: Int|String, label: String, color?}]?,
//   edit_flag: Bool (true for custom fields), active_flag, index_visible_flag, details_visible_flag,
//   add_visible_flag, important_flag, bulk_edit_allowed, searchable_flag, filtering_allowed,
//   sortable_flag, mandatory_flag: Bool, created_by_user_id, last_updated_by_user_id: Int,
//   add_time, update_time: "YYYY-MM-DD HH:MM:SS".
import JSONValue

/// The field lists of the sales entities: their built-in fields and the field types custom fields may have.
enum FieldCatalog {
    /// The `*Fields` tables, by entity table.
    static let tables = [
        "deals": "dealFields", "persons": "personFields", "organizations": "organizationFields",
        "products": "productFields", "activities": "activityFields", "notes": "noteFields",
    ]

    /// Types a custom field may be created with (v1 `POST /dealFields`, v2 Fields API).
    static let creatableTypes = [
        "varchar", "varchar_auto", "text", "double", "monetary", "date", "daterange", "time", "timerange", "phone",
        "address", "enum", "set", "user", "org", "people", "visible_to",
    ]

    /// Built-in fields as (key, name, field_type, options).
    typealias BuiltIn = (key: String, name: String, type: String, options: [String])

    static let visibility = ["1", "3", "5", "7"]

    static func builtIns(_ fieldsTable: String) -> [BuiltIn] {
        switch fieldsTable {
        case "dealFields":
            return [
                ("id", "ID", "int", []), ("title", "Title", "varchar", []), ("creator_user_id", "Creator", "user", []),
                ("user_id", "Owner", "user", []), ("value", "Value", "monetary", []), ("currency", "Currency", "varchar_options", []),
                ("weighted_value", "Weighted value", "monetary", []), ("probability", "Probability", "double", []),
                ("org_id", "Organization", "org", []), ("pipeline", "Pipeline", "double", []), ("person_id", "Contact person", "people", []),
                ("stage_id", "Stage", "stage", []), ("status", "Status", "status", ["open", "won", "lost", "deleted"]),
                ("add_time", "Deal created", "date", []), ("update_time", "Update time", "date", []),
                ("stage_change_time", "Last stage change", "date", []), ("won_time", "Won time", "date", []),
                ("lost_time", "Lost time", "date", []), ("close_time", "Deal closed on", "date", []),
                ("lost_reason", "Lost reason", "varchar_options", []), ("visible_to", "Visible to", "visible_to", visibility),
                ("expected_close_date", "Expected close date", "date", []), ("label", "Label", "set", []),
                ("origin", "Source origin", "varchar", []), ("channel", "Source channel", "enum", []),
                ("channel_id", "Source channel ID", "varchar", []), ("products_count", "Number of products", "int", []),
            ]
        case "personFields":
            return [
                ("id", "ID", "int", []), ("name", "Name", "varchar", []), ("first_name", "First name", "varchar", []),
                ("last_name", "Last name", "varchar", []), ("org_id", "Organization", "org", []), ("owner_id", "Owner", "user", []),
                ("email", "Email", "varchar", []), ("phone", "Phone", "phone", []), ("label_ids", "Labels", "set", []),
                ("add_time", "Person created", "date", []), ("update_time", "Update time", "date", []),
                ("visible_to", "Visible to", "visible_to", visibility),
                ("marketing_status", "Marketing status", "enum", ["no_consent", "unsubscribed", "subscribed", "archived"]),
            ]
        case "organizationFields":
            return [
                ("id", "ID", "int", []), ("name", "Name", "varchar", []), ("owner_id", "Owner", "user", []),
                ("address", "Address", "address", []), ("label_ids", "Labels", "set", []),
                ("add_time", "Organization created", "date", []), ("update_time", "Update time", "date", []),
                ("visible_to", "Visible to", "visible_to", visibility),
            ]
        case "productFields":
            return [
                ("id", "ID", "int", []), ("name", "Name", "varchar", []), ("code", "Product code", "varchar", []),
                ("description", "Description", "text", []), ("unit", "Unit", "varchar", []), ("tax", "Tax", "double", []),
                ("category", "Category", "enum", productCategories), ("active_flag", "Active", "boolean", []),
                ("selectable", "Selectable", "boolean", []), ("visible_to", "Visible to", "visible_to", visibility),
                ("owner_id", "Owner", "user", []), ("prices", "Price", "price_list", []),
                ("billing_frequency", "Billing frequency", "billing_frequency", Products.frequencies),
                ("add_time", "Product created", "date", []), ("update_time", "Update time", "date", []),
            ]
        case "activityFields":
            return [
                ("id", "ID", "int", []), ("subject", "Subject", "varchar", []), ("type", "Type", "varchar_options", []),
                ("due_date", "Due date", "date", []), ("due_time", "Due time", "time", []), ("duration", "Duration", "time", []),
                ("user_id", "Assigned to user", "user", []), ("deal_id", "Deal", "deal", []), ("lead_id", "Lead", "lead", []),
                ("person_id", "Contact person", "people", []), ("org_id", "Organization", "org", []),
                ("note", "Note", "text", []), ("public_description", "Description", "text", []),
                ("location", "Location", "address", []), ("busy_flag", "Free/busy", "boolean", []),
                ("done", "Done", "boolean", []), ("add_time", "Activity created", "date", []),
                ("update_time", "Update time", "date", []),
            ]
        case "noteFields":
            return [
                ("id", "ID", "int", []), ("content", "Content", "text", []), ("deal_id", "Deal", "deal", []),
                ("person_id", "Person", "people", []), ("org_id", "Organization", "org", []), ("lead_id", "Lead", "lead", []),
                ("user_id", "User", "user", []), ("add_time", "Note created", "date", []),
                ("update_time", "Update time", "date", []), ("pinned_to_deal_flag", "Pinned to deal", "boolean", []),
                ("pinned_to_person_flag", "Pinned to person", "boolean", []),
                ("pinned_to_organization_flag", "Pinned to organization", "boolean", []),
                ("pinned_to_lead_flag", "Pinned to lead", "boolean", []),
            ]
        case "leadFields":
            return [
                ("title", "Title", "varchar", []), ("owner_id", "Owner", "user", []), ("person_id", "Person", "people", []),
                ("organization_id", "Organization", "org", []), ("value", "Value", "monetary", []),
                ("expected_close_date", "Expected close date", "date", []), ("label_ids", "Labels", "set", []),
                ("source_name", "Source", "varchar", []), ("visible_to", "Visible to", "visible_to", visibility),
                ("add_time", "Lead created", "date", []), ("update_time", "Update time", "date", []),
            ]
        default: return []
        }
    }

    /// Product categories: real accounts answer a product's `category` with one of these option ids, as a string.
    static let productCategories = ["11", "12", "13"]
    static let productCategoryLabels = ["11": "Hardware", "12": "Software", "13": "Services"]

    /// A built-in field row, shaped as real accounts answer it: option ids as the records carry them (strings
    /// such as `"won"`, integers for `visible_to`, booleans for a flag), and conditional mandatory flags.
    static func builtInRow(_ field: BuiltIn, id: Int, time: String) -> JSON {
        var row = baseRow(id: id, key: field.key, name: field.name, type: field.type, custom: false, time: time)
        row["options"] = field.options.isEmpty ? .null : .array(field.options.map { code in
            ["id": field.type == "visible_to" ? .int(Int(code) ?? 0) : .string(code), "label": .string(label(code))]
        })
        if field.key == "busy_flag" { row["options"] = [["id": true, "label": "Busy"], ["id": false, "label": "Free"]] }
        row["mandatory_flag"] = conditionalMandatory[field.key] ?? .bool(["title", "name", "subject", "content"].contains(field.key))
        if ["title", "name", "subject"].contains(field.key) {
            row["use_field"] = "id"
            row["link"] = .string("/\(field.key == "subject" ? "activity" : "item")/")
        }
        return .object(row)
    }

    /// Built-in fields required only when a condition holds, as real `dealFields` answers carry them (the API
    /// itself does not enforce them): a lost reason when the deal is lost.
    static let conditionalMandatory: [String: JSON] = ["lost_reason": ["status": "=lost"]]

    /// A custom field row; `options` are (id, label) for enum and set fields.
    static func customRow(id: Int, key: String, name: String, type: String, options: [(Int, String)], userID: Int, time: String)
        -> JSON
    {
        var row = baseRow(id: id, key: key, name: name, type: type, custom: true, time: time)
        row["options"] = options.isEmpty ? .null : .array(options.map { ["id": .int($0.0), "label": .string($0.1)] })
        row["created_by_user_id"] = .int(userID)
        row["last_updated_by_user_id"] = .int(userID)
        row["searchable_flag"] = .bool(["varchar", "varchar_auto", "text", "double", "monetary", "phone", "address"].contains(type))
        return .object(row)
    }

    private static func baseRow(id: Int, key: String, name: String, type: String, custom: Bool, time: String) -> [String: JSON] {
        [
            "id": .int(id), "key": .string(key), "name": .string(name), "order_nr": .int(id), "field_type": .string(type),
            "add_time": .string(time), "update_time": .string(time), "last_updated_by_user_id": 1, "created_by_user_id": 1,
            "active_flag": true, "edit_flag": .bool(custom), "index_visible_flag": true, "details_visible_flag": true,
            "add_visible_flag": .bool(!custom || type != "text"), "important_flag": false, "bulk_edit_allowed": true,
            "searchable_flag": .bool(["title", "name", "email", "phone", "code"].contains(key)), "filtering_allowed": true,
            "sortable_flag": .bool(!["address", "set", "text"].contains(type)), "mandatory_flag": false, "description": .null,
            "group_id": .null, "json_column_flag": false, "restriction_settings": [], "show_in_pipelines": ["show_in_all": true],
        ]
    }

    private static func label(_ code: String) -> String {
        visibilityLabels[code] ?? productCategoryLabels[code] ?? code.replacingOccurrences(of: "_", with: " ").capitalized
    }

    /// What Pipedrive's web app calls each `visible_to` level.
    static let visibilityLabels = [
        "1": "Owner & followers", "3": "Entire company", "5": "Owner's visibility group",
        "7": "Owner's visibility group and sub-groups",
    ]
}

/// The v1 `*Fields` list as real accounts answer it: each composite field followed by its sub-field entries
/// (`id` null, `is_subfield`, `parent_id`, `id_suffix`): the currency of a monetary field (a deal's `value`
/// has `currency`, others `<key>_currency`), the end of a range, the parts of an address.
enum SubfieldEntries {
    static func listing(_ rows: [JSON], table: String) -> [JSON] {
        var out: [JSON] = []
        for row in rows {
            let key = row["key"]?.stringValue ?? ""
            // A deal's currency is the sub-field of its value, listed after it.
            if table == "dealFields", key == "currency" { continue }
            out.append(row)
            for (suffix, name) in parts(type: row["field_type"]?.stringValue ?? "") {
                let parentName = row["name"]?.stringValue ?? key
                out.append([
                    "id": .null, "key": .string(table == "dealFields" && key == "value" ? suffix : "\(key)_\(suffix)"),
                    "name": .string("\(name) of \(parentName)"), "field_type": "varchar", "edit_flag": row["edit_flag"] ?? false,
                    "active_flag": true, "is_subfield": true, "mandatory_flag": row["mandatory_flag"] == true ? true : false,
                    "parent_id": row["id"] ?? .null, "id_suffix": .string(suffix),
                ])
            }
        }
        return out
    }

    /// The sub-fields of a field type, as (suffix, what it is).
    static func parts(type: String) -> [(String, String)] {
        switch type {
        case "monetary": [("currency", "Currency")]
        case "daterange", "timerange": [("until", "End")]
        case "address": Address.subfields.map { ($0, $0.replacingOccurrences(of: "_", with: " ").capitalizedFirst) }
        default: []
        }
    }
}
