import JSONValue

/// How a user arranged one resource's grid: the order of its columns and which are hidden, by key.
/// The key column is never in it (it stays first and visible); columns it does not name (custom
/// fields added since, columns that arrive with the first page) come after the named ones, visible.
public struct ColumnLayout: Sendable, Equatable {
    /// Column keys in the order chosen; may name columns the grid does not have (yet), which keep their place.
    public var order: [String]
    public var hidden: Set<String>

    public init(order: [String] = [], hidden: Set<String> = []) {
        self.order = order
        self.hidden = hidden
    }

    /// This layout with `defaults` hidden too, except those it names: a column the user placed keeps the user's choice.
    public func withDefaults(hiding defaults: Set<String>) -> ColumnLayout {
        let named = Set(order).union(hidden)
        return ColumnLayout(order: order, hidden: hidden.union(defaults.subtracting(named)))
    }

    /// `edited` (made over `withDefaults(hiding: defaults)`) as the user's layout: a default-hidden column
    /// still hidden, that this layout does not name, stays a default (so it shows once a row fills it).
    public func saving(_ edited: ColumnLayout, defaults: Set<String>) -> ColumnLayout {
        let still = defaults.subtracting(order).subtracting(hidden).intersection(edited.hidden)
        return ColumnLayout(order: edited.order.filter { !still.contains($0) }, hidden: edited.hidden.subtracting(still))
    }

    /// The columns to show, in order: the key columns first, then the layout's order, then the rest
    /// in their given order; hidden ones left out.
    public func apply(to columns: [ColumnInfo]) -> [ColumnInfo] {
        arranged(columns).filter { $0.isKey || !hidden.contains($0.key) }
    }

    /// Every column in the layout's order, hidden ones included (what the chooser lists).
    public func arranged(_ columns: [ColumnInfo]) -> [ColumnInfo] {
        let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let keys = columns.filter(\.isKey)
        let others = columns.enumerated().filter { !$0.element.isKey }
            .sorted { (rank[$0.element.key] ?? order.count, $0.offset) < (rank[$1.element.key] ?? order.count, $1.offset) }
            .map(\.element)
        return keys + others
    }

    /// The layout after the chooser's list: its order and hidden set for the columns it showed; columns
    /// the layout named that were not in the list keep their entries, after the listed ones.
    public func replacing(with items: [(key: String, visible: Bool)]) -> ColumnLayout {
        let listed = Set(items.map(\.key))
        let order = items.map(\.key) + self.order.filter { !listed.contains($0) }
        let hidden = Set(items.filter { !$0.visible }.map(\.key)).union(self.hidden.subtracting(listed))
        return ColumnLayout(order: order, hidden: hidden)
    }

    /// `{"order": [...], "hidden": [...]}` (hidden sorted, so the file is stable).
    public var json: JSON {
        ["order": .array(order.map(JSON.string)), "hidden": .array(hidden.sorted().map(JSON.string))]
    }

    public init?(json: JSON) {
        guard let order = json["order"]?.arrayValue, let hidden = json["hidden"]?.arrayValue else { return nil }
        let orderKeys = order.compactMap(\.stringValue)
        let hiddenKeys = hidden.compactMap(\.stringValue)
        guard orderKeys.count == order.count, hiddenKeys.count == hidden.count else { return nil }
        self.init(order: orderKeys, hidden: Set(hiddenKeys))
    }
}

/// Every resource's layout, as saved in one file per account:
/// `{"format": 1, "resources": {"deals": {"order": [...], "hidden": [...]}}}`.
public struct ColumnLayouts: Sendable, Equatable {
    public var byResource: [String: ColumnLayout]

    public init(_ byResource: [String: ColumnLayout] = [:]) { self.byResource = byResource }

    public subscript(resource: String) -> ColumnLayout {
        get { byResource[resource] ?? ColumnLayout() }
        set { byResource[resource] = newValue }
    }

    public var json: JSON {
        ["format": 1, "resources": .object(byResource.mapValues(\.json))]
    }

    /// Nil when the text is not a layouts file of this format.
    public init?(json: JSON) {
        guard json["format"] == 1, let resources = json["resources"]?.objectValue else { return nil }
        var byResource: [String: ColumnLayout] = [:]
        for (resource, body) in resources {
            guard let layout = ColumnLayout(json: body) else { return nil }
            byResource[resource] = layout
        }
        self.init(byResource)
    }
}
