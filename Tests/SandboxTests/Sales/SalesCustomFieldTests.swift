import JSONValue
import PipedriveSandbox
import Testing

/// Custom fields: v1 shows them at the top level under their hash keys (enum ids as strings, sets comma-joined,
/// composite types with suffixed siblings); v2 nests them under `custom_fields` in typed forms. Both write.
@Suite struct SalesCustomFieldTests {
    static let server = SalesServer.shared

    func key(_ type: String, _ table: String = "dealFields") -> String { Self.server.customKey(table, type: type) }

    @Test func everyFieldTypeExistsWithAHexKey() async throws {
        let reply = try await HTTP.get(Self.server, "/api/v1/dealFields?limit=500")
        let fields = try #require(reply.json?["data"]?.arrayValue)
        let custom = fields.filter { $0["edit_flag"] == true && $0["is_subfield"] == nil }
        let types = Set(custom.compactMap { $0["field_type"]?.stringValue })
        for type in ["varchar", "varchar_auto", "text", "double", "monetary", "date", "daterange", "time", "timerange", "phone",
                     "address", "enum", "set", "user", "org", "people", "visible_to"] {
            #expect(types.contains(type), "a deal custom field of type \(type)")
        }
        for field in custom {
            let key = field["key"]?.stringValue ?? ""
            #expect(key.count == 40 && key.allSatisfy { $0.isHexDigit && !$0.isUppercase }, "40-hex key: \(key)")
            if ["enum", "set"].contains(field["field_type"]?.stringValue ?? "") {
                #expect((field["options"]?.arrayValue?.count ?? 0) >= 2)
            }
        }
        #expect(fields.contains { $0["key"] == "title" && $0["edit_flag"] == false && $0["mandatory_flag"] == true })
        // Real accounts' shapes: sub-field entries after their parent, the pipeline keyed `pipeline`, a
        // conditional mandatory flag, integer `visible_to` option ids.
        let value = try #require(fields.first { $0["key"] == "value" })
        let currency = try #require(fields.first { $0["key"] == "currency" })
        #expect(currency["id"] == .null && currency["is_subfield"] == true && currency["id_suffix"] == "currency")
        #expect(currency["parent_id"] == value["id"])
        let monetary = key("monetary")
        #expect(fields.contains { $0["key"] == .string(monetary + "_currency") && $0["parent_id"] != nil })
        #expect(fields.contains { $0["key"] == .string(key("address") + "_locality") && $0["is_subfield"] == true })
        #expect(fields.contains { $0["key"] == "pipeline" } && !fields.contains { $0["key"] == "pipeline_id" })
        #expect(fields.first { $0["key"] == "lost_reason" }?["mandatory_flag"] == ["status": "=lost"])
        #expect(fields.first { $0["key"] == "visible_to" }?["options"]?[0]?["id"] == 1)
        for table in ["personFields", "organizationFields", "productFields", "activityFields", "noteFields", "leadFields"] {
            let other = try await HTTP.get(Self.server, "/api/v1/\(table)")
            #expect(other.status == 200)
            #expect((other.json?["data"]?.arrayValue ?? []).contains { $0["edit_flag"] == true }, "\(table) has custom fields")
        }
    }

    @Test func v2FieldsAPIDescribesTheSameFields() async throws {
        let v1 = try await HTTP.get(Self.server, "/api/v1/dealFields?limit=500")
        let v2 = try await HTTP.get(Self.server, "/api/v2/dealFields?limit=500&include_fields=ui_visibility,required_fields")
        // v2 nests the parts of a field (v1 lists them as sub-field entries) and names the pipeline as records do.
        let v1Fields = (v1.json?["data"]?.arrayValue ?? []).filter { $0["is_subfield"] == nil }
            .map { field -> JSON in
                var field = field
                if field["key"] == "pipeline" { field["key"] = "pipeline_id" }
                return field
            }
        let v2Fields = v2.json?["data"]?.arrayValue ?? []
        // Another test may add a field between the two reads: compare what both saw.
        let common = min(v1Fields.count, v2Fields.count)
        #expect(common >= 40)
        #expect(v1Fields.prefix(common).map { $0["key"] } == v2Fields.prefix(common).map { $0["field_code"] })
        let monetary = try #require(v2Fields.first { $0["field_code"] == .string(key("monetary")) })
        #expect(monetary["is_custom_field"] == true)
        #expect(monetary["subfields"]?.arrayValue?.count == 2)
        #expect(monetary["ui_visibility"]?["add_visible_flag"] != nil)
        let single = try await HTTP.get(Self.server, "/api/v2/dealFields/\(key("enum"))")
        #expect(single.json?["data"]?["field_type"] == "enum")
        #expect(single.json?["data"]?["options"]?[0]?["id"]?.intValue != nil, "custom option ids are integers")
        let builtIn = try await HTTP.get(Self.server, "/api/v2/dealFields/status")
        #expect(builtIn.json?["data"]?["options"]?[0]?["id"]?.stringValue != nil, "built-in option ids are strings")
        #expect(try await HTTP.get(Self.server, "/api/v2/dealFields/nope").status == 404)
        #expect(try await HTTP.get(Self.server, "/api/v2/noteFields").status == 404, "notes have no v2 fields API")
    }

