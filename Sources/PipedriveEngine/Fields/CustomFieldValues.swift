import JSONValue

/// A custom field's value has one canonical form in a `Record`: the v2 `custom_fields` shape with ids for
/// options (enum: an option id; set: an array of ids; monetary `{value, currency}`; ranges
/// `{value, until}`; time and address `{value, ...}`). Person, organization and user values keep v1's
/// object so their names can be shown. These turn v1 and v2 values into it and back.
extension CustomField {
    static let addressParts = [
        "route", "street_number", "subpremise", "sublocality", "locality", "admin_area_level_1",
        "admin_area_level_2", "country", "postal_code", "formatted_address",
    ]

    /// The suffixed v1 keys that belong to this field's value (`<key>_currency`...).
    var v1SiblingKeys: [String] {
        v1Parts.map { "\(key)_\($0)" }
    }

    private var v1Parts: [String] {
        guard isCustom else { return [] }
        switch type {
        case .monetary: return ["currency"]
        case .daterange: return ["until"]
        case .timerange: return ["until", "timezone_id", "timezone_name"]
        case .time: return ["timezone_id", "timezone_name"]
        case .address: return Self.addressParts
        default: return []
        }
    }

    /// The canonical value of this field in a record's top-level values of either version.
    func canonicalValue(in values: [String: JSON]) -> JSON? {
        guard let raw = values[key], raw != .null else { return values[key] }
        switch type {
        case .monetary, .daterange, .timerange, .time, .address:
            if case .object = raw { return raw }
            var object: [String: JSON] = ["value": raw]
            for part in v1Parts {
                if let sibling = values["\(key)_\(part)"], sibling != .null { object[part] = sibling }
            }
            // v2 always carries these, null or not.
            if type == .monetary { object["currency"] = object["currency"] ?? .null }
            if type == .daterange || type == .timerange { object["until"] = object["until"] ?? .null }
            return .object(object)
        case .enumeration:
            return Self.optionID(raw).map(JSON.int) ?? raw
        case .set:
            if case .string(let text) = raw {
                return .array(text.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.map(JSON.int))
            }
            if case .array(let items) = raw { return .array(items.compactMap(Self.optionID).map(JSON.int)) }
            return raw
        default:
            return raw
        }
    }

    /// An option id from `123`, `"123"` or `{id, label}`.
    static func optionID(_ value: JSON) -> Int? {
        switch value {
        case .string(let text): Int(text.trimmingCharacters(in: .whitespaces))
        case .object: value["id"]?.intValue
        default: value.intValue
        }
    }

    /// The top-level entries of a v1 body for a canonical value: enum ids as strings, sets
    /// comma-joined, composite values spread over suffixed keys.
    public func v1Entries(_ value: JSON) -> [String: JSON] {
        guard value != .null else { return [key: .null] }
        switch type {
        case .monetary, .daterange, .timerange, .time, .address:
            guard case .object(let object) = value else { return [key: value] }
            var entries: [String: JSON] = [key: object["value"] ?? .null]
            for part in v1Parts {
                if let partValue = object[part], partValue != .null { entries["\(key)_\(part)"] = partValue }
            }
            return entries
        case .enumeration:
            return [key: Self.optionID(value).map { .string(String($0)) } ?? .null]
        case .set:
            let ids = (value.arrayValue ?? [value]).compactMap(Self.optionID)
            return [key: ids.isEmpty ? .null : .string(ids.map(String.init).joined(separator: ","))]
        default:
            return [key: Self.plainID(value, kind: kind)]
        }
    }

    /// The value under `custom_fields` in a v2 body: enum an int, set an int array (empty is sent as
    /// null, which v2 requires to clear it), references their ids.
    public func v2Value(_ value: JSON) -> JSON {
        guard value != .null else { return .null }
        switch type {
        case .enumeration:
            return Self.optionID(value).map(JSON.int) ?? .null
        case .set:
            let ids = (value.arrayValue ?? [value]).compactMap(Self.optionID)
            return ids.isEmpty ? .null : .array(ids.map(JSON.int))
        case .address:
            guard case .object(let object) = value else { return ["value": value] }
            return .object(object.filter { $0.value != .null })
        default:
            return Self.plainID(value, kind: kind)
        }
    }

    /// A person, organization, user or reference value as its id; anything else unchanged.
    static func plainID(_ value: JSON, kind: ValueKind) -> JSON {
        switch kind {
        case .user, .person, .organization, .reference:
            if case .object = value { return value["value"] ?? value["id"] ?? .null }
            return value
        default:
            return value
        }
    }
}
