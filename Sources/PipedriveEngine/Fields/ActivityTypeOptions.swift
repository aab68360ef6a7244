import JSONValue

/// An activity's `type` holds an activity type's `key_string` (`call`, `meeting`, a custom `lunch_2`). Where the
/// account's `activityFields` list gives the field no options, its activity types (`GET /activityTypes`, the
/// active ones) become them, so a form offers them as a pick list and a wrong type is refused before commit.
enum ActivityTypeOptions {
    static func lacksOptions(_ fields: [CustomField]) -> Bool {
        fields.contains { $0.key == "type" && $0.options.isEmpty }
    }

    static func filled(_ fields: [CustomField], types: [JSON]) -> [CustomField] {
        let options = types.filter { $0["active_flag"]?.boolValue != false }.enumerated().compactMap { index, type -> FieldOption? in
            guard let code = type["key_string"]?.stringValue, !code.isEmpty else { return nil }
            return FieldOption(id: -(index + 1), label: type["name"]?.stringValue ?? code, value: .string(code))
        }
        return fields.map { field in
            guard field.key == "type", field.options.isEmpty else { return field }
            var field = field
            field.options = options
            return field
        }
    }
}
