import Testing
import JSONValue
@testable import PipedriveEngine

@Suite struct FieldTypeTests {
    /// docs/field-types.md, row by row: field_type → template, data type, kind.
    static let mapping: [(String, Template?, DataType, ValueKind)] = [
        ("boolean", nil, .bool, .boolean),
        ("double", nil, .r8, .decimal),
        ("int", nil, .i4, .integer),
        ("json", .longText, .wstr(length: 1000), .json),
        ("date", .dateTime, .dbTimestamp, .date),
        ("daterange", .dateTime, .dbTimestamp, .dateRange),
        ("time", .shortText, .wstr(length: 255), .time),
        ("timerange", .shortText, .wstr(length: 255), .timeRange),
        ("text", .longText, .wstr(length: 1000), .longText),
        ("varchar", .shortText, .wstr(length: 255), .text),
        ("varchar_auto", .shortText, .wstr(length: 255), .text),
        ("varchar_options", .shortText, .wstr(length: 255), .text),
        ("address", .shortText, .wstr(length: 255), .address),
        ("enum", .shortText, .wstr(length: 255), .option),
        ("monetary", nil, .r8, .money),
        ("phone", .shortText, .wstr(length: 255), .phone),
        ("set", .shortText, .wstr(length: 255), .options),
        ("activity", nil, .i4, .reference("activities")),
        ("deal", nil, .i4, .reference("deals")),
        ("lead", .shortText, .wstr(length: 255), .reference("leads")),
        ("org", .organizationRef, .i4, .organization),
        ("people", .personRef, .i4, .person),
        ("pipeline", nil, .i4, .reference("pipelines")),
        ("product", nil, .i4, .reference("products")),
        ("project", nil, .i4, .reference("projects")),
        ("stage", nil, .i4, .reference("stages")),
        ("user", .user, .i4, .user),
        ("billing_frequency", .shortText, .wstr(length: 255), .text),
        ("picture", .shortText, .i4, .object),
        ("price_list", .longText, .wstr(length: 1000), .list),
        ("projects_board", nil, .i4, .reference("boards")),
        ("projects_phase", nil, .i4, .reference("phases")),
        ("status", .shortText, .wstr(length: 255), .text),
        ("visible_to", .shortText, .wstr(length: 255), .visibility),
    ]

    @Test func mapsEveryFieldType() throws {
        // Every field_type of the v1 spec's enum (pipedrive-api.md §7), and nothing else.
        #expect(Set(Self.mapping.map(\.0)) == Set(CustomFieldType.allCases.map(\.rawValue)))
        #expect(Self.mapping.count == CustomFieldType.allCases.count)
        for (name, template, dataType, kind) in Self.mapping {
            let type = try #require(CustomFieldType(rawValue: name))
            #expect(type.template == template, "\(name)")
            #expect(type.dataType == dataType, "\(name)")
            #expect(type.kind == kind, "\(name)")
        }
    }

    @Test func theMappingIsDocumented() throws {
        let doc = try String(contentsOf: SharedMaterial.packageRoot.appendingPathComponent("docs/field-types.md"), encoding: .utf8)
        for (name, template, dataType, _) in Self.mapping {
            let row = doc.split(separator: "\n").first { $0.hasPrefix("| `\(name)` |") }
            #expect(row?.contains(template?.rawValue ?? "—") == true, "\(name)")
            #expect(row?.contains(dataType.description) == true, "\(name)")
        }
    }

