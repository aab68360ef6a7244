import Foundation
import JSONValue
import PipedriveSandbox

@testable import PipedriveEngine

/// What each resource's writes send in the tests, and which stored keys must show it.
struct WritePlan: Sendable {
    var create: @Sendable (SandboxFixture) -> [String: JSON] = { _ in [:] }
    var update: (@Sendable (SandboxFixture) -> [String: JSON])?
    /// Keys whose stored value must equal what was sent.
    var checked: Set<String> = []
    /// Keys an update must leave as they were.
    var untouched: [String] = []
    /// Two records, so a v1 batch delete covers more than one id.
    var batch = false
    var upload = false
    /// For resources without Create: the rows to update and delete.
    var existing: @Sendable (SandboxFixture) throws -> [JSON] = { _ in [] }
    var table: String?

    static func first(_ sandbox: SandboxFixture, _ table: String) -> Int {
        sandbox.rows(table).compactMap { ActionInputs.int($0["id"]) }.first ?? 1
    }

    static let plans: [String: WritePlan] = [
        "activities": WritePlan(
            create: { s in ["subject": "Engine call", "type": "call", "deal_id": .int(first(s, "deals"))] },
            update: { _ in ["subject": "Engine call back"] }, checked: ["subject"], untouched: ["type"], batch: true),
        "activityTypes": WritePlan(
            create: { _ in ["name": "Engine type", "icon_key": "call"] }, update: { _ in ["name": "Engine type 2"] },
            checked: ["name", "icon_key"], untouched: ["icon_key"], batch: true),
        "callLogs": WritePlan(
            create: { _ in
                ["outcome": "connected", "to_phone_number": "+15550100", "start_time": "2026-01-05 10:00:00",
                 "end_time": "2026-01-05 10:04:00", "subject": "Engine call log"]
            }, checked: ["outcome", "to_phone_number"]),
        "deals": WritePlan(
            create: { _ in ["title": "Engine deal"] }, update: { _ in ["title": "Engine deal renamed"] },
            checked: ["title"], untouched: ["stage_id", "status"], batch: true),
        "dealFields": WritePlan(
            create: { _ in ["name": "Engine field", "field_type": "varchar"] }, update: { _ in ["name": "Engine field 2"] },
            checked: ["name"], untouched: ["field_type"], batch: true),
        "files": WritePlan(update: { _ in ["name": "renamed.txt"] }, checked: ["name"], upload: true),
        "filters": WritePlan(
            create: { _ in ["name": "Engine filter", "type": "deals", "conditions": conditions] },
            update: { _ in ["name": "Engine filter 2", "conditions": conditions] }, checked: ["name", "type"],
            untouched: ["type"], batch: true),
        "goals": WritePlan(
            create: { _ in
                ["title": "Engine goal", "assignee": ["id": 1, "type": "person"], "type": ["name": "deals_won", "params": ["pipeline_id": [1]]],
                 "expected_outcome": ["target": 10, "tracking_metric": "quantity"],
                 "duration": ["start": "2026-01-01", "end": "2026-12-31"], "interval": "monthly"]
            }, update: { _ in ["title": "Engine goal 2"] }, checked: ["title"], untouched: ["interval"]),
        "leads": WritePlan(
            create: { s in ["title": "Engine lead", "person_id": .int(first(s, "persons"))] },
            update: { _ in ["title": "Engine lead 2"] }, checked: ["title"], untouched: ["person_id"]),
        "mailThreads": WritePlan(
            update: { s in ["read_flag": .int(1 - (ActionInputs.int(s.rows("mailThreads").first?["read_flag"]) ?? 0))] },
            checked: ["read_flag"], existing: { s in Array(s.rows("mailThreads").prefix(1)) }),
        "notes": WritePlan(
            create: { s in ["content": "Engine note", "deal_id": .int(first(s, "deals"))] },
            update: { _ in ["content": "Engine note 2"] }, checked: ["content"], untouched: ["deal_id"]),
        "organizationFields": WritePlan(
            update: { _ in ["name": "Engine org field"] }, checked: ["name"],
            existing: { s in Array(s.rows("organizationFields").filter { $0["edit_flag"] == true }.prefix(2)) }),
        "organizations": WritePlan(
            create: { _ in ["name": "Engine org"] }, update: { _ in ["name": "Engine org 2"] }, checked: ["name"],
            untouched: ["owner_id"], batch: true),
        "organizationRelationships": WritePlan(
            create: { s in
                let orgs = s.rows("organizations").compactMap { ActionInputs.int($0["id"]) }
                return ["type": "parent", "rel_owner_org_id": .int(orgs[0]), "rel_linked_org_id": .int(orgs[orgs.count - 1])]
            }, update: { _ in ["type": "related"] }, checked: ["type"]),
        "persons": WritePlan(
            create: { _ in ["name": "Engine person"] }, update: { _ in ["name": "Engine person 2"] }, checked: ["name"],
            untouched: ["owner_id"], batch: true),
        "pipelines": WritePlan(
            create: { _ in ["name": "Engine pipeline"] }, update: { _ in ["name": "Engine pipeline 2"] }, checked: ["name"]),
        "products": WritePlan(
            create: { _ in ["name": "Engine product"] }, update: { _ in ["name": "Engine product 2"] }, checked: ["name"]),
        "productFields": WritePlan(
            create: { _ in ["name": "Engine product field", "field_type": "varchar"] },
            update: { _ in ["name": "Engine product field 2"] }, checked: ["name"], batch: true),
        "roles": WritePlan(create: { _ in ["name": "Engine role"] }, update: { _ in ["name": "Engine role 2"] }, checked: ["name"]),
        "stages": WritePlan(
            create: { s in ["name": "Engine stage", "pipeline_id": .int(first(s, "pipelines"))] },
            update: { _ in ["name": "Engine stage 2"] }, checked: ["name"], untouched: ["pipeline_id"], batch: true),
        "subscriptions": WritePlan(
            create: { s in
                ["type": "recurring", "deal_id": .int(first(s, "deals")), "currency": "EUR", "cadence_type": "monthly",
                 "cycle_amount": 10, "start_date": "2026-12-01", "infinite": true]
            }, update: { _ in ["type": "recurring", "description": "Engine plan", "effective_date": "2027-01-01"] },
            checked: ["currency"]),
        "teams": WritePlan(
            create: { _ in ["name": "Engine team", "manager_id": 1] }, update: { _ in ["name": "Engine team 2"] },
            checked: ["name"], untouched: ["manager_id"]),
        "users": WritePlan(
            create: { _ in ["email": .string("engine-\(UUID().uuidString.prefix(8))@example.com")] }, update: { _ in ["active_flag": false] },
            checked: ["email"]),
        "webhooks": WritePlan(
            create: { _ in
                ["subscription_url": "https://example.com/hook", "event_action": "*", "event_object": "deal", "name": "Engine hook"]
            }, checked: ["subscription_url"]),
    ]

    static let conditions: JSON = [
        "glue": "and",
        "conditions": [
            ["glue": "and", "conditions": [["object": "deal", "field_id": "title", "operator": "=", "value": "x", "extra_value": nil]]],
            ["glue": "or", "conditions": []],
        ],
    ]
}
