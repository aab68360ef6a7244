import JSONValue

/// Why a written value is refused. The endpoint words it in its version's error style.
struct FieldError: Error {
    var field: String
    var reason: String

    func apiError(_ version: RouteVersion) -> APIError {
        version == .v1 ? .badRequest("Invalid value for '\(field)': \(reason).") : .validation(field, reason)
    }
}

/// The type of a writable built-in field: how a sent value is checked, and the form it is stored in.
/// v1 is lenient as Pipedrive's v1 is (form bodies send strings, flags accept 0/1); v2 is strict:
/// booleans are true/false, numbers are never coerced from strings, timestamps are RFC 3339.
enum FieldInput: Sendable {
    case string(max: Int)
    case int
    case double
    case bool
    /// `YYYY-MM-DD`.
    case date
    /// `HH:MM` or `HH:MM:SS`.
    case time
    /// Stored as v1 `YYYY-MM-DD HH:MM:SS`; written as that in v1 and as RFC 3339 in v2.
    case timestamp
    case choice([String])
    /// The id of a live row in a table.
    case reference(String)
    /// A lead's UUID.
    case leadReference
    /// v1 a string "1"/"3"/"5"/"7", v2 an integer; stored as an integer.
    case visibleTo
    case intArray
    case stringArray
    /// Emails, phones, instant messengers: `[{value, primary, label}]`; v1 also takes one string.
    case contacts
    /// An address: v2 an object with `value` and subfields; v1 a string. Stored as the v2 object.
    case address
    /// Product prices `[{price, currency, cost, ...}]`.
    case prices
    /// Activity participants `[{person_id, primary}]` (v1 `primary_flag`).
    case participants
    /// Activity attendees `[{email, name, status, is_organizer, person_id, user_id}]` (v1 `email_address`).
    case attendees
    /// A lead's value `{amount, currency}`.
    case leadValue

    static let text = FieldInput.string(max: 65_535)
    static let shortText = FieldInput.string(max: 255)

