import JSONValue
import PipedriveSandbox
import Testing

/// Refused writes: 400 in Pipedrive's error envelope (v1 message, v2 "Validation failed" with a code), unknown
/// ids 404, and in every case the account unchanged.
@Suite struct SalesValidationTests {
    struct Refusal: Sendable, CustomTestStringConvertible {
        var method: String
        var target: String
        var body: JSON?
        var status = 400
        /// A fragment of the error message.
        var message: String
        var testDescription: String { "\(method) \(target) \(body.map { "\($0)" } ?? "")" }
    }

    static let enumKey = SalesServer.shared.customKey("dealFields", type: "enum")
    static let setKey = SalesServer.shared.customKey("dealFields", type: "set")

    static let refusals: [Refusal] = [
        // Required fields.
        Refusal(method: "POST", target: "/api/v1/deals", body: ["value": 10], message: "Deal title must be given."),
        Refusal(method: "POST", target: "/api/v2/deals", body: ["value": 10], message: "Validation failed: title"),
        Refusal(method: "POST", target: "/api/v1/persons", body: ["email": "a@b.c"], message: "Person name must be given."),
        Refusal(method: "POST", target: "/api/v1/notes", body: ["deal_id": 1], message: "Note content must be given."),
        Refusal(method: "POST", target: "/api/v1/notes", body: ["content": "orphan"], message: "must belong to a deal"),
        Refusal(method: "POST", target: "/api/v1/stages", body: ["name": "No pipeline"], message: "pipeline_id"),
        Refusal(method: "POST", target: "/api/v1/leads", body: ["title": "Nobody"], message: "linked to a person or an organization"),
        Refusal(method: "PUT", target: "/api/v1/deals/1", body: ["title": ""], message: "Deal title must be given."),
        // Unknown fields.
        Refusal(method: "POST", target: "/api/v1/deals", body: ["title": "x", "colour": "red"], message: "colour"),
        Refusal(method: "POST", target: "/api/v2/persons", body: ["name": "x", "email": "a@b.c"], message: "Validation failed: email"),
        Refusal(method: "PATCH", target: "/api/v2/deals/1", body: [.init(stringLiteral: enumKey): "1"], message: "is not allowed for this request"),
        Refusal(method: "PATCH", target: "/api/v2/deals/1", body: ["custom_fields": ["0000000000000000000000000000000000000000": 1]],
                message: "Unknown custom field"),
        // Wrong types: v2 is strict, v1 lenient but not blind.
        Refusal(method: "PATCH", target: "/api/v2/deals/1", body: ["value": "100"], message: "Validation failed: value: must be a number"),
        Refusal(method: "PATCH", target: "/api/v2/deals/1", body: ["is_archived": 1], message: "boolean"),
        Refusal(method: "PATCH", target: "/api/v2/deals/1", body: ["owner_id": "2"], message: "owner_id"),
        Refusal(method: "PATCH", target: "/api/v2/deals/1", body: ["won_time": "2026-01-01 10:00:00"], message: "RFC 3339"),
        Refusal(method: "PATCH", target: "/api/v2/deals/1", body: ["visible_to": "3"], message: "visible_to"),
        Refusal(method: "PUT", target: "/api/v1/deals/1", body: ["value": "lots"], message: "value"),
        Refusal(method: "PUT", target: "/api/v1/deals/1", body: ["status": "maybe"], message: "status"),
        Refusal(method: "PUT", target: "/api/v1/deals/1", body: ["expected_close_date": "2026-02-30"], message: "YYYY-MM-DD"),
        Refusal(method: "PUT", target: "/api/v1/activities/1", body: ["due_time": "25:00"], message: "due_time"),
        Refusal(method: "PUT", target: "/api/v1/activities/1", body: ["type": "teleportation"], message: "activity type"),
        // References and options that do not exist.
        Refusal(method: "PUT", target: "/api/v1/deals/1", body: ["person_id": 99_999_999], message: "no person with id 99999999"),
        Refusal(method: "PATCH", target: "/api/v2/deals/1", body: ["stage_id": 99_999], message: "stage_id"),
        Refusal(method: "PUT", target: "/api/v1/deals/1", body: [.init(stringLiteral: enumKey): "99999"], message: "option 99999 does not exist"),
        Refusal(method: "PATCH", target: "/api/v2/deals/1", body: ["custom_fields": [.init(stringLiteral: enumKey): 99_999]],
                message: "option 99999 does not exist"),
        Refusal(method: "PATCH", target: "/api/v2/deals/1", body: ["custom_fields": [.init(stringLiteral: setKey): []]],
                message: "must not be an empty array"),
        Refusal(method: "PATCH", target: "/api/v2/deals/1", body: ["custom_fields": [.init(stringLiteral: enumKey): "1"]],
                message: "integer option id"),
        // Bodies that are not JSON objects.
        Refusal(method: "POST", target: "/api/v1/deals", body: nil, message: "Deal title must be given."),
        Refusal(method: "POST", target: "/api/v2/deals", body: [1, 2], message: "Validation failed: body"),
        // Unknown ids.
        Refusal(method: "GET", target: "/api/v1/deals/99999999", status: 404, message: "Deal not found"),
        Refusal(method: "PUT", target: "/api/v1/persons/99999999", body: ["name": "x"], status: 404, message: "Person not found"),
        Refusal(method: "DELETE", target: "/api/v1/organizations/99999999", status: 404, message: "Organization not found"),
        Refusal(method: "GET", target: "/api/v2/products/99999999", status: 404, message: "Product not found"),
        Refusal(method: "PATCH", target: "/api/v2/activities/99999999", body: ["done": true], status: 404, message: "Activity not found"),
        Refusal(method: "DELETE", target: "/api/v2/stages/99999999", status: 404, message: "Stage not found"),
        Refusal(method: "GET", target: "/api/v1/notes/99999999", status: 404, message: "Note not found"),
        Refusal(method: "PATCH", target: "/api/v1/leads/00000000-0000-4000-8000-000000000001", body: ["title": "x"], status: 404,
                message: "requested lead not found"),
        Refusal(method: "DELETE", target: "/api/v1/activities?ids=1,99999999", status: 404, message: "Activity not found"),
        Refusal(method: "GET", target: "/api/v1/deals/abc", status: 404, message: "Deal not found"),
        // Bad list parameters.
        Refusal(method: "GET", target: "/api/v2/deals?owner_id=abc", message: "Validation failed: owner_id"),
        Refusal(method: "GET", target: "/api/v2/deals?include_option_labels=1", message: "include_option_labels"),
        Refusal(method: "GET", target: "/api/v2/deals?updated_since=yesterday", message: "updated_since"),
        Refusal(method: "GET", target: "/api/v2/deals?sort_by=title", message: "sort_by"),
        Refusal(method: "GET", target: "/api/v1/deals?status=sleeping", message: "status"),
        Refusal(method: "GET", target: "/api/v1/deals?sort=nonsense%20ASC", message: "sort"),
    ]

