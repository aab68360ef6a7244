/// One entry of the hint bar: the keys of one or more actions (`j/k move`), or a fixed key where
/// keys are taken as typed (`↑↓ pick` in a prompt).
public struct Hint: Sendable, Equatable {
    public enum Keys: Sendable, Equatable {
        case actions([KeyAction])
        case fixed(String)
    }

    public var keys: Keys
    public var text: String

    public init(_ action: KeyAction, _ text: String) { self.init([action], text) }
    public init(_ actions: [KeyAction], _ text: String) { (keys, self.text) = (.actions(actions), text) }
    public init(fixed: String, _ text: String) { (keys, self.text) = (.fixed(fixed), text) }

    /// The key label in the user's keys: each action's first key, `/` between them.
    public func label(_ keyMap: KeyMap) -> String {
        switch keys {
        case .fixed(let text): text
        case .actions(let actions): actions.map(keyMap.label).filter { !$0.isEmpty }.joined(separator: "/")
        }
    }
}