    /// The stored form of `value`, or why it is refused. `null` clears the field.
    func coerce(_ value: JSON, field: String, version: RouteVersion, store: Store) throws(FieldError) -> JSON {
        if value == .null { return .null }
        let lenient = version == .v1
        func fail(_ reason: String) -> FieldError { FieldError(field: field, reason: reason) }
        switch self {
        case .string(let max):
            var text: String
            switch value {
            case .string(let string): text = string
            case .int(let int) where lenient: text = String(int)
            case .double(let double) where lenient: text = String(double)
            default: throw fail("must be a string")
            }
            if text.count > max { throw fail("must be at most \(max) characters") }
            if case .string = value {} else { text = String(text) }
            return .string(text)
        case .int:
            if case .int = value { return value }
            if lenient, let int = Self.lenientInt(value) { return .int(int) }
            throw fail("must be an integer")
        case .double:
            if case .int = value { return value }
            if case .double = value { return value }
            if case .decimal = value { return value }  // more digits than a Double keeps, stored exactly
            if lenient, case .string(let text) = value, let double = Double(text), double.isFinite {
                return Self.number(double)
            }
            throw fail("must be a number")
        case .bool:
            if case .bool = value { return value }
            if lenient {
                switch value {
                case .int(0), .string("0"), .string("false"): return false
                case .int(1), .string("1"), .string("true"): return true
                default: break
                }
            }
            throw fail("must be a boolean (true or false)")
        case .date:
            guard let text = value.stringValue, Timestamp.parseDate(text) != nil else {
                throw fail("must be a date in the format YYYY-MM-DD")
            }
            return value
        case .time:
            guard let text = value.stringValue, let normalized = Self.normalizedTime(text) else {
                throw fail("must be a time in the format HH:MM")
            }
            return .string(normalized)
        case .timestamp:
            guard let text = value.stringValue else { throw fail("must be a timestamp string") }
            if lenient, let seconds = Timestamp.parseV1(text) { return .string(Timestamp.v1(seconds)) }
            if let seconds = Timestamp.parseV2(text) { return .string(Timestamp.v1(seconds)) }
            throw fail(lenient ? "must be a timestamp in the format YYYY-MM-DD HH:MM:SS" : "must be an RFC 3339 date-time")
        case .choice(let options):
            guard let text = value.stringValue, options.contains(text) else {
                throw fail("must be one of: \(options.joined(separator: ", "))")
            }
            return value
        case .reference(let table):
            guard let id = lenient ? Self.lenientInt(value) : value.intValue.flatMap({ value == .int($0) ? $0 : nil })
            else { throw fail("must be an integer id") }
            let exists = table == "users" ? SalesUsers.exists(id, store) : store[table][id] != nil
            guard exists else { throw fail("no \(Self.singular(table)) with id \(id)") }
            return .int(id)
        case .leadReference:
            guard let text = value.stringValue else { throw fail("must be a lead id (UUID)") }
            guard LeadID.row(text, in: store) != nil else { throw fail("no lead with id \(text)") }
            return value
        case .visibleTo:
            let number: Int? = lenient ? Self.lenientInt(value) : (value == .int(value.intValue ?? -1) ? value.intValue : nil)
            guard let number, [1, 3, 5, 7].contains(number) else { throw fail("must be one of 1, 3, 5, 7") }
            return .int(number)
        case .intArray:
            var items: [JSON]
            if lenient, case .string(let text) = value {
                items = text.split(separator: ",").map { .string($0.trimmingCharacters(in: .whitespaces)) }
            } else if let array = value.arrayValue {
                items = array
            } else if lenient, case .int = value {
                items = [value]
            } else {
                throw fail("must be an array of integers")
            }
            var ids: [JSON] = []
            for item in items {
                guard let id = lenient ? Self.lenientInt(item) : (item == .int(item.intValue ?? -1) ? item.intValue : nil)
                else { throw fail("must be an array of integers") }
                ids.append(.int(id))
            }
            return .array(ids)
        case .stringArray:
            guard let array = value.arrayValue, array.allSatisfy({ $0.stringValue != nil }) else {
                throw fail("must be an array of strings")
            }
            return value
        case .contacts:
            return try Self.contacts(value, lenient: lenient, fail: fail)
        case .address:
            if lenient, let text = value.stringValue { return Address.fromValue(text) }
            guard let object = value.objectValue, let text = object["value"]?.stringValue else {
                throw fail("must be an object with a string 'value'")
            }
            var address = Address.fromValue(text)
            for (key, member) in object where key != "value" {
                guard Address.subfields.contains(key) else { throw fail("unknown address part '\(key)'") }
                guard member == .null || member.stringValue != nil else { throw fail("'\(key)' must be a string") }
                address[key] = member
            }
            return address
        case .prices:
            guard let array = value.arrayValue else { throw fail("must be an array of prices") }
            var prices: [JSON] = []
            for item in array {
                guard let object = item.objectValue else { throw fail("each price must be an object") }
                var price: [String: JSON] = [:]
                for (key, member) in object {
                    switch key {
                    case "price", "cost", "direct_cost", "overhead_cost":
                        guard member.doubleValue != nil || (lenient && Double(member.stringValue ?? "") != nil) else {
                            throw fail("'\(key)' must be a number")
                        }
                        price[key] = member.doubleValue.map(Self.number) ?? Self.number(Double(member.stringValue!)!)
                    case "currency":
                        guard let code = member.stringValue, code.count == 3 else { throw fail("'currency' must be a 3-letter code") }
                        price[key] = member
                    case "notes":
                        guard member == .null || member.stringValue != nil else { throw fail("'notes' must be a string") }
                        price[key] = member
                    default: throw fail("unknown price part '\(key)'")
                    }
                }
                guard price["currency"] != nil else { throw fail("each price needs a currency") }
                prices.append(.object(price))
            }
            return .array(prices)
        case .participants:
            guard let array = value.arrayValue else { throw fail("must be an array") }
            var participants: [JSON] = []
            for item in array {
                guard let object = item.objectValue, let id = object["person_id"], let personID = id.intValue,
                    id == .int(personID) || lenient
                else { throw fail("each participant needs an integer person_id") }
                guard store["persons"][personID] != nil else { throw fail("no person with id \(personID)") }
                let primary = object[lenient ? "primary_flag" : "primary"] ?? object["primary"] ?? false
                guard let flag = try? FieldInput.bool.coerce(primary, field: field, version: version, store: store).boolValue
                else { throw fail("'primary' must be a boolean") }
                participants.append(["person_id": .int(personID), "primary": .bool(flag)])
            }
            return .array(participants)
        case .attendees:
            guard let array = value.arrayValue else { throw fail("must be an array") }
            var attendees: [JSON] = []
            for item in array {
                guard let object = item.objectValue else { throw fail("each attendee must be an object") }
                let email = object["email"] ?? object["email_address"]
                guard let address = email?.stringValue, address.contains("@") else {
                    throw fail("each attendee needs an email address")
                }
                var attendee: [String: JSON] = [
                    "email": .string(address), "name": object["name"] ?? .null, "status": object["status"] ?? "noreply",
                    "is_organizer": false, "person_id": object["person_id"] ?? .null, "user_id": object["user_id"] ?? .null,
                ]
                if let organizer = object["is_organizer"] {
                    guard let flag = try? FieldInput.bool.coerce(organizer, field: field, version: version, store: store)
                    else { throw fail("'is_organizer' must be a boolean") }
                    attendee["is_organizer"] = flag
                }
                attendees.append(.object(attendee))
            }
            return .array(attendees)
        case .leadValue:
            guard let object = value.objectValue, let amount = object["amount"]?.doubleValue,
                let currency = object["currency"]?.stringValue, currency.count == 3
            else { throw fail("must be an object with a numeric 'amount' and a 3-letter 'currency'") }
            return ["amount": object["amount"].flatMap { if case .decimal = $0 { $0 } else { nil } } ?? Self.number(amount),
                    "currency": .string(currency)]
        }
    }

