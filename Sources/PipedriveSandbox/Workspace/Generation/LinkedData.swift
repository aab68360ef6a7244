import JSONValue

/// The ids the linked data draws on, read once from the sales tables (which may be empty).
struct Population {
    var deals: [Int]
    var persons: [Int]
    var organizations: [Int]
    var products: [Int]
    var activities: [Int]
    var users: [Int]
    var now: Int
    var scale: Int
    var hostile: Bool

    init(_ store: Store, _ options: GenerationOptions) {
        deals = store["deals"].ids
        persons = store["persons"].ids
        organizations = store["organizations"].ids
        products = store["products"].ids
        activities = store["activities"].ids
        users = store["users"].ids.filter { store["users"][$0]?["active_flag"] == true }
        if users.isEmpty { users = [1] }
        now = options.now
        scale = max(options.scale, 1)
        hostile = options.hostile
    }

    /// A moment in the last two years; one in ten within the last day, so `/recents` has something to show.
    func time(_ random: inout SeededRandom) -> Int {
        random.chance(0.1) ? now - Int.random(in: 60...86_000, using: &random) : now - Int.random(in: 86_400...730 * 86_400, using: &random)
    }

    /// A random id of `ids`, or nil with probability `1 - p` (and always when `ids` is empty).
    func maybe(_ ids: [Int], _ p: Double, _ random: inout SeededRandom) -> Int? {
        ids.isEmpty || !random.chance(p) ? nil : random.pick(ids)
    }
}

/// Generates everything linked to the sales rows.
enum LinkedData {
    static func generate(into store: inout Store, _ options: GenerationOptions) {
        let population = Population(store, options)
        FileData.generate(into: &store, population, seed: options.seed)
        MailData.generate(into: &store, population, seed: options.seed)
        RecordData.generate(into: &store, population, seed: options.seed)
        LinkData.generate(into: &store, population, seed: options.seed)
    }
}
