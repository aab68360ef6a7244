import Foundation
import Testing
import JSONValue
@testable import PipedriveEngine

/// The staging state machine and the commit plan: no terminal, no network.
@Suite struct StagingTests {
    static let kinds = [FieldOption(id: 1, label: "New business"), FieldOption(id: 2, label: "Upsell")]
    static let dealFields = [
        CustomField(key: "title", name: "Title", type: .varchar, isCustom: false, isMandatory: true),
        CustomField(key: "value", name: "Value", type: .double, isCustom: false),
        CustomField(key: "update_time", name: "Update time", type: .date, isCustom: false),
        CustomField(key: "seats", name: "Seats", type: .int),
        CustomField(key: "kind", name: "Deal type", type: .enumeration, options: kinds),
    ]
    let deals = Schema(resource: Catalog.pipedrive.resource(named: "deals")!, customFields: dealFields)
    let persons = Schema(resource: Catalog.pipedrive.resource(named: "persons")!, customFields: [
        CustomField(key: "name", name: "Name", type: .varchar, isCustom: false, isMandatory: true),
        CustomField(key: "org_id", name: "Organization", type: .org, isCustom: false),
    ])
    let deal = Record(id: .int(5), values: ["id": 5, "title": "Big", "seats": 3, "kind": 1, "update_time": "2026-01-01 10:00:00"])

    /// A session that is never connected: planning is pure.
    static func session(_ version: PipedriveEngine.APIVersion? = nil) -> Session {
        Session(
            settings: ConnectionSettings(baseURL: URL(string: "http://127.0.0.1:9")!, credential: .apiToken("t"), profileName: "p"),
            apiVersion: version)
    }

