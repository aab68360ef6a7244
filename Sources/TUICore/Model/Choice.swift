/// A record offered by an id picker.
public struct Choice: Sendable, Equatable {
    public var id: Int
    public var label: String

    public init(id: Int, label: String) {
        self.id = id
        self.label = label
    }
}