    /// A double stored as an integer when it has no fraction, as Pipedrive prints it.
    static func number(_ value: Double) -> JSON {
        value.rounded() == value && abs(value) < 9e15 ? .int(Int(value)) : .double(value)
    }

    static func lenientInt(_ value: JSON) -> Int? {
        switch value {
        case .int(let int): return int
        case .double(let double) where double.rounded() == double && abs(double) < 9e15: return Int(double)
        case .string(let text): return Int(text.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }

    /// `HH:MM` or `HH:MM:SS` as `HH:MM`, or nil.
    static func normalizedTime(_ text: String) -> String? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ $0.count == 2 && Int($0) != nil }),
            let hours = Int(parts[0]), let minutes = Int(parts[1]), hours < 24, minutes < 60,
            parts.count == 2 || Int(parts[2])! < 60
        else { return nil }
        return "\(parts[0]):\(parts[1])"
    }

    static func singular(_ table: String) -> String {
        switch table {
        case "persons": "person"
        case "activities": "activity"
        default: String(table.dropLast())
        }
    }

    private static func contacts(_ value: JSON, lenient: Bool, fail: (String) -> FieldError) throws(FieldError) -> JSON {
        if lenient, let text = value.stringValue {
            return text.isEmpty ? [] : [["value": .string(text), "primary": true, "label": "work"]]
        }
        guard let array = value.arrayValue else { throw fail("must be an array of {value, primary, label}") }
        var items: [JSON] = []
        for (index, item) in array.enumerated() {
            if lenient, let text = item.stringValue {
                items.append(["value": .string(text), "primary": .bool(index == 0), "label": "work"])
                continue
            }
            guard let object = item.objectValue, let text = object["value"]?.stringValue else {
                throw fail("each entry needs a string 'value'")
            }
            for key in object.keys where !["value", "primary", "label"].contains(key) {
                throw fail("unknown entry part '\(key)'")
            }
            let primary = object["primary"] ?? .bool(index == 0)
            guard primary.boolValue != nil || (lenient && lenientInt(primary) != nil) else {
                throw fail("'primary' must be a boolean")
            }
            let label = object["label"] ?? "work"
            guard label.stringValue != nil else { throw fail("'label' must be a string") }
            items.append(["value": .string(text), "primary": .bool(primary.boolValue ?? (lenientInt(primary) == 1)), "label": label])
        }
        return .array(items)
    }
}

/// Pipedrive's address objects (organization address, person postal address, activity location,
/// address custom fields).
enum Address {
    static let subfields = [
        "route", "street_number", "subpremise", "sublocality", "locality", "admin_area_level_1",
        "admin_area_level_2", "country", "postal_code", "formatted_address",
    ]

    /// An address with only its free-text value; the subfields are null.
    static func fromValue(_ text: String) -> JSON {
        var object: [String: JSON] = ["value": .string(text)]
        for key in subfields { object[key] = .null }
        return .object(object)
    }

    /// v1 flattens an address into `<prefix>` (the value) and `<prefix>_<subfield>` siblings.
    static func flatten(_ address: JSON?, prefix: String, into row: inout [String: JSON]) {
        row[prefix] = address?["value"] ?? .null
        for key in subfields { row["\(prefix)_\(key)"] = address?[key] ?? .null }
    }
}
