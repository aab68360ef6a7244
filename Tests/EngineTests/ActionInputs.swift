import Foundation
import JSONValue
import PipedriveSandbox

@testable import PipedriveEngine

/// Parameters for each read action taken from the sandbox's own data, and the ids the read should return.
enum ActionInputs {
    /// The store table holding a resource's rows (most share the resource's name).
    static func table(of resource: String) -> String? {
        switch resource {
        case "itemSearch": nil
        default: resource
        }
    }

    /// Rows a read shows the token's user (1), per Pipedrive's docs: `/callLogs` lists the user's call
    /// logs; `/goals/find` without filters the goals assigned to the user; v1 `/activities` without
    /// `user_id` the user's activities; archived deals and leads leave the lists (CL-arch).
    static func visible(_ resource: String, version: PipedriveEngine.APIVersion, plain: Bool) -> @Sendable (JSON) -> Bool {
        switch resource {
        case "callLogs": { $0["user_id"]?.intValue == 1 }
        case "goals": { $0["assignee"]?["type"] == "person" && $0["assignee"]?["id"]?.intValue == 1 }
        case "activities" where version == .v1 && plain: { $0["owner_id"]?.intValue == 1 }
        case "deals", "leads": { $0["is_archived"] != true }
        // A deal's currency is listed as the sub-field of its value, with no id of its own.
        case "dealFields": { $0["key"] != "currency" }
        default: { _ in true }
        }
    }

    /// The value a row holds for a parameter: relationships name their organization as owner or linked.
    static func value(of parameter: String, in row: JSON, resource: String) -> [Int] {
        if resource == "organizationRelationships", parameter == "org_id" {
            return [int(row["rel_owner_org_id"]), int(row["rel_linked_org_id"])].compactMap { $0 }
        }
        return int(row[parameter]).map { [$0] } ?? []
    }

    /// The key of a stored row that the API shows as its id: leads keep their UUID apart.
    static func idKey(_ table: String) -> String { table == "leads" ? "uuid" : "id" }

    static func ids(_ rows: [JSON], table: String) -> Set<RecordID> { Set(rows.compactMap { RecordID($0[idKey(table)]) }) }

    /// An integer from `7`, `"7"` or v1's `{value: 7}` / `{id: 7}`.
    static func int(_ value: JSON?) -> Int? {
        guard let value else { return nil }
        if let number = value.intValue { return number }
        if let text = value.stringValue { return Int(text) }
        return int(value["value"]) ?? int(value["id"])
    }

    static func id(of row: JSON, action: Action) -> RecordID? {
        action.extraction == .searchItems ? RecordID(row["item"]?["id"]) : RecordID(row["id"])
    }

    static func parameters(for action: Action, sandbox: SandboxFixture) -> [String: String] {
        var values: [String: String] = [:]
        let rows = table(of: action.resource).map(sandbox.rows) ?? []
        for parameter in action.parameters {
            switch parameter.kind {
            case .id(let entity):
                if action.resource == "users", parameter.name == "team_id" {
                    // `/teams/user/{id}` lists the teams of a user: one who is in a team.
                    let member = sandbox.rows("teams").compactMap { $0["users"]?.arrayValue?.first }.first
                    values[parameter.name] = member.flatMap(int).map(String.init) ?? "1"
                    continue
                }
                // The referenced record that most of the resource's rows point at.
                let counts = Dictionary(grouping: rows.flatMap { value(of: parameter.name, in: $0, resource: action.resource) }, by: { $0 })
                    .mapValues(\.count)
                let best = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
                values[parameter.name] = String(best ?? sandbox.rows(entity).compactMap { int($0["id"]) }.first ?? 1)
            case .term:
                let source = action.resource == "itemSearch" ? sandbox.rows("deals") : rows
                let text = source.compactMap { ($0["title"] ?? $0["name"])?.stringValue }.first ?? "de"
                values[parameter.name] = text.split(separator: " ").first(where: { $0.count >= 2 }).map(String.init) ?? text
            case .timestamp:
                values[parameter.name] = "2000-01-01 00:00:00"
            case .folder:
                values[parameter.name] = "inbox"
            }
        }
        return values
    }

    /// The ids a read must return exactly, where the sandbox's data says so without re-implementing it;
    /// nil where the read filters in ways only checked loosely (search, mail folders, teams).
    static func expectedIDs(
        for action: Action, version: PipedriveEngine.APIVersion, parameters: [String: String], sandbox: SandboxFixture
    ) -> Set<RecordID>? {
        guard let table = table(of: action.resource) else { return nil }
        let rows = sandbox.rows(table).filter(visible(action.resource, version: version, plain: action.parameters.isEmpty))
        switch action.parameters.first?.kind {
        case .timestamp?:
            return ids(sandbox.rows(table), table: table)  // recents show archived records too
        case nil:
            return ids(rows, table: table)
        case .id?:
            guard let name = action.parameters.first?.name, let wanted = parameters[name].flatMap(Int.init),
                action.resource != "users"
            else { return nil }
            let matching = rows.filter { value(of: name, in: $0, resource: action.resource).contains(wanted) }
            return matching.isEmpty ? nil : ids(matching, table: table)
        default:
            return nil
        }
    }
}