    @Test func stagesEditsFieldByField() throws {
        var staging = Staging()
        let refused = staging.edit(deal, of: deals, text: ["title": "Bigger", "seats": "4"])
        #expect(refused.isEmpty)
        let change = try #require(staging.changes.first)
        guard case .update(let base, let edits) = change.kind else { Issue.record("not an update"); return }
        #expect(base == deal)
        #expect(edits == [FieldEdit(key: "title", title: "Title", old: "Big", new: "Bigger"),
                          FieldEdit(key: "seats", title: "Seats", old: 3, new: 4)])
        // Editing the same record again folds into the same change; back to the loaded value unstages it.
        staging.edit(deal, of: deals, text: ["seats": "3"])
        #expect(staging.changes.count == 1)
        guard case .update(_, let left) = staging.changes[0].kind else { return }
        #expect(left.map(\.key) == ["title"])
        staging.edit(deal, of: deals, text: ["title": "Big"])
        #expect(staging.isEmpty)
    }

    @Test func aWrongValueIsRefusedNextToItsFieldAndBlocksNothingElse() throws {
        var staging = Staging()
        let refused = staging.edit(deal, of: deals, text: ["seats": "12a", "title": "Renamed", "kind": "Nope"])
        #expect(refused["seats"] == "Seats: \"12a\" is not a whole number.")
        #expect(refused["kind"]?.contains("is not one of New business, Upsell") == true)
        #expect(staging.problems[FieldProblem(resource: "deals", record: .int(5), key: "seats")] == refused["seats"])
        guard case .update(_, let edits) = try #require(staging.changes.first).kind else { return }
        #expect(edits.map(\.key) == ["title"])  // nothing staged for seats or kind
        // A valid value clears the field's problem.
        staging.edit(deal, of: deals, text: ["seats": "12"])
        #expect(staging.problems[FieldProblem(resource: "deals", record: .int(5), key: "seats")] == nil)
        #expect(staging.problems.count == 1)
    }

    @Test func newRecordsNeedTheirRequiredFields() throws {
        var staging = Staging()
        let missing = staging.create(in: persons, text: ["org_id": "7"])
        #expect(missing == .failure(FormRefusal(fields: ["name": "Name: is required."], message: nil)))
        #expect(staging.isEmpty)
        #expect(staging.problems[FieldProblem(resource: "persons", record: nil, key: "name")] == "Name: is required.")
        let bad = staging.create(in: persons, text: ["name": "Ann", "org_id": "x"])
        #expect(bad == .failure(FormRefusal(fields: ["org_id": "Organization: \"x\" is not a record id (a positive whole number)."], message: nil)))
        #expect(staging.isEmpty)
        let staged = staging.create(in: persons, text: ["name": "Ann Lee", "org_id": "7"])
        #expect(staged == .success(1))
        #expect(staging.changes[0].kind == .create(values: ["name": "Ann Lee", "org_id": 7]))
        #expect(staging.problems.isEmpty)
    }

    @Test func planListsEveryCallInStagingOrder() throws {
        var staging = Staging()
        staging.edit(deal, of: deals, text: ["title": "Bigger", "kind": "Upsell"])
        _ = staging.create(in: persons, text: ["name": "Ann", "org_id": "7"])
        let three = (1...3).map { Record(id: .int($0), values: ["id": .int($0), "name": .string("P\($0)")]) }
        try staging.delete(three, of: persons.resource)
        let schemas = ["deals": deals, "persons": persons]

        let v2 = try Self.session().plan(staging, schemas: schemas)
        #expect(v2.changes.map(\.summary) == ["Update deals 5", "Create persons", "Delete persons 1, 2, 3"])
        #expect(v2.requests.map(\.line) == [
            #"PATCH /api/v2/deals/5 {"custom_fields":{"kind":2},"title":"Bigger"}"#,
            #"POST /api/v2/persons {"name":"Ann","org_id":7}"#,
            "DELETE /api/v2/persons/1", "DELETE /api/v2/persons/2", "DELETE /api/v2/persons/3",
        ])
        #expect(v2.changes[0].fields.map { "\($0.key): \($0.old) → \($0.new)" } == [#"title: "Big" → "Bigger""#, "kind: 1 → 2"])

        let v1 = try Self.session(.v1).plan(staging, schemas: schemas)
        #expect(v1.requests.map(\.line) == [
            #"PUT /api/v1/deals/5 {"kind":"2","title":"Bigger"}"#,
            #"POST /api/v1/persons {"name":"Ann","org_id":7}"#,
            "DELETE /api/v1/persons?ids=1%2C2%2C3",
        ])
    }

    @Test func leadsArePatchedInV1() throws {
        let leads = Schema(resource: Catalog.pipedrive.resource(named: "leads")!)
        let lead = Record(id: .string("adf21080-0e10-11eb-879b-05d71fb426ec"), values: ["id": "adf21080-0e10-11eb-879b-05d71fb426ec", "title": "L"])
        var staging = Staging()
        #expect(staging.edit(lead, of: leads, text: ["title": "Lead 2"]).isEmpty)
        let plan = try Self.session().plan(staging, schemas: ["leads": leads])
        #expect(plan.requests.map(\.line) == [#"PATCH /api/v1/leads/adf21080-0e10-11eb-879b-05d71fb426ec {"title":"Lead 2"}"#])
    }

    @Test func deletesWithoutABatchCallAreOneCallPerID() throws {
        let notes = Schema(resource: Catalog.pipedrive.resource(named: "notes")!)
        var staging = Staging()
        try staging.delete([Record(id: .int(4), values: [:]), Record(id: .int(9), values: [:])], of: notes.resource)
        let plan = try Self.session().plan(staging, schemas: ["notes": notes])
        #expect(plan.requests.map(\.line) == ["DELETE /api/v1/notes/4", "DELETE /api/v1/notes/9"])
        let users = Catalog.pipedrive.resource(named: "users")!
        #expect(throws: PipedriveError.self) { try staging.delete([Record(id: .int(1), values: [:])], of: users) }
    }

    @Test func moreThanTenDeletesNeedTheTypedCount() throws {
        var staging = Staging()
        let records = (1...11).map { Record(id: .int($0), values: [:]) }
        try staging.delete(Array(records.prefix(6)), of: persons.resource)
        try staging.delete(records, of: persons.resource)  // the first six are not staged twice
        #expect(staging.deleteCount == 11)
        #expect(throws: PipedriveError.self) { try staging.checkConfirmation(nil) }
        #expect(throws: PipedriveError.self) { try staging.checkConfirmation("10") }
        #expect(throws: Never.self) { try staging.checkConfirmation(" 11 ") }
        staging.remove(staging.changes[1].id)
        #expect(throws: Never.self) { try staging.checkConfirmation(nil) }
    }

    @Test func deletingARecordDropsItsStagedEdits() throws {
        var staging = Staging()
        staging.edit(deal, of: deals, text: ["title": "X"])
        try staging.delete([deal], of: deals.resource)
        #expect(staging.changes.map(\.deletedIDs) == [[.int(5)]])
        #expect(staging.edit(deal, of: deals, text: ["title": "Y"]) == ["title": "The record is staged for deletion; unstage that to edit it."])
        #expect(staging.changes.count == 1)
    }

    @Test func outcomesLeaveFailedChangesStagedWithTheirMessage() throws {
        var staging = Staging()
        staging.edit(deal, of: deals, text: ["title": "A"])
        _ = staging.create(in: persons, text: ["name": "Ann"])
        try staging.delete((1...3).map { Record(id: .int($0), values: [:]) }, of: persons.resource)
        let plan = try Self.session().plan(staging, schemas: ["deals": deals, "persons": persons])
        let report = CommitReport(plan: plan, isDryRun: false, outcomes: [
            ChangeOutcome(changeID: 1, result: .failed(message: "Pipedrive refused PATCH /api/v2/deals/5 (400: bad).", doneIDs: [])),
            ChangeOutcome(changeID: 2, result: .done(created: [Record(id: .int(90), values: [:])])),
            ChangeOutcome(changeID: 3, result: .failed(message: "Not found", doneIDs: [.int(1)])),
        ], sent: plan.requests)
        staging.apply(report)
        #expect(staging.changes.map(\.id) == [1, 3])
        #expect(staging.changes[0].failure == "Pipedrive refused PATCH /api/v2/deals/5 (400: bad).")
        #expect(staging.changes[1].deletedIDs == [.int(2), .int(3)])
        // A dry run changes nothing.
        var untouched = staging
        untouched.apply(CommitReport(plan: plan, isDryRun: true, outcomes: [ChangeOutcome(changeID: 1, result: .done(created: []))], sent: []))
        #expect(untouched == staging)
    }

    /// A conflict names the other writable fields Pipedrive changed (not `update_time`, not the edited ones).
    @Test func aConflictNamesTheOtherFieldsChangedThere() throws {
        let theirs = Record(id: .int(5), values: ["id": 5, "title": "Theirs", "seats": 4, "kind": 1, "update_time": "2026-01-02 10:00:00"])
        let conflict = try #require(Session.conflict(
            base: deal, edits: [FieldEdit(key: "title", title: "Title", old: "Big", new: "Mine")], theirs: theirs, schema: deals))
        #expect(conflict.fields == ["title"] && conflict.others == ["seats"])
        // Kept across sessions with the staged change.
        var staging = Staging()
        staging.edit(deal, of: deals, text: ["title": "Mine"])
        staging.apply(CommitReport(plan: CommitPlan(changes: [], deleteCount: 0), isDryRun: false,
                                   outcomes: [ChangeOutcome(changeID: 1, result: .conflict(conflict))], sent: []))
        let folder = try TemporaryFolder()
        let file = StagingFile(path: folder.path + "/staged.json")
        try file.save(staging)
        #expect(try file.load()?.changes.first?.conflict?.others == ["seats"])
    }

    @Test func conflictsAreResolvedPerRecord() throws {
        let theirs = Record(id: .int(5), values: ["id": 5, "title": "Theirs", "seats": 3, "kind": 1, "update_time": "2026-01-02 10:00:00"])
        func conflicted() -> Staging {
            var staging = Staging()
            staging.edit(deal, of: deals, text: ["title": "Mine"])
            let conflict = Session.conflict(base: deal, edits: [FieldEdit(key: "title", title: "Title", old: "Big", new: "Mine")], theirs: theirs, schema: deals)
            #expect(conflict == Conflict(theirs: theirs, yours: ["title": "Mine"], fields: ["title"]))
            staging.apply(CommitReport(plan: CommitPlan(changes: [], deleteCount: 0), isDryRun: false,
                                       outcomes: [ChangeOutcome(changeID: 1, result: .conflict(conflict!))], sent: []))
            return staging
        }
        var overwrite = conflicted()
        #expect(overwrite.changes[0].conflict != nil)
        overwrite.resolve(1, .overwrite)
        #expect(overwrite.changes[0].kind == .update(base: theirs, edits: [FieldEdit(key: "title", title: "Title", old: "Theirs", new: "Mine")]))
        #expect(overwrite.changes[0].conflict == nil)
        var take = conflicted()
        take.resolve(1, .takeTheirs)
        #expect(take.isEmpty)
        var skip = conflicted()
        skip.resolve(1, .skip)
        #expect(skip.changes[0].isHeld)
        #expect(try Self.session().plan(skip, schemas: ["deals": deals]).changes.isEmpty)

        // Only update_time moved: still a conflict, with no field named. Same moment in v1 and v2: none.
        let touched = Record(id: .int(5), values: deal.values.merging(["update_time": "2026-01-03T00:00:00Z"]) { $1 })
        #expect(Session.conflict(base: deal, edits: [], theirs: touched, schema: deals)?.fields == [])
        let same = Record(id: .int(5), values: deal.values.merging(["update_time": "2026-01-01T10:00:00Z"]) { $1 })
        #expect(Session.conflict(base: deal, edits: [], theirs: same, schema: deals) == nil)
        // A record loaded without an update time is judged by its written fields alone.
        var untimed = deal
        untimed["update_time"] = nil
        #expect(Session.conflict(base: untimed, edits: [], theirs: touched, schema: deals) == nil)
    }

    @Test func persistsAndLoadsBack() throws {
        var staging = Staging()
        staging.edit(deal, of: deals, text: ["title": "Bigger", "kind": "Upsell"])
        _ = staging.create(in: persons, text: ["name": "Ann Lee", "org_id": "7"])
        try staging.delete([Record(id: .int(3), values: ["id": 3, "name": "Bo", "emails": [["value": "b@x.y", "primary": true]]])], of: persons.resource)
        staging.hold(3, true)
        let folder = try TemporaryFolder()
        let file = StagingFile(path: folder.path + "/state/pdtui/staged/p@host.json")
        #expect(try file.load() == nil)
        try file.save(staging)
        var info = stat()
        #expect(stat(file.path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        let loaded = try #require(try file.load())
        #expect(loaded.changes == staging.changes)
        var next = loaded
        staging.edit(deal, of: deals, text: ["seats": "9"])
        next.edit(deal, of: deals, text: ["seats": "9"])
        #expect(next.changes == staging.changes)
        #expect(next.create(in: persons, text: ["name": "Cy"]) == .success(4))  // ids go on after a reload
        try file.save(Staging())
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }

    @Test func stagingFilesArePerProfileAndCompany() {
        let environment = ["XDG_STATE_HOME": "/tmp/st", "HOME": "/home/u"]
        var settings = ConnectionSettings(baseURL: URL(string: "https://acme.pipedrive.com")!, credential: .apiToken("secret"), profileName: "acme")
        #expect(StagingFile(for: settings, environment: environment).path == "/tmp/st/pdtui/staged/acme@acme.pipedrive.com.json")
        settings.profileName = nil
        settings.baseURL = URL(string: "http://127.0.0.1:8080")!
        #expect(StatePaths.stagingFile(for: settings, environment: ["HOME": "/home/u"]) == "/home/u/.local/state/pdtui/staged/env@127.0.0.1_8080.json")
        #expect(StatePaths.journalFile(environment: environment) == "/tmp/st/pdtui/journal.jsonl")
    }
}

