import JSONValue

/// A page's rows as a screen shows them: records with custom fields folded in and references named.
public struct ShownRecords: Sendable {
    /// The fields the records were read with: the account's, or the catalog's alone when the account's
    /// `*Fields` list could not be read (then columns carry the raw keys).
    public var schema: Schema
    public var records: [Record]
    /// Why something is missing (the fields list or some names could not be loaded), as a sentence.
    public var notice: String?
}

extension Session {
    /// `rows` of `resource` as records to show: the account's fields (or, when they cannot be read, the
    /// catalog's, and a notice saying why; the rows are kept), then every bare id named through `names`'
    /// cached, batched lookups (nil `names`: ids stay bare, for the caller to name the rows it shows, see
    /// `ReferenceNames.name`). v1 answers embed most references, but not all (`/recents`, leads, notes,
    /// activities' participants), so both versions go through the lookups; embedded ones are left alone.
    /// Search results (`action` extracting `data.items[].item`) name their references as the records do.
    public func shownRecords(_ rows: [JSON], of resource: Resource, action: Action? = nil, names: ReferenceNames?) async
        -> ShownRecords
    {
        let rows = action?.extraction == .searchItemRecords ? rows.map(SearchItem.recordShaped) : rows
        var notice: String?
        let schema: Schema
        do {
            schema = try await self.schema(of: resource)
        } catch {
            // The catalog's fields and every key the rows carry, under its raw name.
            var keys = Set<String>()
            for row in rows { keys.formUnion(row.objectValue?.keys ?? [:].keys) }
            let plain = keys.sorted().map { CustomField(key: $0, name: $0, type: .varchar, isCustom: false) }
            schema = Schema(resource: resource, customFields: plain, catalog: catalog)
            notice = "The fields of \(resource.name) could not be read (\(error)): columns show the raw keys."
        }
        let records = rows.map(schema.record(from:))
        guard let names else { return ShownRecords(schema: schema, records: records, notice: notice) }
        var named = await names.name(records, schema: schema)
        if action?.extraction == .searchItemRecords {
            // A search item names a deal's stage but not its pipeline: the stage's pipeline, named too.
            let stageIDs = Set(named.records.compactMap { $0["pipeline_id"] == nil ? CustomField.plainID($0["stage_id"] ?? .null, kind: .reference("stages")).intValue : nil })
            let stages = stageIDs.isEmpty ? [:] : await names.stages(stageIDs)
            let withPipelines = named.records.map { SearchItem.withPipeline($0, stages: stages) }
            if withPipelines != named.records {
                let again = await names.name(withPipelines, schema: schema)
                named = ReferenceNames.Named(records: again.records, problem: named.problem ?? again.problem)
            }
        }
        return ShownRecords(schema: schema, records: named.records, notice: notice ?? named.problem)
    }
}

extension ShownRecords {
    /// The columns of a text table of these records: the titles of the schema's column fields.
    public var columnTitles: [String] { schema.columnFields.map(\.title) }

    /// A record as text cells by column title (fields it has a value for), as a table shows them: money with
    /// its currency, options by label, references by name; plain text unchanged.
    public func textRow(_ record: Record, formatter: ValueFormatter) -> JSON {
        var cells: [String: JSON] = [:]
        for field in schema.columnFields {
            guard let value = record[field.key] else { continue }
            // Text as it is, for the table to show its control characters visibly (`␛`) rather than drop them.
            if case .string(let text) = value, [.text, .longText].contains(field.kind), field.options.isEmpty {
                cells[field.title] = .string(text)
            } else {
                cells[field.title] = .string(formatter.display(value, for: field))
            }
        }
        return .object(cells)
    }
}

/// A search result's item (`{owner: {id}, person: {id, name}, organization, stage}`) under the keys the records
/// use, so that it fills the same columns.
enum SearchItem {
    static let keys = ["owner": "owner_id", "person": "person_id", "organization": "org_id", "stage": "stage_id"]

    /// A record with a stage but no pipeline, with the stage's pipeline id (from `stages`, by stage id).
    static func withPipeline(_ record: Record, stages: [Int: JSON]) -> Record {
        guard record["pipeline_id"] == nil, let stage = CustomField.plainID(record["stage_id"] ?? .null, kind: .reference("stages")).intValue,
              let pipeline = stages[stage]?["pipeline_id"], pipeline != .null else { return record }
        var record = record
        record["pipeline_id"] = pipeline
        return record
    }

    static func recordShaped(_ item: JSON) -> JSON {
        guard case .object(var members) = item else { return item }
        for (key, recordKey) in keys where members[recordKey] == nil {
            if let value = members.removeValue(forKey: key) { members[recordKey] = value }
        }
        return .object(members)
    }
}
