/// Why an action cannot be turned into requests; found before anything is sent.
public enum CallError: Error, Sendable, Equatable, CustomStringConvertible {
    case missingParameter(action: String, name: String, description: String)
    case invalidParameter(name: String, value: String, reason: String)
    case unknownParameter(action: String, name: String, known: [String])
    /// The action works on one record (`{id}` in its path) and none was given.
    case missingItem(action: String, field: String)
    /// The action deletes a batch of records and none was given.
    case emptyBatch(action: String)
    case missingBody(action: String)
    case missingUpload(action: String)
    /// v2 was asked for, but Pipedrive has no v2 call for this action.
    case noV2(resource: String, action: String)

    public var description: String {
        switch self {
        case .missingParameter(let action, let name, let description):
            "'\(action)' needs the parameter \(name), \(Self.what(description)): give \(name)=<value>."
        case .invalidParameter(let name, let value, let reason):
            "The parameter \(name) is invalid (\"\(value)\"): \(reason)."
        case .unknownParameter(let action, let name, let known):
            known.isEmpty
                ? "'\(action)' takes no parameters, but \(name) was given."
                : "'\(action)' has no parameter \(name); it takes \(known.joined(separator: ", "))."
        case .missingItem(let action, let field):
            "'\(action)' works on one record: give the record (its \(field))."
        case .emptyBatch(let action):
            "'\(action)' needs at least one record id."
        case .missingBody(let action):
            "'\(action)' needs the record's values to send."
        case .missingUpload(let action):
            "'\(action)' needs a file to upload."
        case .noV2(let resource, let action):
            "\(resource) '\(action)' has no API v2 call; use API v1."
        }
    }
}

extension CallError {
    /// "Specify deal identifier." → "the deal identifier".
    static func what(_ description: String) -> String {
        var text = Substring(description)
        if text.hasPrefix("Specify ") { text = text.dropFirst(8) }
        if text.hasSuffix(".") { text = text.dropLast() }
        return "the " + text
    }
}
