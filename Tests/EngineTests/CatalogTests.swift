import Foundation
import Testing
import JSONValue
@testable import PipedriveEngine

@Suite struct CatalogTests {
    let catalog = Catalog.pipedrive

    @Test func hasTheSeedsResourcesAndActions() {
        #expect(catalog.resources.count == 26)
        #expect(catalog.actionCount == 117)
        #expect(catalog.resources.map(\.name) == [
            "activities", "activityTypes", "callLogs", "currencies", "deals", "dealFields", "files", "filters", "goals",
            "itemSearch", "leads", "mailThreads", "notes", "organizationFields", "organizations",
            "organizationRelationships", "persons", "pipelines", "products", "productFields", "roles", "stages",
            "subscriptions", "teams", "users", "webhooks",
        ])
        #expect(catalog.templates.map(\.template) == Template.allCases)
    }

    @Test func matchesTheSeedActionByAction() throws {
        let seed = try SharedMaterial.seedActions()
        let ours = catalog.resources.flatMap(\.actions)
        #expect(seed.count == ours.count)
        for (expected, action) in zip(seed, ours) {
            #expect(action.name == expected.name)
            if expected.path == "/products/{id}/files" {
                // The seed's slip: its parameter is product_id.
                #expect(action.path == "/products/{product_id}/files")
                #expect(action.parameters.map(\.name) == ["product_id"])
            } else {
                #expect(action.path == expected.path, "\(action.resource) \(action.name)")
            }
        }
    }

    @Test func matchesTodaysTable() throws {
        let rows = try SharedMaterial.text("docs/seed-endpoints-today.md").components(separatedBy: "\n")
            .map { $0.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) } }
            .filter { $0.count == 7 && EndpointStatus(rawValue: $0[4]) != nil }
        let actions = catalog.resources.flatMap(\.actions)
        #expect(rows.count == actions.count)
        for (row, action) in zip(rows, actions) {
            #expect(row[2] == action.name)
            #expect(action.status.rawValue == row[4])
            let v2 = action.v2.map { "\($0.method.rawValue) /api/v2\($0.path)" }
            #expect(v2.map { row[5].hasPrefix($0) } ?? row[5].isEmpty, "\(action.resource) \(action.name): \(row[5])")
        }
    }

    @Test func looksUpResourcesAndActionsInAnyCase() {
        #expect(catalog.resource(named: "DEALS")?.name == "deals")
        #expect(catalog.resource(named: "activitytypes")?.name == "activityTypes")
        #expect(catalog.resource(named: "mailthreads")?.readAction?.path == "/mailbox/mailThreads")
        #expect(catalog.resource(named: "goals")?.readAction?.path == "/goals/find")
        #expect(catalog.resource(named: "deals")?.action(named: "read DEAL") == nil)
        #expect(catalog.resource(named: "activities")?.action(named: "read DEAL")?.name == "Read deal")
        #expect(catalog.resource(named: "subscriptions")?.readAction == nil)
        #expect(catalog.resource(named: "nothing") == nil)
    }

    @Test func declaresParametersAutomaticParametersAndExtraction() throws {
        let activities = try #require(catalog.resource(named: "activities"))
        let recent = try #require(activities.action(named: "Read recent"))
        #expect(recent.parameters == [Parameter(name: "since_timestamp", description: "Specify timestamp to retrieve changes since.", kind: .timestamp)])
        #expect(recent.automatic == [.fixed(name: "items", value: "activity")])
        #expect(recent.extraction == .recentsData)
        #expect(activities.action(named: "Read deal")?.parameters.first?.kind == .id(of: "deals"))
        #expect(activities.action(named: "Delete")?.automatic == [.batchIDs(name: "ids")])
        #expect(catalog.resource(named: "files")?.action(named: "Create")?.automatic == [.itemContent(name: "file")])
        #expect(catalog.resource(named: "itemSearch")?.readAction?.extraction == .searchItems)
        #expect(catalog.resource(named: "deals")?.action(named: "Read search")?.extraction == .searchItemRecords)
        #expect(catalog.resource(named: "users")?.action(named: "Read search")?.extraction == .data)
        #expect(catalog.resource(named: "mailThreads")?.readAction?.parameters.first?.kind == .folder)
        #expect(catalog.resource(named: "users")?.action(named: "Read team")?.parameters.first?.kind == .id(of: "teams"))
        #expect(catalog.resource(named: "leads")?.action(named: "Update")?.method == .patch)
        let methods = Set(catalog.resources.flatMap(\.actions).map { "\($0.kind.rawValue) \($0.method.rawValue)" })
        #expect(methods == ["read GET", "create POST", "update PUT", "update PATCH", "delete DELETE"])
    }

    @Test func declaresFieldsTemplatesAndGatheredFields() throws {
        let activities = try #require(catalog.resource(named: "activities"))
        #expect(activities.fields.first == Field("id", dataType: .i4, isKey: true))
        #expect(activities.fields.count == 33)
        #expect(activities.customFieldsPath == "/activityFields")
        #expect(activities.fields.first { $0.name == "update_user_id" }?.template == .user)
        #expect(activities.fields.first { $0.name == "participants" }?.components
            == Components(isArray: true, names: ["person_id", "primary_flag"]))

        let deals = try #require(catalog.resource(named: "deals"))
        #expect(deals.includedTemplate == .deal)
        #expect(deals.fields.map(\.name) == [
            "activities", "files", "updates", "followers", "mail_messages", "participants", "permitted_users", "persons",
            "products",
        ])
        #expect(deals.fields[0].gather == .action(resource: "activities", action: "Read deal", parameter: "deal_id"))
        #expect(deals.fields[2].gather == .endpoint(path: "/deals/{id}/flow", extraction: .data))
        #expect(deals.fields[2].components?.names == ["object", "timestamp", "data"])
        #expect(deals.fields[4] == Field(
            "mail_messages", template: .longText, isReadOnly: true, isComposite: true,
            gather: .endpoint(path: "/deals/{id}/mailMessages", extraction: .data)))
        // The seed's files and products have no [Read deal]: the v1 sub-endpoint serves it.
        #expect(deals.fields[1].gather == .endpoint(path: "/deals/{id}/files", extraction: .data))

        let files = try #require(catalog.resource(named: "files"))
        #expect(files.fields == [Field("content", dataType: .image, gather: .endpoint(path: "/files/{id}/download", extraction: .bytes))])
        let leads = try #require(catalog.resource(named: "leads"))
        #expect(leads.fields.first == Field("id", template: .shortText, isKey: true))
        #expect(leads.fields.first { $0.name == "label_ids" } == Field("label_ids", template: .longText, isComposite: true))
        // The users' `email` lost its heading in the seed; its template line is there.
        #expect(catalog.resource(named: "users")?.fields.map(\.name).prefix(6) == ["id", "name", "default_currency", "locale", "email", "phone"])
        #expect(catalog.resource(named: "roles")?.fields.first { $0.name == "active_flag" } == Field("active_flag", dataType: .bool, isReadOnly: true))
        #expect(catalog.resource(named: "goals")?.fields.first { $0.name == "duration" }?.components == Components(template: .dateTime, names: ["start", "end"]))

        #expect(catalog.definition(of: .shortText) == TemplateDefinition(.shortText, dataType: .wstr(length: 255)))
        #expect(catalog.definition(of: .longText)?.dataType == .wstr(length: 1000))
        #expect(catalog.definition(of: .person)?.base == .user)
        #expect(catalog.definition(of: .follower)?.components == ["id", "user_id", "add_time"])
        let external = catalog.resources.compactMap(\.customFieldsPath)
        #expect(external == ["/activityFields", "/dealFields", "/noteFields", "/organizationFields", "/personFields", "/productFields"])
    }

    @Test func everyGatheringActionExists() {
        for resource in catalog.resources {
            for field in resource.fields {
                guard case .action(let name, let action, let parameter)? = field.gather else { continue }
                let target = catalog.resource(named: name)?.action(named: action)
                #expect(target?.parameter(named: parameter) != nil, "\(resource.name).\(field.name)")
            }
        }
    }
}

@Suite struct CatalogGeneratorTests {
    /// CatalogData.swift is the generator's output for today's seed, unedited.
    @Test func committedDataIsTheGeneratorsOutput() throws {
        let root = SharedMaterial.packageRoot
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("CatalogData-\(UUID().uuidString).swift")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "scripts/generate-catalog.py", "spec", output.path]
        process.currentDirectoryURL = root
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let generated = try String(contentsOf: output, encoding: .utf8)
        let committed = try String(
            contentsOf: root.appendingPathComponent("Sources/PipedriveEngine/Generated/CatalogData.swift"), encoding: .utf8)
        #expect(generated == committed)
    }
}
