import Foundation
import JSONValue

/// What merging records into one will do, shown before anything is sent.
public struct MergePlan: Sendable {
    /// A value the survivor gets from a merged-away record (its own is empty), or keeps over a different one.
    public struct Value: Sendable, Equatable {
        public var field: String
        public var value: JSON
        /// The record the value comes from.
        public var from: Int
        /// Kept over these other values (empty when the value fills an empty field).
        public var over: [JSON]
    }

    public var resource: String
    public var survivor: JSON
    /// The records merged away, whole, as read before the merge (in the version writes use).
    public var merged: [JSON]
    /// Children moving to the survivor, per kind (`deals`, `activities`, `notes`, `files`, `followers`, …).
    public var moves: [(kind: String, count: Int)]
    public var values: [Value]
    /// One `PUT /v1/<resource>/<id>/merge` per merged record, in order.
    public var requests: [APIRequest]

    public static let warning = "Pipedrive cannot undo a merge: pdtui journals each merged-away record whole, so `pdtui undo` can "
        + "re-create it (with a new id; its moved deals, activities, notes, files and followers stay with the survivor)."
}

/// What a merge did: the ids merged away, and why it stopped if it did.
public struct MergeReport: Sendable, Equatable {
    public var survivor: Int
    public var merged: [Int]
    public var failure: String?
}

extension Session {
    /// The resources Pipedrive merges, with the children a merge moves (listed by v1 sub-lists or filters).
    static let mergeChildren: [String: [(kind: String, path: String, query: [QueryItem])]] = [
        "persons": [
            ("deals", "/persons/{id}/deals", [QueryItem("status", "all_not_deleted")]), ("activities", "/persons/{id}/activities", []),
            ("notes", "/notes", [QueryItem("person_id", "{id}")]), ("files", "/persons/{id}/files", []),
            ("followers", "/persons/{id}/followers", []),
        ],
        "organizations": [
            ("deals", "/organizations/{id}/deals", [QueryItem("status", "all_not_deleted")]), ("persons", "/organizations/{id}/persons", []),
            ("activities", "/organizations/{id}/activities", []), ("notes", "/notes", [QueryItem("org_id", "{id}")]),
            ("files", "/organizations/{id}/files", []), ("followers", "/organizations/{id}/followers", []),
        ],
        "deals": [
            ("activities", "/deals/{id}/activities", []), ("notes", "/notes", [QueryItem("deal_id", "{id}")]),
            ("files", "/deals/{id}/files", []), ("followers", "/deals/{id}/followers", []),
            ("participants", "/deals/{id}/participants", []), ("products", "/deals/{id}/products", []),
        ],
    ]
    /// Keys Pipedrive derives or keeps per record, left out of the values a merge decides.
    static let derivedKeys: Set<String> = [
        "id", "company_id", "add_time", "update_time", "active_flag", "first_char", "cc_email", "owner_name", "org_name",
        "person_name", "primary_email", "label", "picture_id", "active", "deleted", "formatted_value", "weighted_value",
        "formatted_weighted_value", "weighted_value_currency", "stage_order_nr", "creator_user_id", "is_deleted",
    ]

    /// Reads the records and counts what would move, sending no write. Refused before any request when the
    /// resource cannot be merged or the ids are wrong.
    public func planMerge(_ resourceName: String, ids: [Int], into survivorID: Int) async throws -> MergePlan {
        let resource = try resource(named: resourceName)
        guard let children = Self.mergeChildren[resource.name] else {
            throw PipedriveError(.invalidInput, "Pipedrive merges persons, organizations and deals, not \(resource.name).")
        }
        guard !ids.isEmpty else { throw PipedriveError(.invalidInput, "Name at least one record to merge into \(survivorID).") }
        guard !ids.contains(survivorID) else {
            throw PipedriveError(.invalidInput, "Record \(survivorID) cannot be merged into itself: leave it out of the ids.")
        }
        guard Set(ids).count == ids.count else { throw PipedriveError(.invalidInput, "An id is named twice.") }
        guard (ids + [survivorID]).allSatisfy({ $0 > 0 }) else { throw PipedriveError(.invalidInput, "Ids are positive whole numbers.") }

        // Records are read in the version writes use, so the journal can re-create them the way undo does.
        let version = version(of: try writeAction(.update, of: resource))
        let survivor = try await wholeRecord(resource.name, survivorID, version: version)
        var merged: [JSON] = []
        for id in ids { merged.append(try await wholeRecord(resource.name, id, version: version)) }
        var moves: [(kind: String, count: Int)] = []
        for child in children {
            var count = 0
            for id in ids {
                let query = child.query.map { QueryItem($0.name, $0.value.replacingOccurrences(of: "{id}", with: String(id))) }
                let path = child.path.replacingOccurrences(of: "{id}", with: String(id))
                let request = APIRequest(.get, .v1, path, query: query, paging: .offset)
                for try await page in PageSequence(client: client, request: request, extraction: .data, prefetch: false) {
                    count += page.rows.count
                }
            }
            moves.append((child.kind, count))
        }
        let requests = ids.map { id in
            APIRequest(.put, .v1, "/\(resource.name)/\(id)/merge", body: .json(["merge_with_id": .int(survivorID)]))
        }
        return MergePlan(
            resource: resource.name, survivor: survivor, merged: merged, moves: moves,
            values: Self.survivingValues(survivor, merged), requests: requests)
    }

