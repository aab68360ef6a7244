/// Staged updates made together, one per record: the same values on many records, or one find and
/// replace. The commit view shows the group as one line that expands to each record.
public struct ChangeGroup: Sendable, Equatable, Hashable {
    public let id: Int
    /// `Owner → Ana Silva on 40 deals`.
    public let label: String
    /// How each field's new value reads where it is not the value itself (a reference's name by key).
    public let shown: [String: String]

    public init(id: Int, label: String, shown: [String: String] = [:]) {
        self.id = id
        self.label = label
        self.shown = shown
    }
}

/// Why a bulk change was not staged (nothing of it was): refusals by field key, and by record.
public struct BulkRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public var fields: [String: String] = [:]
    public var records: [RecordID: String] = [:]

    public var isEmpty: Bool { fields.isEmpty && records.isEmpty }

    public var description: String {
        let byField = fields.keys.sorted().map { fields[$0]! }
        let byRecord = records.keys.sorted { $0.description < $1.description }.map { "\($0): \(records[$0]!)" }
        return (byField + byRecord).joined(separator: "\n")
    }
}
