import Foundation

/// What account to generate.
public struct GenerationOptions: Sendable {
    public var seed: UInt64
    /// Multiplies the default size (a small company, thousands of deals).
    public var scale: Int
    /// Adds hostile values: escape sequences and control characters, 10,000-character strings, odd numbers.
    public var hostile: Bool
    /// The moment the account is generated at; timestamps lie before it, some within the last day.
    public var now: Int

    public init(seed: UInt64 = 1, scale: Int = 1, hostile: Bool = false, now: Int = Int(Date().timeIntervalSince1970)) {
        self.seed = seed
        self.scale = scale
        self.hostile = hostile
        self.now = now
    }
}

/// Builds a deterministic account from the options.
public enum AccountGenerator {
    public static func generate(_ options: GenerationOptions) -> Store {
        var store = Store(clock: options.now)
        // Users, teams, roles, activity types, currencies: everything else refers to them.
        WorkspaceData.generatePeople(into: &store, options)
        // Pipelines, stages, custom fields, organizations, persons, products, deals, leads, activities, notes.
        SalesData.generate(into: &store, options)
        // Files, mail, followers, participants, flow, call logs, filters, goals, webhooks, subscriptions, relationships.
        WorkspaceData.generateLinked(into: &store, options)
        return store
    }
}