    /// Sends the plan's merges one by one, each journaled first with the whole record it merges away (as a
    /// deletion, so `pdtui undo` re-creates it). Stops at the first refusal; an unknown outcome is never resent.
    public func merge(_ plan: MergePlan, journal: Journal = .standard()) async throws -> MergeReport {
        try refuseIfReadOnly()
        let resource = try resource(named: plan.resource)
        let schema = try await schema(of: resource)
        let survivorID = plan.survivor["id"]?.intValue ?? 0
        var report = MergeReport(survivor: survivorID, merged: [])
        for (record, request) in zip(plan.merged, plan.requests) {
            let id = record["id"]?.intValue ?? 0
            var sent: [APIRequest] = []
            let result = try await send(
                [request], kind: .delete, resource: resource.name,
                records: [JournaledRecord(id: .int(id), before: record.objectValue ?? [:], after: [:])], undoes: nil,
                schema: schema, journal: journal, sent: &sent)
            switch result {
            case .done: report.merged.append(id)
            case .failed(let message, _), .unknown(let message):
                report.failure = "Merging \(id) into \(survivorID): \(message)"
                return report
            case .conflict: return report
            }
        }
        return report
    }

    private func wholeRecord(_ resource: String, _ id: Int, version: APIVersion) async throws -> JSON {
        do {
            let response = try await client.send(APIRequest(.get, version, "/\(resource)/\(id)"))
            return response.json["data"] ?? .null
        } catch let error as PipedriveError where error.kind == .notFound {
            throw PipedriveError(.notFound, "There is no \(resource) record \(id): nothing was merged.", status: 404)
        }
    }

    /// The survivor's values that differ from a merged record's, and the empty ones a merged record fills,
    /// as Pipedrive merges: the survivor wins, the first merged record with a value fills a gap.
    /// v2's `custom_fields` are compared one by one, by their keys, as v1's top-level ones are.
    static func survivingValues(_ survivorRecord: JSON, _ mergedRecords: [JSON]) -> [MergePlan.Value] {
        func fields(_ record: JSON) -> [String: JSON] {
            var fields = record.objectValue ?? [:]
            if let custom = fields.removeValue(forKey: "custom_fields")?.objectValue { fields.merge(custom) { own, _ in own } }
            return fields
        }
        let survivor = fields(survivorRecord), merged = mergedRecords.map(fields)
        let survivorID = survivor["id"]?.intValue ?? 0
        let keys = Set(([survivor] + merged).flatMap(\.keys)).subtracting(derivedKeys)
        var values: [MergePlan.Value] = []
        for key in keys.sorted() {
            let own = survivor[key] ?? .null
            let others = merged.compactMap { record -> (Int, JSON)? in
                let value = record[key] ?? .null
                return isBlank(value) || same(value, own) ? nil : (record["id"]?.intValue ?? 0, value)
            }
            guard let first = others.first else { continue }
            values.append(isBlank(own)
                ? MergePlan.Value(field: key, value: first.1, from: first.0, over: [])
                : MergePlan.Value(field: key, value: own, from: survivorID, over: others.map(\.1)))
        }
        return values
    }

    private static func isBlank(_ value: JSON) -> Bool {
        switch value {
        case .null: true
        case .string(let text): text.isEmpty
        case .array(let items): items.isEmpty
        default: false
        }
    }

    /// Equal, or the same reference (`{value: 7, name: …}` and `7`).
    private static func same(_ a: JSON, _ b: JSON) -> Bool {
        a == b || (a["value"] ?? a) == (b["value"] ?? b)
    }
}