    @Test func v1WritesEveryTypeAndV2ReadsItsForm() async throws {
        let enumOptions = Self.server.optionIDs("dealFields", key: key("enum"))
        let setOptions = Self.server.optionIDs("dealFields", key: key("set"))
        let body: JSON = .object([
            "title": "Custom v1",
            key("varchar"): "REF-1", key("text"): "Long text ✍", key("double"): "42.5", key("phone"): "+372 555 1234",
            key("monetary"): 1500, "\(key("monetary"))_currency": "USD", key("date"): "2027-05-01",
            key("daterange"): "2027-01-01", "\(key("daterange"))_until": "2027-02-01",
            key("enum"): .string(String(enumOptions[1])),
            key("set"): .string("\(setOptions[0]),\(setOptions[2])"),
            key("address"): "Mustamäe tee 3a, Tallinn", "\(key("address"))_locality": "Tallinn",
            key("user"): 2, key("org"): 3, key("people"): 4,
        ])
        let created = try await HTTP.call(Self.server, "POST", "/api/v1/deals", body)
        #expect(created.status == 201, "\(created.text)")
        let v1 = try #require(created.json?["data"])
        #expect(v1[key("enum")] == .string(String(enumOptions[1])), "v1 enum: the option id as a string")
        #expect(v1[key("set")] == .string("\(setOptions[0]),\(setOptions[2])"), "v1 set: comma-joined ids")
        #expect(v1[key("monetary")] == 1500)
        #expect(v1["\(key("monetary"))_currency"] == "USD")
        #expect(v1["\(key("daterange"))_until"] == "2027-02-01")
        #expect(v1["\(key("address"))_locality"] == "Tallinn")
        #expect(v1["\(key("address"))_country"] == .null)
        #expect(v1[key("double")] == 42.5)
        #expect(v1[key("time")] == .null, "unset fields are null")

        let id = try #require(v1["id"]?.intValue)
        let v2 = try await HTTP.get(Self.server, "/api/v2/deals/\(id)")
        let custom = try #require(v2.json?["data"]?["custom_fields"])
        #expect(v2.json?["data"]?[key("enum")] == nil, "v2 has no top-level hash keys")
        #expect(custom[key("enum")] == .int(enumOptions[1]))
        #expect(custom[key("set")] == [.int(setOptions[0]), .int(setOptions[2])])
        #expect(custom[key("monetary")] == ["value": 1500, "currency": "USD"])
        #expect(custom[key("daterange")] == ["value": "2027-01-01", "until": "2027-02-01"])
        #expect(custom[key("address")]?["value"] == "Mustamäe tee 3a, Tallinn")
        #expect(custom[key("address")]?["locality"] == "Tallinn")
        #expect(custom[key("varchar")] == "REF-1")
        #expect(custom[key("user")] == 2)
        #expect(custom[key("time")] == .null)

        let labelled = try await HTTP.get(Self.server, "/api/v2/deals/\(id)?include_option_labels=true")
        #expect(labelled.json?["data"]?["custom_fields"]?[key("enum")]?["label"]?.stringValue?.isEmpty == false)
        #expect(labelled.json?["data"]?["custom_fields"]?[key("set")]?.arrayValue?.count == 2)
    }

    @Test func v2WritesEveryTypeAndV1ReadsItsForm() async throws {
        let enumOptions = Self.server.optionIDs("dealFields", key: key("enum"))
        let setOptions = Self.server.optionIDs("dealFields", key: key("set"))
        let custom: JSON = .object([
            key("monetary"): ["value": 2300, "currency": "EUR"], key("enum"): .int(enumOptions[0]),
            key("set"): [.int(setOptions[1])], key("time"): ["value": "09:00:00", "timezone_id": 318, "timezone_name": "Europe/London"],
            key("timerange"): ["value": "08:00:00", "until": "17:00:00"], key("address"): ["value": "10 Downing St, London"],
            key("visible_to"): 7, key("varchar_auto"): "auto",
        ])
        let created = try await HTTP.call(Self.server, "POST", "/api/v2/deals", ["title": "Custom v2", "custom_fields": custom])
        #expect(created.status == 200, "\(created.text)")
        let id = try #require(created.json?["data"]?["id"]?.intValue)
        #expect(created.json?["data"]?["custom_fields"]?[key("time")]?["timezone_name"] == "Europe/London")
        let v1 = try #require(try await HTTP.get(Self.server, "/api/v1/deals/\(id)").json?["data"])
        #expect(v1[key("monetary")] == 2300)
        #expect(v1["\(key("monetary"))_currency"] == "EUR")
        #expect(v1[key("enum")] == .string(String(enumOptions[0])))
        #expect(v1[key("set")] == .string(String(setOptions[1])))
        #expect(v1[key("time")] == "09:00:00")
        #expect(v1[key("timerange")] == "08:00:00")
        #expect(v1["\(key("timerange"))_until"] == "17:00:00")
        #expect(v1[key("address")] == "10 Downing St, London")
        #expect(v1[key("visible_to")] == "7")
        // Clearing with null; PATCH leaves the other values alone.
        let cleared = try await HTTP.call(Self.server, "PATCH", "/api/v2/deals/\(id)", ["custom_fields": [.init(stringLiteral: key("enum")): nil]])
        #expect(cleared.json?["data"]?["custom_fields"]?[key("enum")] == .null)
        #expect(cleared.json?["data"]?["custom_fields"]?[key("monetary")] == ["value": 2300, "currency": "EUR"])
    }

