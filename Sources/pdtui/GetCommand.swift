import ArgumentParser
import Foundation
import JSONValue
import PipedriveEngine

/// `pdtui get`: streams a read action's rows as pages arrive.
struct GetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Stream a read action's rows.",
        discussion: """
            ACTION is the seed's name of a read, `Read ` optional and case-insensitive:
              pdtui get deals
              pdtui get activities deal --param deal_id=7
              pdtui get deals search --param term=acme --format json
            A list also takes its optional filters as --param, with names for ids:
              pdtui get deals --param status=open --param owner=me --param stage="Proposal made"
              pdtui get deals --filter "My open deals"
            A table names references (owner, person, stage…) in v1 and v2 alike; --ids keeps their ids.
            --gather adds a field fetched for each row by a call of its own:
              pdtui get deals --limit 5 --gather participants --gather flow --format json
            Credentials come from PIPEDRIVE_API_TOKEN or a profile (see README); --demo reads the built-in sandbox:
              pdtui get deals --demo --limit 5
            """)

    @Argument(help: "The resource, e.g. deals, activityTypes.")
    var resource: String

    @Argument(help: "The read action, e.g. deal, search, recent (default: Read).")
    var action: [String] = []

    @Option(name: .customLong("param"), help: "An action parameter, NAME=VALUE (repeatable).")
    var parameters: [String] = []

    @Option(help: "A saved filter of the list, by name or id.")
    var filter: String?

    @Option(help: "The most rows to print.")
    var limit: Int?

    @Option(help: "table, json, ndjson or csv.")
    var format: OutputFormat = .table

    @Flag(help: "In a table, references as their ids, with no lookups.")
    var ids = false

    @Option(name: .customLong("gather"), help: "A gathered field to fetch for each row, e.g. participants (repeatable).")
    var gathered: [String] = []

    @Option(help: "Requests in flight at once for a whole list (default: from the burst limit; 1 reads page after page).")
    var parallel: Int?

    @Option(help: "v1 or v2 (default: v2 where Pipedrive moved the call).")
    var api: APIVersion?

    @Flag(help: "Read the built-in sandbox's demo account (no account needed).")
    var demo = false

    @OptionGroup var account: AccountOptions

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more.") }
        if let parallel, !(1...64).contains(parallel) { throw ValidationError("--parallel must be 1 to 64.") }
        if !gathered.isEmpty, format == .table {
            throw ValidationError("--gather writes arrays: use --format json, ndjson or csv.")
        }
        for parameter in parameters where !parameter.contains("=") {
            throw ValidationError("--param takes NAME=VALUE, got \"\(parameter)\".")
        }
    }

    func run() async throws {
        try await reporting(of: Self.self) { try await stream() }
    }

    private func stream() async throws {
        var values: [String: String] = [:]
        for parameter in parameters {
            let parts = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            values[String(parts[0])] = String(parts[1])
        }
        let sandbox = demo ? try DemoAccount.start() : nil
        defer { sandbox?.server.stop() }
        // The account's schema (fields, users, stages, pipelines) is kept as the TUI keeps it, in the same folder.
        let settings = try sandbox?.settings ?? account.settings()
        let schemaCache = SchemaCacheFolder.standard(for: demo ? nil : settings)
        let session = Session(settings: settings, apiVersion: api, schemaCache: schemaCache)
        let resource = try session.resource(named: resource)
        let action = try session.readAction(action.joined(separator: " "), of: resource)
        // Parameters the action does not name are the list's filters.
        var filters = values.filter { action.parameter(named: $0.key) == nil }.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
        if let filter { filters.append((name: "filter_id", value: filter)) }
        if !filters.isEmpty, action.name != "Read" {
            throw PipedriveError(.invalidInput, "\(resource.name) '\(action.name)' takes no filters (\(filters.map(\.name).joined(separator: ", "))).")
        }
        let gatherable = resource.fields.filter { $0.gather != nil }.map(\.name)
        if let unknown = gathered.first(where: { !gatherable.contains($0) }) {
            let known = gatherable.isEmpty ? "It has none." : "It has: \(gatherable.joined(separator: ", "))."
            throw PipedriveError(.invalidInput, "\(resource.name) has no gathered field \"\(Sanitize.inline(unknown))\". \(known)")
        }
        let query = filters.isEmpty ? [] : try await session.listFilters(filters, of: resource, version: session.version(of: action))
        let parameters = values.filter { action.parameter(named: $0.key) != nil }
        // Resolved here, so a missing or invalid parameter is refused before any request. A whole list goes in
        // parallel where Pipedrive allows it; a limited one page after another. JSON of the API's values
        // passes each row's text on as it came, never parsed.
        let keepsTexts = (format == .json || format == .ndjson) && gathered.isEmpty
        let parallelRead = limit == nil && parallel != 1
            ? try session.parallelRead(action, of: resource, parameters: parameters, filters: query, workers: parallel, keepsTexts: keepsTexts)
            : nil
        let pages = try session.pages(action, parameters: parameters, limit: limit, filters: query, keepsTexts: keepsTexts)

        // A table shows values as the TUI does (names, money, labels); JSON and CSV keep the API's values.
        let shown = format == .table
        var output = RowOutput(
            format: format,
            preferredColumns: shown ? (try? await session.schema(of: resource))?.columnFields.map(\.title) ?? [] : [])
        let names = ids ? nil : ReferenceNames(session: session)
        let formatter = ValueFormatter()
        let progress = Progress()
        var count = 0
        var told = false
        func write(_ page: PageRows) async {
            if case .texts(let texts) = page {
                output.write(texts)
            } else if shown {
                let records = await session.shownRecords(page.values, of: resource, action: action, names: names)
                if let notice = records.notice, !told {
                    FileHandle.standardError.write(Data("pdtui: \(notice)\n".utf8))
                    told = true
                }
                output.write(records.records.map { records.textRow($0, formatter: formatter) })
            } else {
                output.write(await gathering(page.values, of: resource, session: session))
            }
            count += page.count
            progress.show(count)
        }
        if let parallelRead {
            try await parallelRead.run { await write($0) }
        } else {
            for try await page in pages { await write(page.content) }
        }
        output.finish()
        progress.clear()
        // A check of the kept schema started by this read finishes, so the next command starts from it.
        await session.schemaLists.settle()
    }

    /// `rows` with the `--gather` fields fetched, one row after another.
    private func gathering(_ rows: [JSON], of resource: Resource, session: Session) async -> [JSON] {
        guard !gathered.isEmpty else { return rows }
        var result: [JSON] = []
        for row in rows {
            let record = await session.gathering(gathered, into: Record(json: row), of: resource)
            var members = row.objectValue ?? [:]
            for name in gathered { members[name] = record[name] }
            result.append(.object(members))
        }
        return result
    }
}

extension APIVersion: ExpressibleByArgument {}