    @Test(arguments: refusals)
    func refusedAndUnchanged(_ refusal: Refusal) async throws {
        let server = SalesServer.shared
        let watched = server.withStore { [$0["deals"][1], $0["activities"][1]] }
        let reply = try await HTTP.call(server, refusal.method, refusal.target, refusal.body)
        #expect(reply.status == refusal.status, "\(reply.text)")
        let body = try #require(reply.json)
        #expect(body["success"] == false)
        #expect(body["data"] == .null)
        let message = body["error"]?.stringValue ?? ""
        #expect(message.contains(refusal.message), "error was: \(message)")
        if refusal.target.hasPrefix("/api/v2"), refusal.status == 400 {
            #expect(body["code"] == "ERR_SCHEMA_VALIDATION_FAILED")
            #expect(message.hasPrefix("Validation failed: "))
        }
        // Concurrent tests create rows, never delete generated ones: the watched rows must be as they were.
        #expect(server.withStore { [$0["deals"][1], $0["activities"][1]] } == watched)
    }

    @Test func aRefusedCreateTakesNoIdAndWritesNothing() async throws {
        let server = try SalesServer.start()
        defer { server.stop() }
        let before = server.withStore { store in (store["deals"].all, store.lastIDs, store.clock) }
        let reply = try await HTTP.call(server, "POST", "/api/v2/deals", ["title": "x", "person_id": 99_999_999])
        #expect(reply.status == 400)
        let after = server.withStore { store in (store["deals"].all, store.lastIDs, store.clock) }
        #expect(after.0 == before.0)
        #expect(after.1 == before.1)
        #expect(after.2 == before.2, "a refused write does not advance the clock")
        let created = try await HTTP.call(server, "POST", "/api/v2/deals", ["title": "x"])
        #expect(created.json?["data"]?["id"] == .int((before.0.last?["id"]?.intValue ?? 0) + 1))
    }

    @Test func v1IsLenientWhereV2IsStrict() async throws {
        let server = SalesServer.shared
        // A v1 form body: strings for numbers and 0/1 for booleans.
        let form = try await HTTP.call(
            server, "POST", "/api/v1/deals", raw: "title=Form+deal+%C3%A9&value=250.5&is_archived=0&visible_to=7",
            contentType: "application/x-www-form-urlencoded")
        #expect(form.status == 201, "\(form.text)")
        #expect(form.json?["data"]?["title"] == "Form deal é")
        #expect(form.json?["data"]?["value"] == 250.5)
        #expect(form.json?["data"]?["visible_to"] == "7")
        let id = try #require(form.json?["data"]?["id"]?.intValue)
        // The same values are refused by v2.
        let strict = try await HTTP.call(server, "PATCH", "/api/v2/deals/\(id)", ["value": "250.5"])
        #expect(strict.status == 400)
        let formV2 = try await HTTP.call(
            server, "POST", "/api/v2/deals", raw: "title=x", contentType: "application/x-www-form-urlencoded")
        #expect(formV2.status == 400, "v2 takes JSON bodies only")
    }
}
