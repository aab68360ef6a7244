import Foundation
import JSONValue

/// `/files` (list, upload, details, rename, delete, download) and the files of deals, persons,
/// organizations and products. Lists allow at most 100 per page, as the spec says.
enum FileEndpoints {
    static let maxLimit = 100
    static let notFound = "File not found"
    static let uploadSchema = BodySchema([
        "deal_id": .optional(.int), "person_id": .optional(.int), "org_id": .optional(.int), "product_id": .optional(.int),
        "activity_id": .optional(.int), "lead_id": .optional(.string), "project_id": .optional(.int),
    ])
    /// The items a file can be attached to; an upload names at least one.
    static let targetKeys = ["deal_id", "person_id", "org_id", "product_id", "activity_id", "lead_id", "project_id"]
    static let updateSchema = BodySchema(["name": .optional(.string), "description": .optional(.string)])
    static let parents: [(entity: String, key: String, notFound: String)] = [
        ("deals", "deal_id", "Deal not found"), ("persons", "person_id", "Person not found"),
        ("organizations", "org_id", "Organization not found"), ("products", "product_id", "Product not found"),
    ]

    /// Lists, details, rename and delete; an upload is multipart, so it has its own route.
    static let spec: WorkspaceSpec = {
        var spec = WorkspaceSpec(table: "files", noun: "File")
        spec.list = .custom { context, store throws(APIError) in
            try V1List.page(try sorted(store["files"].all, context), context, maxLimit: maxLimit)
        }
        spec.update = .init(schema: updateSchema, stamp: "update_time")
        spec.delete = .init(cleanup: { id, store in store.blobs[FileRows.blobKey(id)] = nil })
        return spec
    }()

    static func register(in router: inout Router) {
        WorkspaceRoutes.register(spec, in: &router)
        for (entity, key, notFound) in parents {
            router.add("GET", .v1, "/\(entity)/{id}/files") { context, store throws(APIError) in
                let id = try context.intParam("id")
                _ = try store.existing(entity, id, notFound)
                let files = store["files"].all.filter { $0[key]?.intValue == id }
                return try V1List.page(try sorted(files, context), context, maxLimit: maxLimit)
            }
        }
        router.add("GET", .v1, "/files/{id}/download") { context, store throws(APIError) in
            let id = try context.intParam("id")
            let file = try store.existing("files", id, notFound)
            let name = file["file_name"]?.stringValue ?? "file"
            return SandboxResponse(
                status: 200,
                // The spec's one content type for the download, whatever the file holds.
                headers: [("content-type", "application/octet-stream"), ("content-disposition", contentDisposition(name))],
                body: store.blobs[FileRows.blobKey(id)] ?? [])
        }
        router.add("POST", .v1, "/files") { context, store throws(APIError) in
            let body = try context.body()
            let values = try uploadSchema.validate(body)
            // Pipedrive's own message for a body without a file part.
            guard let upload = body.files["file"] else { throw .badRequest("No files were provided with the request.") }
            var linked: [String: Int] = [:]
            for (key, entity, _) in FileRows.links {
                guard let id = values[key]?.intValue else { continue }
                guard store[entity][id] != nil else { throw .badRequest("Parameter '\(key)': item \(id) does not exist.") }
                linked[key] = id
            }
            if let lead = values["lead_id"]?.stringValue, LeadID.row(lead, in: store) == nil {
                throw .badRequest("Parameter 'lead_id': item \(lead) does not exist.")
            }
            guard targetKeys.contains(where: { (values[$0] ?? .null) != .null }) else {
                throw .badRequest("A file must be attached to an item: give one of \(targetKeys.joined(separator: ", ")).")
            }
            let now = store.tick()
            let id = store.nextID("files")
            var file = FileRows.row(
                id: id, fileName: upload.fileName, size: upload.bytes.count, userID: context.userID, linkedIDs: linked,
                added: now, updated: now, description: "", store: store)
            for key in ["lead_id", "project_id"] { if let value = values[key], value != .null { file[key] = value } }
            store.save("files", file)
            store.blobs[FileRows.blobKey(id)] = upload.bytes
            return Envelope.v1(file)
        }
    }

    /// `sort=field [ASC|DESC]` over `id` or `update_time`, the two fields the spec allows.
    static func sorted(_ files: [JSON], _ context: RouteContext) throws(APIError) -> [JSON] {
        guard let sort = context.query["sort"], !sort.isEmpty else { return files }
        let parts = sort.split(separator: " ").map { String($0) }
        guard let field = parts.first, ["id", "update_time"].contains(field), parts.count <= 2 else {
            throw .badRequest("Parameter 'sort' supports only the fields id and update_time.")
        }
        let descending = parts.count == 2 && parts[1].uppercased() == "DESC"
        guard parts.count == 1 || ["ASC", "DESC"].contains(parts[1].uppercased()) else {
            throw .badRequest("Parameter 'sort' direction must be ASC or DESC.")
        }
        let ordered = files.sorted { left, right in
            let a = (left[field]?.stringValue ?? "", left["id"]?.intValue ?? 0)
            let b = (right[field]?.stringValue ?? "", right["id"]?.intValue ?? 0)
            return field == "id" ? a.1 < b.1 : a < b
        }
        return descending ? ordered.reversed() : ordered
    }

    /// `attachment; filename*=UTF-8''…`: percent-encoded, so no name can break the header.
    static func contentDisposition(_ name: String) -> String {
        let plain = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")
        let encoded = name.addingPercentEncoding(withAllowedCharacters: plain) ?? "file"
        return "attachment; filename*=UTF-8''\(encoded)"
    }
}