    @Test func generatedValuesAgreeBetweenV1AndV2() async throws {
        let v1 = try await HTTP.get(Self.server, "/api/v1/deals?limit=50")
        let v2 = try await HTTP.get(Self.server, "/api/v2/deals?limit=50")
        let v1Deals = v1.json?["data"]?.arrayValue ?? []
        let v2Deals = v2.json?["data"]?.arrayValue ?? []
        #expect(v1Deals.count == 50 && v2Deals.count == 50)
        var setValues = 0
        for (one, two) in zip(v1Deals, v2Deals) {
            #expect(one["id"] == two["id"])
            let custom = two["custom_fields"]
            if let id = custom?[key("enum")]?.intValue { #expect(one[key("enum")] == .string(String(id))) }
            if let ids = custom?[key("set")]?.arrayValue {
                setValues += 1
                #expect(one[key("set")] == .string(ids.compactMap(\.intValue).map(String.init).joined(separator: ",")))
            }
            if let money = custom?[key("monetary")], money != .null {
                #expect(one[key("monetary")] == money["value"])
                #expect(one["\(key("monetary"))_currency"] == money["currency"])
            }
        }
        #expect(setValues > 5, "generated deals carry set values")
    }

    @Test func fieldsCRUDAndTheNewFieldIsUsable() async throws {
        let created = try await HTTP.call(
            Self.server, "POST", "/api/v1/dealFields",
            ["name": "Priorité", "field_type": "enum", "options": [["label": "Haute"], ["label": "Basse"]]])
        #expect(created.status == 200, "\(created.text)")
        let field = try #require(created.json?["data"])
        let id = try #require(field["id"]?.intValue)
        let fieldKey = try #require(field["key"]?.stringValue)
        #expect(fieldKey.count == 40)
        let options = field["options"]?.arrayValue?.compactMap { $0["id"]?.intValue } ?? []
        #expect(options.count == 2)

        let deal = try await HTTP.call(Self.server, "POST", "/api/v2/deals", ["title": "Uses new field", "custom_fields": [.init(stringLiteral: fieldKey): .int(options[1])]])
        #expect(deal.status == 200, "\(deal.text)")

        let renamed = try await HTTP.call(
            Self.server, "PUT", "/api/v1/dealFields/\(id)",
            ["name": "Priority", "options": [["id": .int(options[0]), "label": "High"], ["label": "Urgent"]]])
        #expect(renamed.json?["data"]?["name"] == "Priority")
        #expect(renamed.json?["data"]?["options"]?.arrayValue?.count == 2)
        #expect(renamed.json?["data"]?["options"]?[0] == ["id": .int(options[0]), "label": "High"])

        #expect(try await HTTP.call(Self.server, "POST", "/api/v1/dealFields", ["name": "x", "field_type": "enum"]).status == 400,
                "enum needs options")
        #expect(try await HTTP.call(Self.server, "POST", "/api/v1/dealFields", ["name": "x", "field_type": "hologram"]).status == 400)
        #expect(try await HTTP.call(Self.server, "POST", "/api/v1/dealFields", ["field_type": "varchar"]).status == 400)
        #expect(try await HTTP.call(Self.server, "DELETE", "/api/v1/dealFields/1").status == 400, "built-in fields stay")

        let product = try await HTTP.call(Self.server, "POST", "/api/v1/productFields", ["name": "Colour", "field_type": "varchar"])
        #expect(product.status == 201)
        let productID = try #require(product.json?["data"]?["id"]?.intValue)
        let bulk = try await HTTP.call(Self.server, "DELETE", "/api/v1/productFields?ids=\(productID)")
        #expect(bulk.json?["data"] == ["id": [.int(productID)]])
        let deleted = try await HTTP.call(Self.server, "DELETE", "/api/v1/dealFields/\(id)")
        #expect(deleted.json?["data"] == ["id": .int(id)])
        #expect(try await HTTP.get(Self.server, "/api/v1/dealFields/\(id)").status == 404)
        let after = try await HTTP.call(Self.server, "POST", "/api/v2/deals", ["title": "x", "custom_fields": [.init(stringLiteral: fieldKey): 1]])
        #expect(after.status == 400, "a deleted field can no longer be written")
    }
}
