import Foundation
import JSONValue

/// The record a file is attached to when it is uploaded.
public enum FileTarget: Sendable, Equatable, CustomStringConvertible {
    case deal(Int), person(Int), organization(Int), product(Int)

    /// The target for a record of `resource` (`deals`, `persons`, `organizations`, `products`).
    public init?(resource: String, id: Int) {
        switch resource {
        case "deals": self = .deal(id)
        case "persons": self = .person(id)
        case "organizations": self = .organization(id)
        case "products": self = .product(id)
        default: return nil
        }
    }

    public var id: Int {
        switch self {
        case .deal(let id), .person(let id), .organization(let id), .product(let id): id
        }
    }

    /// The upload's form field: `deal_id`, `person_id`, `org_id`, `product_id`.
    public var key: String {
        switch self {
        case .deal: "deal_id"
        case .person: "person_id"
        case .organization: "org_id"
        case .product: "product_id"
        }
    }

    public var noun: String {
        switch self {
        case .deal: "deal"
        case .person: "person"
        case .organization: "organization"
        case .product: "product"
        }
    }

    public var description: String { "\(noun) \(id)" }
}

/// What a download wrote.
public struct DownloadResult: Sendable, Equatable {
    public let path: String
    public let bytes: Int

    public init(path: String, bytes: Int) {
        self.path = path
        self.bytes = bytes
    }
}

extension Session {
    /// Uploads the local file at `path` (`~` expanded) to `target`: checked before anything is sent, journaled
    /// as a create (so `undo` deletes the file), sent once and never repeated (an upload creates).
    public func upload(fileAt path: String, to target: FileTarget, journal: Journal = .standard()) async throws -> Record {
        try refuseIfReadOnly()
        let file = try LocalFile.inspect(path)
        return try await upload(fileNamed: file.name, content: try file.read(), to: target, journal: journal)
    }

    /// Uploads `content` as a file named `fileName` attached to `target` (see `upload(fileAt:to:)`).
    public func upload(fileNamed fileName: String, content: [UInt8], to target: FileTarget, journal: Journal = .standard())
        async throws -> Record
    {
        try refuseIfReadOnly()
        let request = try uploadRequest(fileNamed: fileName, content: content, to: target)
        let schema = try await schema(of: try resource(named: "files"))
        let entry = JournalEntry(
            id: UUID().uuidString, time: Self.now(), profile: settings.profileName, account: settings.baseURL.absoluteString,
            resource: "files", kind: .create,
            records: [JournaledRecord(
                id: nil, before: [:],
                after: ["file_name": .string(fileName), "file_size": .int(content.count), target.key: .int(target.id)])],
            requests: [request.line])
        try journal.record(entry)
        let response: APIResponse
        do {
            response = try await client.send(request)
        } catch let error as PipedriveError where error.kind == .outcomeUnknown {
            return try await settleUpload(entry, schema: schema, error: error, journal: journal)
        } catch let error as PipedriveError {
            try? journal.record(JournalOutcome(time: Self.now(), status: .failed, message: error.message), of: entry.id)
            guard error.status == 413 else { throw error }
            throw PipedriveError(
                .rejected, "\(Sanitize.inline(fileName)) (\(content.count) bytes) is larger than Pipedrive accepts (413).",
                status: 413, apiError: error.apiError, errorInfo: error.errorInfo)
        }
        var record = schema.record(from: Extraction.data.rows(from: response.json).first ?? .null)
        // A 2xx is done; an answer that named no id is made good by looking the file up.
        if record.id == nil, let found = try? await findCreated(entry.records[0].after.filter { $0.key != "file_size" }, schema: schema, since: entry.time) {
            record = found
        }
        try? journal.record(JournalOutcome(time: Self.now(), status: .done, createdIDs: record.id.map { [$0] } ?? []), of: entry.id)
        return record
    }

    /// Settles an upload whose outcome is unknown by reading Pipedrive, never by sending it again: a file on
    /// the record with the same name and size, added since the attempt, means it was done (journaled with
    /// its id, so `undo` deletes it); none means it was not, and it is sent again only if the user asks.
    /// When Pipedrive cannot be read, it stays unknown.
    private func settleUpload(_ entry: JournalEntry, schema: Schema, error: PipedriveError, journal: Journal) async throws -> Record {
        let found: Record?
        do {
            found = try await findCreated(entry.records[0].after, schema: schema, since: entry.time)
        } catch let reading as PipedriveError {
            let message = "\(error.message) Whether the file was uploaded is still unknown; reading Pipedrive to check failed: \(reading.message)"
            try? journal.record(JournalOutcome(time: Self.now(), status: .unknown, message: message), of: entry.id)
            throw PipedriveError(.outcomeUnknown, message)
        }
        guard let found else {
            let message = "The upload's outcome was unknown (\(error.message)); checked on Pipedrive: the file was not uploaded. Upload it again to send it."
            try? journal.record(JournalOutcome(time: Self.now(), status: .failed, message: message), of: entry.id)
            throw PipedriveError(.rejected, message)
        }
        try? journal.record(
            JournalOutcome(time: Self.now(), status: .done, message: "Checked on Pipedrive: it was done.", createdIDs: found.id.map { [$0] } ?? []),
            of: entry.id)
        return found
    }

    /// The upload's one call (`POST /v1/files`, multipart), for a dry run to show.
    public func uploadRequest(fileNamed fileName: String, content: [UInt8], to target: FileTarget) throws -> APIRequest {
        guard !fileName.isEmpty else { throw PipedriveError(.invalidInput, "The file needs a name.") }
        guard target.id > 0 else { throw PipedriveError(.invalidInput, "\(target) is not a valid id: ids are positive.") }
        let action = try writeAction(.create, of: try resource(named: "files"))
        let upload = FileUpload(fileName: fileName, content: content, fields: [QueryItem(target.key, String(target.id))])
        guard let request = try resolve(action, CallInput(upload: upload)).requests.first else {
            throw PipedriveError(.invalidInput, "files Create resolves to no call.")
        }
        return request
    }

    /// Downloads file `fileID` to `path` (`~` expanded; a folder gets the file under its Pipedrive name).
    /// An existing file is refused unless `overwrite`, before anything is fetched. The body streams to disk
    /// (never whole in memory), is copied to a temporary file beside the destination (mode 0666 less the
    /// umask), which then takes the destination's name, so a failed download leaves nothing half-written.
    public func download(fileID: RecordID, to path: String, overwrite: Bool = false) async throws -> DownloadResult {
        var destination = LocalFile.expand(path)
        if LocalFile.isDirectory(destination) {
            let file = try await client.send(APIRequest(.get, .v1, Action.fill("/files/{id}", ["id": fileID.description])))
            let name = file.json["data"]?["file_name"]?.stringValue ?? "file-\(fileID)"
            destination = (destination as NSString).appendingPathComponent(LocalFile.safeName(name))
        }
        try LocalFile.checkDestination(destination, overwrite: overwrite)
        let path = Action.fill("/files/{id}/download", ["id": fileID.description])
        let file = try await client.downloadToFile(APIRequest(.get, .v1, path))
        return DownloadResult(path: destination, bytes: try LocalFile.place(file, at: destination, overwrite: overwrite))
    }
}
