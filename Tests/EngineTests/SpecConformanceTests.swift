import Testing
@testable import PipedriveEngine

/// The catalog's calls against Pipedrive's own OpenAPI specs (spec/pipedrive-openapi).
@Suite struct SpecConformanceTests {
    /// The operations of a spec: "GET /deals/{}/activities" → the names of its query parameters.
    static func operations(_ file: String) throws -> [String: Set<String>] {
        var operations: [String: Set<String>] = [:]
        var path: String?, operation: String?, parameterIn: String?, parameterName: String?
        func flush() {
            if let operation, parameterIn == "query", let parameterName { operations[operation]?.insert(parameterName) }
            parameterIn = nil
            parameterName = nil
        }
        var inPaths = false
        for line in try SharedMaterial.text("pipedrive-openapi/\(file)").split(separator: "\n", omittingEmptySubsequences: false) {
            let indent = line.prefix { $0 == " " }.count
            let text = line.drop { $0 == " " }
            if indent == 0, !text.isEmpty { inPaths = text == "paths:" }
            guard inPaths else { continue }
            if indent == 2, text.hasSuffix(":") {
                flush()
                path = text.dropLast().trimmingCharacters(in: .init(charactersIn: "'"))
                    .replacing(/\{[a-z_]+\}/, with: "{}")
                operation = nil
            } else if indent == 4, let path, ["get:", "post:", "put:", "patch:", "delete:"].contains(text) {
                flush()
                operation = text.dropLast().uppercased() + " " + path
                operations[operation!] = []
            } else if indent == 8, text.hasPrefix("- ") {
                flush()
                record(text.dropFirst(2))
            } else if indent == 10 {
                record(text)
            }
        }
        flush()
        func record(_ text: Substring) {
            if text.hasPrefix("in: ") { parameterIn = String(text.dropFirst(4)) }
            if text.hasPrefix("name: ") { parameterName = String(text.dropFirst(6)) }
        }
        return operations
    }

    static func key(_ method: HTTPMethod, _ path: String) -> String {
        method.rawValue + " " + path.replacing(/\{[a-z_]+\}/, with: "{}")
    }

    @Test func v1CallsAreInTheSpecsAsTheirStatusSays() throws {
        let january = try Self.operations("openapi-v1-2026-01-14-with-deprecated.yaml")
        let today = try Self.operations("openapi-v1.yaml")
        #expect(january.count == 275 && today.count == 213)
        for action in Catalog.pipedrive.resources.flatMap(\.actions) {
            let key = Self.key(action.method, action.path)
            let label = "\(action.resource) \(action.name): \(key)"
            switch action.status {
            case .current: #expect(today[key] != nil, "\(label)")
            case .deprecated, .removed:
                #expect(january[key] != nil && today[key] == nil, "\(label)")
            case .absent: #expect(january[key] == nil && today[key] == nil, "\(label)")
            }
            // Every query parameter the call sends is one the operation declares.
            guard let declared = january[key] ?? today[key] else { continue }
            let sent = try action.resolve(anyInput(for: action, version: .v1)).requests[0].query.map(\.name)
            #expect(Set(sent).isSubset(of: declared), "\(label) sends \(sent), declares \(declared.sorted())")
        }
    }

    @Test func v2CallsAreInTheV2Spec() throws {
        let v2 = try Self.operations("openapi-v2.yaml")
        #expect(v2.count == 158)
        for action in Catalog.pipedrive.resources.flatMap(\.actions) {
            guard let call = action.v2 else { continue }
            let key = Self.key(call.method, call.path)
            let declared = v2[key]
            #expect(declared != nil, "\(action.resource) \(action.name): \(key)")
            let sent = try action.resolve(anyInput(for: action, version: .v2)).requests[0].query.map(\.name)
            #expect(Set(sent).isSubset(of: declared ?? []), "\(action.resource) \(action.name) sends \(sent)")
        }
    }

    @Test func gatheredSubEndpointsAreInTheV1Specs() throws {
        let january = try Self.operations("openapi-v1-2026-01-14-with-deprecated.yaml")
        var count = 0
        for resource in Catalog.pipedrive.resources {
            for field in resource.fields {
                guard case .endpoint(let path, _)? = field.gather else { continue }
                count += 1
                #expect(january[Self.key(.get, path)] != nil, "\(resource.name).\(field.name): \(path)")
            }
        }
        #expect(count == 19)
        let v2 = try Self.operations("openapi-v2.yaml")
        for (path, call) in Catalog.v2SubEndpoints {
            #expect(january[Self.key(.get, path)] != nil)
            #expect(call.query.allSatisfy { v2[Self.key(call.method, call.path)]?.contains($0) == true }, "\(path)")
            #expect(v2[Self.key(call.method, call.path)] != nil, "\(path)")
        }
    }

    func anyInput(for action: Action, version: APIVersion) -> CallInput {
        var parameters: [String: String] = [:]
        for parameter in action.parameters {
            switch parameter.kind {
            case .id: parameters[parameter.name] = "7"
            case .term: parameters[parameter.name] = "acme"
            case .folder: parameters[parameter.name] = "inbox"
            case .timestamp: parameters[parameter.name] = "2026-01-02 03:04:05"
            }
        }
        return CallInput(
            parameters: parameters, item: Record(id: .int(5), values: ["type": "recurring"]), body: [:],
            upload: FileUpload(fileName: "a", content: []), version: version)
    }
}
