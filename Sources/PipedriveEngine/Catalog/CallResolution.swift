import Foundation
import JSONValue

/// What the user gives an action.
public struct CallInput: Sendable {
    /// The user-defined parameters by name (`deal_id`, `term`...).
    public var parameters: [String: String]
    /// The record an `{id}`/`{type}` path works on.
    public var item: Record?
    /// The ids a delete works on (in place of `item`).
    public var batch: [RecordID]
    /// The values a Create or Update sends, already encoded for the version (see `WriteEncoder`).
    public var body: JSON?
    /// The file a files Create uploads.
    public var upload: FileUpload?
    /// nil: v2 where Pipedrive moved the call, v1 elsewhere.
    public var version: APIVersion?

    public init(
        parameters: [String: String] = [:], item: Record? = nil, batch: [RecordID] = [], body: JSON? = nil,
        upload: FileUpload? = nil, version: APIVersion? = nil
    ) {
        self.parameters = parameters
        self.item = item
        self.batch = batch
        self.body = body
        self.upload = upload
        self.version = version
    }
}

public struct FileUpload: Sendable, Equatable {
    public var fileName: String
    public var content: [UInt8]
    /// The other form fields, e.g. `deal_id=7` naming what the file is attached to.
    public var fields: [QueryItem]
    public init(fileName: String, content: [UInt8], fields: [QueryItem] = []) {
        self.fileName = fileName
        self.content = content
        self.fields = fields
    }
}

/// An action made concrete: the requests to send, in order, and how to read their rows.
public struct ResolvedCall: Sendable, Equatable {
    public let version: APIVersion
    public let requests: [APIRequest]
    public let extraction: Extraction
}

extension Action {
    /// The version used when the caller names none: v2 where Pipedrive moved the call.
    public var preferredVersion: APIVersion { v2 == nil ? .v1 : .v2 }

    /// Checks the input and produces the requests; throws before anything is sent.
    public func resolve(_ input: CallInput = CallInput()) throws(CallError) -> ResolvedCall {
        let values = try validatedParameters(input.parameters)
        let version = input.version ?? preferredVersion
        let call: (method: HTTPMethod, path: String, query: [String])
        switch version {
        case .v1:
            call = (method, path, parameters.map(\.name).filter { !path.contains("{\($0)}") })
        case .v2:
            guard let v2 else { throw .noV2(resource: resource, action: name) }
            call = (v2.method, v2.path, v2.query)
        }

        var query = call.query.compactMap { name in values[name].map { QueryItem(name, $0) } }
        var perID = false
        for parameter in automatic {
            switch parameter {
            case .fixed(let name, let value): query.append(QueryItem(name, value))
            case .batchIDs(let name):
                let ids = try batchIDs(input)
                if version == .v1 {
                    query.append(QueryItem(name, ids.map(\.description).joined(separator: ",")))
                } else {
                    perID = true
                }
            case .itemContent: break
            }
        }

        let body = try requestBody(input)
        let paging: Paging = kind == .read ? (version == .v1 ? .offset : .cursor) : .none
        let itemFields = placeholders(in: call.path).filter { values[$0] == nil }
        let requests: [APIRequest]
        if perID || (!itemFields.isEmpty && !input.batch.isEmpty && itemFields == ["id"]) {
            requests = try batchIDs(input).map { id in
                APIRequest(call.method, version, Self.fill(call.path, ["id": id.description]), query: query, body: body)
            }
        } else {
            var fill = values
            for field in itemFields {
                guard let value = input.item?.text(of: field) else { throw .missingItem(action: name, field: field) }
                fill[field] = value
            }
            requests = [APIRequest(call.method, version, Self.fill(call.path, fill), query: query, body: body, paging: paging)]
        }
        return ResolvedCall(version: version, requests: requests, extraction: extraction)
    }

    private func validatedParameters(_ given: [String: String]) throws(CallError) -> [String: String] {
        for name in given.keys.sorted() where parameter(named: name) == nil {
            throw .unknownParameter(action: self.name, name: name, known: parameters.map(\.name))
        }
        var values: [String: String] = [:]
        for parameter in parameters {
            guard let raw = given[parameter.name], !raw.trimmingCharacters(in: .whitespaces).isEmpty else {
                if parameter.isRequired {
                    throw .missingParameter(action: name, name: parameter.name, description: parameter.description)
                }
                continue
            }
            values[parameter.name] = try parameter.validate(raw)
        }
        return values
    }

    private func batchIDs(_ input: CallInput) throws(CallError) -> [RecordID] {
        if !input.batch.isEmpty { return input.batch }
        if let id = input.item?.id { return [id] }
        throw .emptyBatch(action: name)
    }

    private func requestBody(_ input: CallInput) throws(CallError) -> RequestBody? {
        for case .itemContent in automatic {
            guard let upload = input.upload else { throw .missingUpload(action: name) }
            return .multipart(fileName: upload.fileName, content: upload.content, fields: upload.fields)
        }
        guard kind == .create || kind == .update else { return nil }
        guard let body = input.body else { throw .missingBody(action: name) }
        return .json(body)
    }

    private func placeholders(in path: String) -> [String] {
        path.split(separator: "{").dropFirst().compactMap { part in part.split(separator: "}").first.map(String.init) }
    }

    /// The path with each `{name}` replaced by its value, escaped as a path segment.
    static func fill(_ path: String, _ values: [String: String]) -> String {
        var result = path
        for (name, value) in values {
            var allowed = CharacterSet.urlPathAllowed
            allowed.remove("/")
            let escaped = value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
            result = result.replacingOccurrences(of: "{\(name)}", with: escaped)
        }
        return result
    }
}

extension Parameter {
    /// The value to send, or why it cannot be sent.
    func validate(_ raw: String) throws(CallError) -> String {
        let value = raw.trimmingCharacters(in: .whitespaces)
        switch kind {
        case .id:
            guard value.allSatisfy(\.isASCII), let id = Int(value), id > 0 else {
                throw .invalidParameter(name: name, value: raw, reason: "an id is a positive whole number")
            }
            return String(id)
        case .term:
            guard value.count >= 2 else {
                throw .invalidParameter(name: name, value: raw, reason: "a search term has at least 2 characters")
            }
            return value
        case .folder:
            let folder = value.lowercased()
            guard Self.folders.contains(folder) else {
                throw .invalidParameter(
                    name: name, value: raw, reason: "the folder is one of \(Self.folders.joined(separator: ", "))")
            }
            return folder
        case .timestamp:
            guard Self.isTimestamp(value) else {
                throw .invalidParameter(
                    name: name, value: raw, reason: "a timestamp is YYYY-MM-DD HH:MM:SS in UTC, e.g. 2026-01-31 09:30:00")
            }
            return value
        }
    }

    static let folders = ["inbox", "drafts", "sent", "archive"]

    static func isTimestamp(_ text: String) -> Bool {
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        return parts.count == 2 && CalendarDate(String(parts[0])) != nil
            && ClockTime(String(parts[1]), requireSeconds: true) != nil
    }
}
