/// The user's keys for each `KeyAction`: the defaults, with the config's `"keys"` object applied.
/// Screens ask it which action a pressed key is in their context; the help and the hint bar ask it
/// which keys an action has. There is no translation of keys: a key the user moved away from an
/// action simply has no action any more.
public struct KeyMap: Sendable, Equatable {
    /// Action → the keys that now trigger it, in the user's order.
    private var keysByAction: [KeyAction: [Key]]
    /// Key → the actions it triggers (several only where their contexts never meet).
    private var actionsByKey: [Key: [KeyAction]] = [:]

    /// The default keys.
    public init() {
        try! self.init(overrides: [])
    }

    /// The defaults with `overrides` (action name → its new keys) applied. Throws on an unknown
    /// name, an unreadable key, or a key left on two actions that can apply at once.
    public init(overrides: [(name: String, keys: [String])]) throws(KeyMapError) {
        var keys = Dictionary(uniqueKeysWithValues: KeyAction.allCases.map { ($0, $0.defaultKeys) })
        for (name, texts) in overrides {
            guard let action = KeyAction(rawValue: name) else { throw .unknownBinding(name) }
            guard !texts.isEmpty else { throw .badKey(binding: name, key: "", reason: "give at least one key") }
            var parsed: [Key] = []
            for text in texts {
                let key: Key
                do { key = try Key(parsing: text) } catch { throw .badKey(binding: name, key: text, reason: error.reason) }
                if key == .ctrl("c") { throw .badKey(binding: name, key: text, reason: "Ctrl-C always quits") }
                parsed.append(key)
            }
            keys[action] = parsed
        }
        keysByAction = keys
        for action in KeyAction.allCases {
            for key in keys[action] ?? [] {
                if let other = actionsByKey[key]?.first(where: { $0.meets(action) }) {
                    throw .conflict(key: key.label, first: other.name, second: action.name)
                }
                actionsByKey[key, default: []].append(action)
            }
        }
    }

    /// The action a key triggers where keys are read in `context`, if any.
    public func action(for key: Key, in context: KeyContext) -> KeyAction? {
        actionsByKey[key]?.first { $0.applies(in: context) }
    }

    /// The keys that now trigger an action.
    public func keys(_ action: KeyAction) -> [Key] { keysByAction[action] ?? [] }

    /// How hints show an action: its first key (`j`, `^F`, `Enter`), or nothing when it has none.
    public func label(_ action: KeyAction) -> String { keys(action).first?.label ?? "" }
}

extension KeyAction {
    /// Whether the two actions can both apply to one key press.
    func meets(_ other: KeyAction) -> Bool {
        contexts.contains { a in other.contexts.contains { a.meets($0) } }
    }
}

public enum KeyMapError: Error, Equatable, CustomStringConvertible {
    case unknownBinding(String)
    case badKey(binding: String, key: String, reason: String)
    case conflict(key: String, first: String, second: String)

    public var description: String {
        switch self {
        case .unknownBinding(let name):
            let names = KeyAction.allCases.map(\.name).joined(separator: ", ")
            return "\"keys\": no binding named \"\(name)\" (the bindings are: \(names))"
        case .badKey(let binding, let key, let reason):
            return "\"keys\": \"\(binding)\": \"\(key)\" is not a key pdtui can bind: \(reason)"
        case .conflict(let key, let first, let second):
            return "\"keys\": \(key) would trigger both \"\(first)\" and \"\(second)\"; give one of them another key"
        }
    }
}
