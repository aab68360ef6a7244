/// What a value is, for showing it and for reading it from the user.
public enum ValueKind: Sendable, Equatable {
    case text
    case longText
    case integer
    case decimal
    /// A number with a currency (`{value, currency}`; v1: `<key>` and `<key>_currency`).
    case money
    case boolean
    /// `YYYY-MM-DD`, no time zone.
    case date
    /// `HH:MM[:SS]`.
    case time
    /// A moment: v1 `YYYY-MM-DD HH:MM:SS` UTC or v2 RFC 3339; shown in the viewer's time zone.
    case timestamp
    case dateRange
    case timeRange
    /// One option of a list (enum): an option id, shown by label.
    case option
    /// Options of a list (set): option ids, shown by labels.
    case options
    case user
    case person
    case organization
    /// The id of a record of another resource (`deals`, `leads`...).
    case reference(String)
    case address
    case phone
    case json
    /// `visible_to`: 1, 3, 5 or 7.
    case visibility
    /// An array: shown by its count.
    case list
    /// An object of components: shown by its name or value.
    case object
    /// A file's bytes.
    case bytes
}
