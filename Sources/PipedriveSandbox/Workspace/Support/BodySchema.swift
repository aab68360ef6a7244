import JSONValue

/// The fields an endpoint accepts, from its request schema in Pipedrive's spec. Validation happens before
/// any write, so a rejected request never changes the account.
struct BodySchema: Sendable {
    enum Kind: Sendable, Equatable {
        case int, number, string, bool
        /// Pipedrive's `numberBoolean`: 0 or 1 (true/false accepted and stored as 0/1).
        case flag
        /// `YYYY-MM-DD`.
        case date
        /// One of the listed strings.
        case oneOf([String])
        case intArray, object, array
    }

    struct Field: Sendable {
        var kind: Kind
        var required: Bool
        var nullable: Bool

        static func required(_ kind: Kind) -> Field { Field(kind: kind, required: true, nullable: false) }
        static func optional(_ kind: Kind, nullable: Bool = false) -> Field {
            Field(kind: kind, required: false, nullable: nullable)
        }
    }

    var fields: [String: Field]

    init(_ fields: [String: Field]) { self.fields = fields }

    /// The body's values, typed. 400 for an unknown field, a wrong type, or (when `requireAll`) a missing
    /// required field.
    func validate(_ body: ReceivedBody, requireAll: Bool = true) throws(APIError) -> [String: JSON] {
        for name in body.values.keys.sorted() where fields[name] == nil {
            throw .badRequest("Parameter '\(name)' is not allowed for this request.")
        }
        var result: [String: JSON] = [:]
        for (name, field) in fields.sorted(by: { $0.key < $1.key }) {
            guard let raw = body.values[name] else {
                if requireAll && field.required { throw .badRequest("Parameter '\(name)' is required.") }
                continue
            }
            if raw == .null || (!body.typed && raw == .string("") && field.kind != .string) {
                guard field.nullable || (!field.required && !body.typed) else {
                    throw .badRequest("Parameter '\(name)' must not be empty.")
                }
                result[name] = .null
                continue
            }
            result[name] = try Self.convert(raw, to: field.kind, name: name, typed: body.typed)
        }
        return result
    }

    private static func convert(_ value: JSON, to kind: Kind, name: String, typed: Bool) throws(APIError) -> JSON {
        let text = typed ? nil : value.stringValue
        switch kind {
        case .int:
            if let int = value.intValue ?? text.flatMap({ Int($0) }) { return .int(int) }
            throw .badRequest("Parameter '\(name)' must be an integer.")
        case .number:
            if let number = value.doubleValue ?? text.flatMap({ Double($0) }) {
                return number.rounded() == number && abs(number) < 1e15 ? .int(Int(number)) : .double(number)
            }
            throw .badRequest("Parameter '\(name)' must be a number.")
        case .string:
            if let string = value.stringValue { return .string(string) }
            throw .badRequest("Parameter '\(name)' must be a string.")
        case .bool, .flag:
            var truth: Bool? =
                switch value {
                case .bool(let bool): bool
                case .int(0): false
                case .int(1): true
                default: nil
                }
            if let text, ["true", "1", "false", "0"].contains(text) { truth = text == "true" || text == "1" }
            guard let truth else { throw .badRequest("Parameter '\(name)' must be a boolean.") }
            return kind == .flag ? .int(truth ? 1 : 0) : .bool(truth)
        case .date:
            if let string = value.stringValue, Timestamp.parseDate(string) != nil { return .string(string) }
            throw .badRequest("Parameter '\(name)' must be a date in the format YYYY-MM-DD.")
        case .oneOf(let allowed):
            if let string = value.stringValue, allowed.contains(string) { return .string(string) }
            throw .badRequest("Parameter '\(name)' must be one of: \(allowed.joined(separator: ", ")).")
        case .intArray:
            var items = value.arrayValue
            if items == nil, let text {
                items = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)).map(JSON.int) ?? .null }
            }
            if let items, items.allSatisfy({ $0.intValue != nil }) { return .array(items.map { .int($0.intValue!) }) }
            throw .badRequest("Parameter '\(name)' must be an array of integers.")
        case .object:
            if case .object = value { return value }
            if let text, let parsed = try? JSON(parsing: text), case .object = parsed { return parsed }
            throw .badRequest("Parameter '\(name)' must be an object.")
        case .array:
            if case .array = value { return value }
            if let text, let parsed = try? JSON(parsing: text), case .array = parsed { return parsed }
            throw .badRequest("Parameter '\(name)' must be an array.")
        }
    }
}

extension Timestamp {
    /// Parses `YYYY-MM-DD` strictly (a real calendar date) and gives its midnight in UTC.
    static func parseDate(_ text: String) -> Int? {
        guard text.count == 10, let midnight = parseV1(text + " 00:00:00"), date(midnight) == text else { return nil }
        return midnight
    }
}
