import Foundation
import JSONValue

/// File rows (v1 `/files` shape) and their bytes, kept in `store.blobs["files/<id>"]`.
enum FileRows {
    /// The sales tables a file can be attached to, with the row key and the key of the item's name.
    static let links: [(key: String, entity: String, nameKey: String)] = [
        ("deal_id", "deals", "deal_name"), ("person_id", "persons", "person_name"), ("org_id", "organizations", "org_name"),
        ("product_id", "products", "product_name"), ("activity_id", "activities", ""),
    ]

    static func blobKey(_ id: Int) -> String { "files/\(id)" }

    /// A file row for `bytes` named `fileName`, attached to the items in `linkedIDs` (keyed like `deal_id`).
    static func row(
        id: Int, fileName: String, size: Int, userID: Int, linkedIDs: [String: Int], added: Int, updated: Int,
        description: String, store: Store
    ) -> JSON {
        var row: JSON = [
            "id": .int(id), "user_id": .int(userID),
            "add_time": .string(Timestamp.v1(added)), "update_time": .string(Timestamp.v1(updated)),
            "file_name": .string(fileName), "file_type": .string(fileType(fileName)), "file_size": .int(size),
            "active_flag": true, "inline_flag": false, "remote_location": "s3", "remote_id": .string(fileName), "cid": "",
            "s3_bucket": "", "mail_message_id": "", "mail_template_id": "", "lead_name": "", "project_name": "",
            "people_name": "",
            "url": .string("https://\(Company.domain).pipedrive.com/api/v1/files/\(id)/download"),
            "name": .string(fileName), "description": .string(description),
        ]
        // The spec declares the links non-nullable integers: an absent link is left out rather than null.
        for (key, entity, nameKey) in links {
            let linked = linkedIDs[key]
            if let linked { row[key] = .int(linked) }
            if !nameKey.isEmpty { row[nameKey] = .string(linked.flatMap { store.label(entity, $0) } ?? "") }
        }
        row["people_name"] = row["person_name"]
        return row
    }

    /// Pipedrive's coarse file type from the extension.
    static func fileType(_ name: String) -> String {
        switch name.split(separator: ".").last?.lowercased() ?? "" {
        case "png", "jpg", "jpeg", "gif", "svg": "img"
        case "pdf": "pdf"
        case "csv", "xls", "xlsx": "spreadsheet"
        case "doc", "docx", "txt", "md", "json": "text"
        default: "other"
        }
    }

    /// Deterministic content for a generated file: text, CSV, JSON, SVG or Markdown in many scripts.
    static func content(_ name: String, _ random: inout SeededRandom, hostile: Bool) -> [UInt8] {
        let lines = (0..<Int.random(in: 3...40, using: &random)).map { _ in
            SampleText.phrase(&random, words: Int.random(in: 3...9, using: &random), hostile: hostile)
        }
        let text: String
        switch name.split(separator: ".").last ?? "" {
        case "csv": text = "id,item,amount\n" + lines.enumerated().map { "\($0.offset + 1),\"\($0.element.replacingQuotes)\",\(Int.random(in: 1...9_999, using: &random))" }.joined(separator: "\n") + "\n"
        case "json": text = JSON.array(lines.map(JSON.string)).serializedString
        case "svg": text = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"40\"><text x=\"4\" y=\"24\">\(lines[0].xmlEscaped)</text></svg>\n"
        case "md": text = "# \(lines[0])\n\n" + lines.dropFirst().map { "- \($0)" }.joined(separator: "\n") + "\n"
        default: text = lines.joined(separator: "\n") + "\n"
        }
        return Array(text.utf8)
    }
}

extension String {
    var replacingQuotes: String { replacingOccurrences(of: "\"", with: "\"\"") }
    var xmlEscaped: String {
        replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