    @Test func readsV1FieldLists() throws {
        let body = try JSON(parsing: """
            {"success":true,"data":[
              {"id":12,"key":"title","name":"Title","field_type":"varchar","edit_flag":false,"mandatory_flag":true,"options":null},
              {"id":40,"key":"dcf558aac1ae4e8c4f849ba5e668430d8df9be12","name":"Kind","field_type":"enum","edit_flag":true,
               "options":[{"id":190,"label":"Private person"},{"id":191,"label":"Company"}]},
              {"id":41,"key":"a1b2","name":"Odd","field_type":"hologram","edit_flag":true},
              {"id":42,"name":"no key"}
            ],"additional_data":{"pagination":{"start":0,"limit":100,"more_items_in_collection":false}}}
            """)
        let fields = CustomField.list(from: body)
        #expect(fields.map(\.key) == ["title", "dcf558aac1ae4e8c4f849ba5e668430d8df9be12", "a1b2"])
        #expect(fields[0] == CustomField(id: 12, key: "title", name: "Title", type: .varchar, isCustom: false, isMandatory: true))
        #expect(fields[1].options == [FieldOption(id: 190, label: "Private person"), FieldOption(id: 191, label: "Company")])
        #expect(fields[1].isCustom && fields[1].kind == .option)
        #expect(fields[1].option(label: "company")?.id == 191)
        // An unknown type is plain text, and keeps its name.
        #expect(fields[2].type == .varchar && fields[2].fieldTypeName == "hologram")
    }

    @Test func readsV2FieldLists() throws {
        let body = try JSON(parsing: """
            {"success":true,"data":[{"field_code":"abc123","field_name":"Budget","field_type":"monetary","is_custom_field":true,
              "options":null,"subfields":[{"field_code":"abc123_currency","field_name":"Currency","field_type":"varchar"}],
              "required_fields":{"enabled":true,"stage_ids":[]}},
              {"field_code":"stage","field_name":"Stage","field_type":"set","is_custom_field":false,
              "options":[{"id":"1","label":"A"}]}],
             "additional_data":{"next_cursor":null}}
            """)
        let fields = CustomField.list(from: body)
        #expect(fields.map(\.name) == ["Budget", "Stage"])
        #expect(fields[0].isCustom && fields[0].type == .monetary && fields[0].isMandatory)
        #expect(!fields[1].isMandatory)
        #expect(!fields[1].isCustom && fields[1].options == [FieldOption(id: 1, label: "A", value: "1")])
    }

    @Test func schemaJoinsCatalogAndAccountFields() throws {
        let deals = try #require(Catalog.pipedrive.resource(named: "deals"))
        let listed = [
            CustomField(key: "id", name: "ID", type: .int, isCustom: false),
            CustomField(key: "title", name: "Title", type: .varchar, isCustom: false, isMandatory: true),
            CustomField(key: "value", name: "Value", type: .monetary, isCustom: false),
            CustomField(key: "hash1", name: "Kind", type: .enumeration, options: [FieldOption(id: 1, label: "A")]),
        ]
        let schema = Schema(resource: deals, customFields: listed)
        // The Deal template's components, the resource's own fields, then what the account adds.
        #expect(schema.fields.prefix(3).map(\.key) == ["id", "active", "deleted"])
        #expect(schema.fields.suffix(3).map(\.key) == ["title", "value", "hash1"])
        let id = try #require(schema.field("id"))
        #expect(id.isKey && id.title == "ID" && id.kind == .integer && !id.isWritable)
        #expect(schema.field("title")?.isMandatory == true)
        #expect(schema.field("hash1")?.isCustom == true)
        #expect(schema.field("activities")?.kind == .list)
        #expect(schema.field("activities")?.isGathered == true)
        #expect(schema.field("person_name")?.kind == .timestamp)  // as the seed's Deal template says (DateTime)
        let activities = try #require(Catalog.pipedrive.resource(named: "activities"))
        let activitySchema = Schema(resource: activities)
        #expect(activitySchema.field("update_user_id")?.kind == .user)
        #expect(activitySchema.field("active_flag")?.kind == .boolean)
        #expect(activitySchema.field("local_due_time_for_sorting")?.kind == .timestamp)
        #expect(Schema(resource: try #require(Catalog.pipedrive.resource(named: "leads"))).field("id")?.isKey == true)
    }
}