extension StagingTests {
    @Test func aChangeBeingSentIsHeldUntilReleased() throws {
        var staging = Staging()
        _ = staging.create(in: persons, text: ["name": "Ann"])
        staging.markSending(1, attempt: StagedChange.Attempt(journalID: "j1", time: 1_800_000_000))
        // What a crash leaves on disk: the change, held, saying why.
        let folder = try TemporaryFolder()
        let file = StagingFile(path: folder.path + "/s.json")
        try file.save(staging)
        var loaded = try #require(try file.load())
        #expect(loaded.changes[0].isHeld && loaded.changes[0].failure?.contains("may or may not have been done") == true)
        #expect(loaded.changes[0].attempt == StagedChange.Attempt(journalID: "j1", time: 1_800_000_000))
        #expect(try Self.session().plan(loaded, schemas: ["persons": persons]).changes.isEmpty)
        loaded.hold(1, false)
        #expect(loaded.changes[0].failure == nil)
        #expect(try Self.session().plan(loaded, schemas: ["persons": persons]).changes.count == 1)
        // A failure after sending started releases it with Pipedrive's message; an unknown outcome holds it.
        staging.apply(ChangeOutcome(changeID: 1, result: .failed(message: "400", doneIDs: [])))
        #expect(!staging.changes[0].isHeld && staging.changes[0].failure == "400")
        staging.apply(ChangeOutcome(changeID: 1, result: .unknown(message: "maybe")))
        #expect(staging.changes[0].isHeld && staging.changes[0].failure == "maybe")
    }
}
