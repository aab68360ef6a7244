import JSONValue

/// The catalog as JSON and as a readable listing (`pdtui catalog`).
extension Catalog {
    public var json: JSON {
        [
            "resources": .array(resources.map(\.json)),
            "templates": .array(templates.map(\.json)),
        ]
    }

    /// Every resource with its actions, one line each.
    public var listing: String {
        resources.map { $0.listing(withFields: false) }.joined(separator: "\n")
    }
}

extension Resource {
    public var json: JSON {
        var object: [String: JSON] = [
            "name": .string(name),
            "actions": .array(actions.map(\.json)),
            "fields": .array(fields.map(\.json)),
        ]
        if let includedTemplate { object["includes"] = .string(includedTemplate.rawValue) }
        if let customFieldsPath { object["customFields"] = .string(customFieldsPath) }
        return .object(object)
    }

    /// The resource's heading and actions, and with `withFields` its fields.
    public func listing(withFields: Bool) -> String {
        var heading = name
        var notes: [String] = []
        if let includedTemplate { notes.append("fields of the \(includedTemplate.rawValue) template") }
        if let customFieldsPath { notes.append("custom fields from \(customFieldsPath)") }
        if !notes.isEmpty { heading += " (" + notes.joined(separator: "; ") + ")" }
        let nameWidth = actions.map(\.name.count).max() ?? 0
        let callWidth = actions.map { $0.v1Call.count }.max() ?? 0
        var lines = [heading]
        for action in actions {
            let today = action.v2.map { "v2: \($0.method.rawValue) \($0.callText)" } ?? action.status.rawValue
            lines.append("  " + action.name.padded(to: nameWidth) + "  " + action.v1Call.padded(to: callWidth) + "  " + today)
        }
        if withFields {
            lines.append("  fields:")
            let width = fields.map(\.name.count).max() ?? 0
            for field in fields { lines.append("    " + field.name.padded(to: width) + "  " + field.summary) }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension Action {
    public var json: JSON {
        var object: [String: JSON] = [
            "name": .string(name),
            "kind": .string(kind.rawValue),
            "method": .string(method.rawValue),
            "path": .string(path),
            "params": .array(parameters.map(\.json)),
            "extraction": .string(extraction.name),
            "status": .string(status.rawValue),
            "documentation": .string(documentation),
            "v2": v2.map(\.json) ?? .null,
        ]
        if !automatic.isEmpty { object["automatic"] = .array(automatic.map(\.json)) }
        return .object(object)
    }

    /// `GET /deals/search?term=`: the v1 call with its query parameters.
    var v1Call: String {
        let inQuery = parameters.map(\.name).filter { !path.contains("{\($0)}") }
        let automaticNames = automatic.compactMap { parameter -> String? in
            switch parameter {
            case .fixed(let name, let value): "\(name)=\(value)"
            case .batchIDs(let name): "\(name)=1,2,…"
            case .itemContent: nil
            }
        }
        let query = inQuery.map { "\($0)=" } + automaticNames
        return method.rawValue + " " + path + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }
}

extension V2Call {
    var json: JSON {
        ["method": .string(method.rawValue), "path": .string(path), "query": .array(query.map(JSON.string)),
         "perID": .bool(perID)]
    }

    var callText: String {
        path + (query.isEmpty ? "" : "?" + query.map { "\($0)=" }.joined(separator: "&")) + (perID ? " (one call per id)" : "")
    }
}

extension Parameter {
    var json: JSON {
        var object: [String: JSON] = [
            "name": .string(name), "required": .bool(isRequired), "description": .string(description),
        ]
        switch kind {
        case .id(let resource):
            object["kind"] = "id"
            object["resource"] = .string(resource)
        case .term: object["kind"] = "term"
        case .folder: object["kind"] = "folder"
        case .timestamp: object["kind"] = "timestamp"
        }
        return .object(object)
    }
}

extension AutomaticParameter {
    var json: JSON {
        switch self {
        case .fixed(let name, let value): ["name": .string(name), "value": .string(value)]
        case .batchIDs(let name): ["name": .string(name), "from": "batch ids"]
        case .itemContent(let name): ["name": .string(name), "from": "item content"]
        }
    }
}

extension Field {
    public var json: JSON {
        var object: [String: JSON] = ["name": .string(name)]
        if let template { object["template"] = .string(template.rawValue) }
        if let dataType { object["type"] = .string(dataType.description) }
        if isKey { object["key"] = true }
        if isReadOnly { object["readOnly"] = true }
        if isComposite { object["composite"] = true }
        if let components {
            if components.isArray { object["array"] = true }
            if let template = components.template { object["componentTemplate"] = .string(template.rawValue) }
            if !components.names.isEmpty { object["components"] = .array(components.names.map(JSON.string)) }
        }
        switch gather {
        case .endpoint(let path, let extraction)?:
            object["gather"] = ["path": .string(path), "extraction": .string(extraction.name)]
        case .action(let resource, let action, let parameter)?:
            object["gather"] = ["resource": .string(resource), "action": .string(action), "parameter": .string(parameter)]
        case nil: break
        }
        return .object(object)
    }

    /// `DT_I4, key`, `template ShortText, read-only`, `array of Activity, gathered by activities Read deal`.
    var summary: String {
        var parts: [String] = []
        if let template { parts.append("template \(template.rawValue)") }
        if let dataType { parts.append(dataType.description) }
        if let components {
            let of = components.template?.rawValue ?? components.names.joined(separator: ", ")
            parts.append((components.isArray ? "array of " : "object of ") + of)
        }
        if isKey { parts.append("key") }
        if isReadOnly { parts.append("read-only") }
        if isComposite { parts.append("composite") }
        switch gather {
        case .endpoint(let path, _)?: parts.append("gathered from \(path)")
        case .action(let resource, let action, let parameter)?:
            parts.append("gathered by \(resource) '\(action)' with \(parameter)=id")
        case nil: break
        }
        return parts.joined(separator: ", ")
    }
}

extension TemplateDefinition {
    var json: JSON {
        var object: [String: JSON] = ["name": .string(template.rawValue)]
        if let dataType { object["type"] = .string(dataType.description) }
        if let base { object["template"] = .string(base.rawValue) }
        if !components.isEmpty { object["components"] = .array(components.map(JSON.string)) }
        return .object(object)
    }
}

extension Extraction {
    /// How the seed says it: `data`, `data[].data`...
    public var name: String {
        switch self {
        case .data: "data"
        case .recentsData: "data[].data"
        case .searchItems: "data.items"
        case .searchItemRecords: "data.items[].item"
        case .bytes: "bytes"
        }
    }
}

extension String {
    fileprivate func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
